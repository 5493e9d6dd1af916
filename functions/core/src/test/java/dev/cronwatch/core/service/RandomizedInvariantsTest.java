package dev.cronwatch.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.rules.CheckInRules;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Long seeded sequences of check-ins, redeliveries and ticks over many monitors, checking after every
 * step the invariants the rules promise. A failing seed is printed in the test name: rerun it alone.
 */
class RandomizedInvariantsTest {
    private static final int MONITORS = 12;
    private static final int STEPS = 1_500;
    private static final List<String> CRONTABS = List.of("* * * * *", "*/5 * * * *", "0 * * * *", "30 2 * * *",
            "15 3 * * *", "0 9 * * 1-5", "*/15 1-4 * * *", "0 0 1 * *");
    private static final List<String> ZONES = List.of("UTC", "Europe/Riga", "America/New_York", "Australia/Lord_Howe");
    private static final List<String> UNITS = List.of("minute", "hour", "day");

    static Stream<Long> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(Long.getLong("seeds", 24));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void invariantsHold(long seed) {
        new Run(seed).play();
    }

    private static final class Run {
        final Random random;
        final InMemoryMonitorStore store = new InMemoryMonitorStore();
        final RecordingPublisher publisher = new RecordingPublisher();
        final ManualClock clock = ManualClock.at("2021-03-27T22:00:00Z"); // spans the EU spring DST change
        final ProcessorService processor;
        final ClockService clockService;
        final List<MonitorKey> keys = new ArrayList<>();
        final Map<MonitorKey, Map<String, Object>> configs = new HashMap<>();
        final Map<MonitorKey, List<String>> openIds = new HashMap<>();
        final RecordingQueue queue = new RecordingQueue(clock);
        final Map<String, RecordingQueue.Delivery> lastDeliveryOfEnv = new HashMap<>();
        int sequence;

        Run(long seed) {
            random = new Random(seed);
            AlertDispatcher alerts = new AlertDispatcher(store, publisher, clock);
            processor = new ProcessorService(store, new CheckInRules(6, 10_000), alerts, clock);
            clockService = new ClockService(store, queue, processor, alerts, clock, Duration.ofMinutes(15),
                    Duration.ofSeconds(30));
            for (int i = 0; i < MONITORS; i++) {
                MonitorKey key = new MonitorKey("org", "m" + i);
                keys.add(key);
                configs.put(key, randomConfig());
                openIds.put(key, new ArrayList<>());
            }
        }

        Map<String, Object> randomConfig() {
            Map<String, Object> c = new LinkedHashMap<>();
            if (random.nextInt(3) == 0) {
                c.put("schedule", List.of(1 + random.nextInt(30), UNITS.get(random.nextInt(UNITS.size()))));
            } else {
                c.put("schedule", CRONTABS.get(random.nextInt(CRONTABS.size())));
            }
            c.put("checkin_margin", 1 + random.nextInt(10));
            c.put("max_runtime", 1 + random.nextInt(60));
            c.put("timezone", ZONES.get(random.nextInt(ZONES.size())));
            c.put("failure_issue_threshold", 1 + random.nextInt(4));
            c.put("recovery_threshold", 1 + random.nextInt(3));
            return c;
        }

        void play() {
            Instant lastTick = clock.instant().truncatedTo(ChronoUnit.MINUTES);
            for (int step = 0; step < STEPS; step++) {
                clock.advance(Duration.ofSeconds(random.nextInt(240)));
                int action = random.nextInt(10);
                if (action < 2) {
                    Instant tick = clock.instant().truncatedTo(ChronoUnit.MINUTES);
                    tickAndCheck(tick);
                    lastTick = tick;
                } else if (action == 2) {
                    redeliver();
                } else {
                    checkIn();
                }
                checkInvariants();
            }
            // Replaying the last tick changes nothing.
            Map<String, MonitorEnvironment> before = environments();
            int published = publisher.published().size();
            clockService.tick(lastTick);
            work();
            assertThat(environments()).isEqualTo(before);
            assertThat(publisher.published()).hasSize(published);
        }

        void checkIn() {
            MonitorKey key = keys.get(random.nextInt(keys.size()));
            String env = random.nextInt(5) == 0 ? "dev" : null;
            CheckInStatus status = List.of(CheckInStatus.IN_PROGRESS, CheckInStatus.OK, CheckInStatus.OK,
                    CheckInStatus.ERROR).get(random.nextInt(4));
            List<String> open = openIds.get(key);
            String id;
            boolean latest = random.nextBoolean();
            if (latest) {
                id = UUID.randomUUID().toString();
            } else if (status != CheckInStatus.IN_PROGRESS && !open.isEmpty() && random.nextInt(4) > 0) {
                id = open.remove(random.nextInt(open.size()));
            } else {
                id = UUID.randomUUID().toString();
                if (status == CheckInStatus.IN_PROGRESS) open.add(id);
            }
            Long duration = random.nextInt(6) == 0 ? (long) random.nextInt(600_000) : null;
            CheckInMessage message = new CheckInMessage("msg" + (++sequence), key, "1", id, latest, status, env,
                    duration, configs.get(key), clock.instant());
            MonitorEnvironment envBefore = store.environment(key, message.environmentOrDefault()).orElse(null);
            queue.send(message, message.messageId());
            List<ProcessorService.MessageOutcome> applied = work();
            MonitorEnvironment envAfter = store.environment(key, message.environmentOrDefault()).orElse(null);
            if (applied.get(0).kind() == ProcessorService.MessageOutcome.Kind.APPLIED && envAfter != null
                    && envAfter.nextCheckIn() != null
                    && envBefore != null && envBefore.nextCheckIn() != envAfter.nextCheckIn()
                    && !envAfter.nextCheckIn().equals(envBefore.nextCheckIn())) {
                // The schedule only ever moves past the reference it was computed from.
                assertThat(envAfter.nextCheckIn()).isAfter(message.receivedAt());
            }
        }

