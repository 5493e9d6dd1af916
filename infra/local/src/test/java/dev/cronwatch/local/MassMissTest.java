package dev.cronwatch.local;

import static dev.cronwatch.local.FaultDrill.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.adapters.dynamo.BulkLoader;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.adapters.dynamo.DynamoWholeStore;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.service.ClockService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cron host dies and all its jobs miss together: 2,000 environments due at one tick, through the
 * in-process stack with four queue workers, and the clock invocation cut off half-way through queueing
 * their judgements (as a timed-out invocation would be). The next tick carries on: every environment
 * gets exactly one MISSED for the slot and exactly one alert, and replaying the tick adds nothing.
 */
class MassMissTest {
    private static final int MONITORS = 1_000;
    private static final List<String> ENVIRONMENTS = List.of("production", "staging");
    private static final int DUE = MONITORS * ENVIRONMENTS.size();
    private static final MonitorConfig EVERY_HALF_HOUR = new MonitorConfigParser("")
            .parse(Map.of("schedule", "*/30 * * * *", "checkin_margin", 5));

    @TempDir
    Path dataDir;

    @Test
    void twoThousandEnvironmentsMissAtOneTick_theClockCutOffHalfWay_eachGetsOneMissedPerSlotAndOneAlert() throws Exception {
        try (FaultDrill drill = new FaultDrill(dataDir, null, "--workers", "4")) {
            long seedStart = System.nanoTime();
            seed(drill.controls);
            double seedSeconds = seconds(seedStart);

            // 00:35: the deadline of the 00:30 slot for all of them; the clock queues half and is cut off
            drill.controls.setTime(at(35));
            drill.faults.cutOffClockAfter(DUE / 2);
            long cutStart = System.nanoTime();
            assertThatThrownBy(() -> drill.controls.tickWithoutDraining(at(35))).hasMessageContaining("cut off");
            drill.settle(at(35));
            double cutSeconds = seconds(cutStart);
            int alertsAfterCutOff = drill.controls.notifications().size();
            assertThat(alertsAfterCutOff).as("what was queued before the cut-off was judged and alerted").isEqualTo(DUE / 2);

            long nextStart = System.nanoTime();
            ClockService.TickResult next = drill.tick(at(36));
            double nextSeconds = seconds(nextStart);
            assertThat(next.failures()).isEmpty();
            assertThat(next.queued()).as("the next tick carries on with the rest").isEqualTo(DUE / 2);
            assertThat(drill.tick(at(36)).queued()).as("replayed, the tick finds nothing left").isZero();

            long checkStart = System.nanoTime();
            Map<String, Integer> missedBySlot = new TreeMap<>();
            List<String> wrong = new ArrayList<>();
            WholeStore store = DynamoWholeStore.of(drill.controls.ports().stores(), drill.controls.backends().dynamoDb(),
                drill.controls.backends().table());
            for (int m = 0; m < MONITORS; m++) {
                MonitorKey key = key(m);
                Map<String, List<Instant>> missed = new HashMap<>();
                List<CheckIn> checkIns = store.checkIns(key, null, null, 100).items();
                for (CheckIn c : checkIns) {
                    if (c.status() == CheckInStatus.MISSED) missed.computeIfAbsent(c.environment(), e -> new ArrayList<>()).add(c.expectedTime());
                    missedBySlot.merge(c.status().wireName() + " " + c.expectedTime(), 1, Integer::sum);
                }
                for (String env : ENVIRONMENTS) {
                    List<Instant> slots = missed.getOrDefault(env, List.of()).stream().sorted().toList();
                    if (!slots.equals(List.of(at(30)))) wrong.add(key.slug() + "/" + env + " missed " + slots);
                }
            }
            Map<String, Integer> alertsPerEnvironment = new HashMap<>();
            Map<String, Integer> alertIds = new HashMap<>();
            List<Map<String, Object>> published = drill.controls.notifications();
            List<Instant> sentAt = drill.publishedAt();
            Duration latest = Duration.ZERO;
            for (int i = 0; i < published.size(); i++) {
                Map<String, Object> n = published.get(i);
                Map<String, Object> a = EndToEndSuite.attributes(n);
                Map<String, Object> message = Json.parseObject((String) n.get("message"));
                Duration late = Duration.between(Instant.parse((String) message.get("dateStarted")).plus(EVERY_HALF_HOUR.margin()),
                        sentAt.get(i));
                if (late.compareTo(latest) > 0) latest = late;
                alertsPerEnvironment.merge(a.get("monitor") + "/" + a.get("environment") + "/" + a.get("type"), 1, Integer::sum);
                alertIds.merge(message.get("incidentId") + ":" + message.get("type"), 1, Integer::sum);
            }
            long duplicated = alertIds.values().stream().filter(n -> n > 1).count();
            System.out.printf("MASS MISS %,d environments (%,d monitors, 4 workers), seeded in %.1f s: cut-off tick queued %,d"
                            + " then failed (with its queue applied: %.1f s), next tick queued %,d (%.1f s); MISSED expected %,d /"
                            + " recorded %s (read back in %.1f s); alerts expected %,d / sent %,d / duplicated %d, %,d after the cut-off and the"
                            + " rest at the next tick (the latest %d min after its deadline); environments wrong %d%n",
                    DUE, MONITORS, seedSeconds, DUE / 2, cutSeconds, next.queued(), nextSeconds, DUE, missedBySlot, seconds(checkStart),
                    DUE, published.size(), duplicated, alertsAfterCutOff, latest.toMinutes(), wrong.size());

            assertThat(wrong).as("environments without exactly one MISSED per slot").isEmpty();
            assertThat(alertsPerEnvironment).hasSize(DUE).allSatisfy((env, n) -> assertThat(n).as(env).isEqualTo(1));
            assertThat(alertsPerEnvironment.keySet()).allMatch(k -> k.endsWith("/incident.opened"));
            assertThat(duplicated).isZero();
            // the half cut off waited for the next minute's tick, no longer
            assertThat(latest).isEqualTo(Duration.ofMinutes(1));
            assertThat(drill.deadLetters()).isZero();
        }
    }

    private static MonitorKey key(int m) {
        return new MonitorKey(FaultDrill.ORG, "host-job-" + m);
    }

    /** Monitors whose last check-in was at 00:00, written in bulk as the store keeps them: 00:30 is next. */
    private static void seed(LocalControls controls) {
        Instant created = FaultDrill.T0.minus(Duration.ofDays(1));
        List<Monitor> monitors = new ArrayList<>();
        List<MonitorEnvironment> environments = new ArrayList<>();
        for (int m = 0; m < MONITORS; m++) {
            MonitorKey key = key(m);
            monitors.add(new Monitor(key, "id-" + m, LocalCredentials.PROJECT_ID, key.slug(), MonitorStatus.ACTIVE, false,
                    EVERY_HALF_HOUR, created, ENVIRONMENTS, 1));
            for (String env : ENVIRONMENTS) {
                environments.add(MonitorEnvironment.create(key, env, created).withTimes(FaultDrill.T0, at(30), at(35)));
            }
        }
        new BulkLoader(controls.backends().dynamoDb(), controls.backends().table()).load(monitors, environments);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