        /** Applies what the queue holds, in order, as one worker would. */
        List<ProcessorService.MessageOutcome> work() {
            List<ProcessorService.MessageOutcome> applied = new ArrayList<>();
            while (!queue.isEmpty()) {
                for (RecordingQueue.Delivery d : queue.takeAll()) {
                    applied.add(processor.apply(d.message(), d.sequence()));
                    lastDeliveryOfEnv.put(d.message().monitor() + "#" + d.message().environmentOrDefault(), d);
                }
            }
            return applied;
        }

        void redeliver() {
            if (lastDeliveryOfEnv.isEmpty()) return;
            List<RecordingQueue.Delivery> candidates = new ArrayList<>(lastDeliveryOfEnv.values());
            RecordingQueue.Delivery delivery = candidates.get(random.nextInt(candidates.size()));
            Map<String, MonitorEnvironment> before = environments();
            List<CheckIn> checkInsBefore = allCheckIns();
            int alerts = publisher.published().size();
            processor.apply(delivery.message(), delivery.sequence());
            assertThat(environments()).as("redelivery of %s", delivery).isEqualTo(before);
            assertThat(allCheckIns()).isEqualTo(checkInsBefore);
            assertThat(publisher.published()).hasSize(alerts);
        }

        void tickAndCheck(Instant tick) {
            Map<String, Instant> lastCheckIns = new HashMap<>();
            environments().forEach((k, e) -> lastCheckIns.put(k, e.lastCheckIn()));
            // One judgement covers at most ClockRules.MAX_DEADLINES_PER_JUDGEMENT deadlines per environment
            // (long gaps between ticks leave the rest due); repeating the tick works off the rest.
            for (int i = 0; i < 10; i++) {
                var result = clockService.tick(tick);
                assertThat(result.failures()).isEmpty();
                if (result.due() == 0) break;
                work();
            }
            environments().forEach((k, e) -> {
                // Misses and timeouts never move the last check-in.
                assertThat(e.lastCheckIn()).as("last check-in of %s", k).isEqualTo(lastCheckIns.get(k));
                // Nothing is left due after a tick (no backlog here).
                if (e.dueAt() != null) {
                    assertThat(e.dueAt()).as("due of %s: %s", k, e).isAfter(tick);
                }
            });
        }

        void checkInvariants() {
            for (MonitorKey key : keys) {
                Monitor monitor = store.monitor(key).orElse(null);
                if (monitor == null) continue;
                int threshold = monitor.config().failureThreshold();
                List<Incident> incidents = store.incidents(key, null, 10_000).items();
                List<CheckIn> checkIns = store.allCheckIns(key);
                for (MonitorEnvironment env : store.environments(key)) {
                    List<Incident> open = incidents.stream()
                            .filter(i -> i.environment().equals(env.name()) && i.isOpen()).toList();
                    assertThat(open).as("open incidents of %s/%s", key, env.name()).hasSizeLessThanOrEqualTo(1);
                    assertThat(env.status() == EnvironmentStatus.ERROR).isEqualTo(!open.isEmpty());
                    assertThat(env.activeIncident() == null).isEqualTo(open.isEmpty());
                    if (env.nextCheckIn() != null) {
                        assertThat(env.nextCheckIn()).isEqualTo(env.nextCheckIn().truncatedTo(ChronoUnit.MINUTES));
                        assertThat(env.nextCheckInLatest()).isEqualTo(env.nextCheckIn().plus(monitor.config().margin()));
                    }
                }
                for (Incident incident : incidents) {
                    long failures = checkIns.stream()
                            .filter(c -> c.environment().equals(incident.environment()))
                            .filter(c -> c.status().isFailure())
                            .filter(c -> !c.dateAdded().isBefore(incident.dateStarted()))
                            .count();
                    assertThat(failures).as("failures behind incident %s", incident.id()).isGreaterThanOrEqualTo(threshold);
                }
                // Exactly one alert per transition: opened once per incident, resolved once per resolution.
                Map<String, List<AlertType>> byIncident = new HashMap<>();
                for (PendingAlert a : publisher.published()) {
                    byIncident.computeIfAbsent(a.incidentId(), x -> new ArrayList<>()).add(a.type());
                }
                for (Incident incident : incidents) {
                    List<AlertType> types = byIncident.getOrDefault(incident.id(), List.of());
                    assertThat(types).as("alerts of incident %s", incident.id())
                            .isEqualTo(incident.isOpen() ? List.of(AlertType.OPENED)
                                    : List.of(AlertType.OPENED, AlertType.RESOLVED));
                }
            }
        }

        Map<String, MonitorEnvironment> environments() {
            Map<String, MonitorEnvironment> all = new LinkedHashMap<>();
            for (MonitorKey key : keys) {
                for (MonitorEnvironment e : store.environments(key)) all.put(key + "#" + e.name(), e);
            }
            return all;
        }

        List<CheckIn> allCheckIns() {
            List<CheckIn> all = new ArrayList<>();
            for (MonitorKey key : keys) all.addAll(store.allCheckIns(key));
            return all;
        }
    }
}
