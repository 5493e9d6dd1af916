package dev.cronwatch.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.fakes.FakeServices;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.fakes.StoreFaults;
import dev.cronwatch.core.ingest.CheckInCommand;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.queue.QueueMessage;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.ProcessorService.MessageOutcome;
import dev.cronwatch.core.service.ProcessorService.MessageOutcome.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded runs of several monitors through the real ingest, queue order, processor, clock, management
 * API and alert outbox, each step checked against {@link ReferenceModel}: after every message its
 * outcome with the processing error it records (which one), its monitor's environments (status, next
 * expected time, deadline, incident) and incidents, the check-ins it wrote and the alerts it made;
 * after every clock tick the exact check-ins of every monitor (every MISSED once, dated at its slot),
 * environments, incidents and alerts.
 *
 * <p>Monitors of two organizations, one with more monitors to make than its limit allows, and of two
 * projects of one organization, at most {@value #NEW_MONITORS_PER_MINUTE} created per organization and
 * minute; four environments; a rate limit of {@value #RATE_LIMIT} check-ins per
 * environment and minute that bursts exceed. Schedules in every form: crontab (nicknames and
 * {@code {"type": …}} too), intervals, OnCalendar (weekdays, lists, ranges, steps, specials, a zone).
 * Check-ins with a duration (sent, or derived from the start), runs that time out and end later, ends
 * of runs started months before (longer than a duration can say), check-ins naming a missed
 * check-in, a finished run or another environment's, invalid configs, upserts that send only some keys.
 *
 * <p>The runs throw at the system what production will: config changes (management API and upserts),
 * a stopped processor and its backlog, requests stamped in one order and queued in another (within
 * the HTTP function's 2 s send timeout), retries of finished runs, client retries of a request,
 * redelivery of any of the last 31 messages applied, poison messages that fail until set aside,
 * muted and disabled monitors, a publisher that fails for minutes, minutes the clock skips or runs
 * twice, and two stretches of a year around a spring and an autumn clock change of one zone.
 *
 * <p>Besides the model, four properties are asserted on the system itself: (a) after a tick no
 * deadline of an enabled monitor is older than the judgement bound; (b) a MISSED made through the
 * queue never has a check-in received before its deadline still waiting behind it, and one made by
 * the clock itself is of an environment overdue by more than the bound; (c) every accepted check-in
 * is applied exactly once; (d) every incident transition is published exactly once, opening first.
 *
 * <p>A failing seed is printed in the test name: {@code -Dseed=N} runs it alone, {@code -Dseeds=N}
 * runs seeds 1 to N (default 8). A fresh seed is played on every run too, and only printed.
 */
class ReferenceModelTest {
    /** Organization "org" has more monitors to make than its limit allows; "acme" fewer. */
    private static final List<String> ORGS = List.of("org", "org", "org", "org", "org", "org", "org", "acme", "acme", "acme");
    private static final int MONITOR_LIMIT = 5;
    private static final int RATE_LIMIT = 3;
    /** Low enough that first check-ins of two new monitors in one minute meet it (at 2, no seed does). */
    private static final int NEW_MONITORS_PER_MINUTE = 1;
    private static final Duration BOUND = Duration.ofMinutes(15);
    private static final Duration INGEST_GRACE = Duration.ofSeconds(3);
    private static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);
    private static final int OWN_FAILURES_BEFORE_SET_ASIDE = 3;
    private static final int REDELIVERABLE = 31;
    private static final int MONITORS = 10;
    private static final Duration EPISODE = Duration.ofHours(7);
    private static final String POISON = "poison";
    private static final List<String> CRONTABS = List.of("* * * * *", "*/5 * * * *", "*/10 * * * *", "0 * * * *",
            "30 2 * * *", "15 3 * * *", "*/15 1-4 * * *", "0 9 * * 1-5", "0 0 1 * *", "45 1,2,3 * * *", "@hourly",
            "@daily", " 0  *  * * * ");
    /** The OnCalendar forms the model reads: weekday lists, hour and minute lists, ranges and steps, specials, zones. */
    private static final List<String> CALENDARS = List.of("daily", "hourly", "*-*-* 02:30", "*:0/10", "*:00,30",
            "Mon..Fri 09:00", "Sat,Sun 03:15", "Mon-Wed,Fri *:0/20", "*-*-* 01..03:00/15", "*-*-* 01,02:45",
            "minutely", "*-*-* 02:30 Europe/Riga", "*:0/15 America/New_York", "Mon..Fri 01:30\nSat,Sun 02:10",
            "*-*-* 00..04:07,37 UTC");
    /** Configs the spec refuses, one key each: the check-in is applied without it, or refused if it would create. */
    private static final List<Map<String, Object>> INVALID = List.of(Map.of("schedule", "61 * * * *"),
            Map.of("schedule", "*/5 * * * *", "max_runtime", 0), Map.of("schedule", "*/5 * * * *", "timezone", "UTC+2"),
            Map.of("schedule", "*/5 * * * *", "failure_issue_threshold", 0),
            Map.of("schedule", "Mon 25:00", "schedule_type", "oncalendar"), Map.of("checkin_margin", 5));
    private static final List<String> UNITS = List.of("minute", "minute", "hour", "day");
    private static final List<String> CHANGING_ZONES = List.of("Europe/Riga", "America/New_York", "Australia/Lord_Howe",
            "Europe/London", "America/Santiago");
    private static final List<String> OTHER_ZONES = List.of("UTC", "Asia/Kolkata", "Europe/Riga", "America/New_York");
    private static final MonitorConfigParser PARSER = new MonitorConfigParser("monitor_config.");

    static Stream<Long> seeds() {
        Long one = Long.getLong("seed");
        if (one != null) return Stream.of(one);
        return LongStream.rangeClosed(1, Long.getLong("seeds", 8)).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theSystemDoesWhatTheReferenceModelSays(long seed) {
        new Simulation(seed).play();
    }

    /**
     * A fresh seed each run explores further. What it finds is printed with the command that
     * reproduces it and fails nothing: the fixed seeds above hold the build.
     */
    @Test
    void aFreshSeed_isPlayedAndAnyDivergencePrinted() {
        assumeTrue(System.getProperty("seed") == null, "a single seed was asked for");
        long fresh = System.nanoTime();
        try {
            new Simulation(fresh).play();
        } catch (AssertionError | RuntimeException e) {
            System.out.printf("[reference model] fresh seed %d DIVERGES, rerun with: mvnl -B -o -pl functions/core -am test"
                    + " -Dtest=ReferenceModelTest -Dseed=%d%n%s%n", fresh, fresh, e);
        }
    }

    /** A request the HTTP function has stamped and is still sending (the queue has not got it yet). */
    private record Sending(CheckInMessage message, String deduplicationId, String modelKey, Instant arrivesAt, long order) {
    }

    /** A message in the queue; {@code notBefore} is when a failed one is visible again. */
    private static final class Waiting {
        final RecordingQueue.Delivery delivery;
        int failures;
        Instant notBefore;

        Waiting(RecordingQueue.Delivery delivery) {
            this.delivery = delivery;
        }
    }

    private record Event(Instant at, long order, Runnable action) {
    }

    private static final class Simulation {
        final long seed;
        final Random random;
        final ManualClock clock = ManualClock.at("2022-01-01T00:00:00Z");
        final InMemoryMonitorStore memory = new InMemoryMonitorStore();
        final WholeStore store = StoreFaults.wrap(memory, new StoreFaults.Hooks() {
            @Override
            public void beforeLoad(MonitorKey monitor, String environment) {
                if (POISON.equals(environment)) throw new IllegalStateException("poison: can never be applied");
            }
        });
        final RecordingPublisher publisher = new RecordingPublisher();
        final RecordingQueue queue = new RecordingQueue(clock);
        final List<Sending> sending = new ArrayList<>();
        final List<Waiting> waiting = new ArrayList<>();
        final ProcessorService processor;
        final ClockService clockService;
        final IngestService ingest;
        final MonitorService admin;
        final ReferenceModel model = new ReferenceModel(RATE_LIMIT, MONITOR_LIMIT, NEW_MONITORS_PER_MINUTE);
        final List<MonitorKey> keys = new ArrayList<>();
        final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at.equals(b.at)
                ? Long.compare(a.order, b.order) : a.at.compareTo(b.at));

        // what the generator keeps to make realistic requests
        final Map<MonitorKey, Map<String, Object>> sdkConfig = new HashMap<>();
        final Map<MonitorKey, String> homeProject = new HashMap<>();
        final List<String[]> startedRuns = new ArrayList<>();
        final Map<MonitorKey, List<String[]>> finishedRuns = new HashMap<>();
        final Map<MonitorKey, CheckInCommand> lastCommand = new HashMap<>();
        String zone;
        Duration sendDelay = Duration.ZERO;
        long ids;
        long order;

        // what the checks keep
        final Map<String, Instant> modelDeduplication = new HashMap<>();
        final Map<String, Instant> modelJudgementsSent = new HashMap<>();
        final Deque<RecordingQueue.Delivery> recentlyApplied = new ArrayDeque<>();
        final Map<String, Integer> processed = new HashMap<>();
        final Map<String, Integer> applied = new HashMap<>();
        final Set<String> accepted = new HashSet<>();
        final Set<String> setAside = new HashSet<>();
        Instant nextTick;
        Instant lastTick;
        Instant lastStamp = Instant.EPOCH;
        Instant clockDownUntil = Instant.EPOCH;
        boolean paused;
        boolean publisherDown;
        Instant publisherUpSince = Instant.EPOCH;
        int sweepsSinceCaughtUp = 2;
        final Map<String, Integer> counts = new TreeMap<>();

        Simulation(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
            AlertDispatcher alerts = new AlertDispatcher(store, publisher, clock);
            processor = new ProcessorService(store, new CheckInRules(RATE_LIMIT, MONITOR_LIMIT, NEW_MONITORS_PER_MINUTE,
                    Monitor.MAX_ENVIRONMENTS), alerts, clock);
            clockService = new ClockService(store, queue, processor, alerts, clock, BOUND, Duration.ofSeconds(30));
            CheckInQueue http = new CheckInQueue() {
                @Override
                public void send(CheckInMessage message, String deduplicationId) {
                    sending.add(new Sending(message, deduplicationId, modelKey(message), clock.instant().plus(sendDelay),
                            order++));
                }

                @Override
                public void sendJudgements(List<Judgement> judgements) {
                    throw new UnsupportedOperationException("the HTTP function queues no judgements");
                }
            };
            ingest = new IngestService(http, clock, () -> new UUID(seed, ++ids));
            admin = FakeServices.monitors(store, new InMemoryTenantDirectory(), clock, () -> new UUID(-seed, ++ids));
            for (int i = 0; i < MONITORS; i++) {
                MonitorKey key = new MonitorKey(ORGS.get(i), "m" + i);
                keys.add(key);
                homeProject.put(key, key.organization().equals("acme") ? "7" : i % 2 == 0 ? "1" : "2");
            }
        }

        void play() {
            zone = CHANGING_ZONES.get(random.nextInt(CHANGING_ZONES.size()));
            var rules = ZoneId.of(zone).getRules();
            Instant first = rules.nextTransition(Instant.parse("2022-01-01T00:00:00Z")).getInstant();
            Instant second = rules.nextTransition(first).getInstant();
            for (Instant change : List.of(first, second)) {
                Instant start = change.minus(Duration.ofMinutes(60 + random.nextInt(240))).truncatedTo(ChronoUnit.MINUTES)
                        .plusSeconds(10);
                if (lastTick == null) {
                    clock.set(start);
                } else {
                    settle();
                    for (MonitorKey key : model.monitors.keySet()) setDisabled(key, true);
                    clock.set(start);
                    for (MonitorKey key : model.monitors.keySet()) setDisabled(key, false);
                }
                nextTick = start.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)).plus(INGEST_GRACE);
                Instant end = start.plus(EPISODE);
                while (clock.instant().isBefore(end)) {
                    advanceTo(clock.instant().plusMillis(1_000 + random.nextInt(75_000)));
                    act();
                }
            }
            settle();
            finalChecks();
        }

        // ---- time ----

        /** Runs everything due up to {@code target}: requests reaching the queue, ticks, scheduled events. */
        void advanceTo(Instant target) {
            while (true) {
                Sending arriving = sending.stream().min((a, b) -> a.arrivesAt.equals(b.arrivesAt)
                        ? Long.compare(a.order, b.order) : a.arrivesAt.compareTo(b.arrivesAt)).orElse(null);
                Instant t = nextTick;
                if (arriving != null && !arriving.arrivesAt.isAfter(t)) t = arriving.arrivesAt;
                Event event = events.peek();
                if (event != null && event.at.isBefore(t)) t = event.at;
                if (t.isAfter(target)) break;
                if (t.isAfter(clock.instant())) clock.set(t);
                if (arriving != null && t.equals(arriving.arrivesAt)) {
                    arrive(arriving);
                    work();
                } else if (t.equals(nextTick)) {
                    tickOfTheMinute();
                    nextTick = nextTick.plus(Duration.ofMinutes(1));
                } else {
                    events.poll().action.run();
                }
            }
            if (target.isAfter(clock.instant())) clock.set(target);
        }

        void later(Duration in, Runnable action) {
            events.add(new Event(clock.instant().plus(in), order++, action));
        }

        /** Everything stops failing, then time runs on (ticks only) until the queue is empty and alerts are out. */
        void settle() {
            events.clear();
            paused = false;
            publisherUp();
            clockDownUntil = Instant.EPOCH;
            Instant until = clock.instant().plus(Duration.ofMinutes(40));
            while (clock.instant().isBefore(until)) advanceTo(clock.instant().plusSeconds(30));
            assertThat(sending).isEmpty();
            assertThat(waiting).as("queue after settling").isEmpty();
            compareWithModel();
            checkAlerts(true);
        }

        // ---- the clock ----

        void tickOfTheMinute() {
            Instant minute = nextTick.minus(INGEST_GRACE);
            if (clock.instant().isBefore(clockDownUntil) || random.nextInt(40) == 0) {
                count("minutes without a tick");
                return;
            }
            tick(minute);
            if (random.nextInt(30) == 0) {
                count("minutes ticked twice");
                later(Duration.ofMillis(1 + random.nextInt(50_000)), () -> tick(minute));
            }
        }

        void tick(Instant minute) {
            Instant now = clock.instant();
            Set<String> judgeHere = new HashSet<>();
            List<String[]> judgedByModel = new ArrayList<>();
            Set<String> toQueue = new HashSet<>();
            Set<String> overdue = new HashSet<>();
            for (String[] due : model.due(minute)) {
                Instant dueAt = Instant.parse(due[2]);
                if (!dueAt.isAfter(minute.minus(BOUND))) {
                    judgeHere.add(due[0] + "/" + due[1] + " due " + dueAt);
                    judgedByModel.add(due);
                    overdue.add(due[0] + "#" + due[1]);
                    continue;
                }
                String id = due[0] + "\n" + due[1] + "\n" + dueAt;
                Instant sent = modelJudgementsSent.get(id);
                if (sent == null || !now.isBefore(sent.plus(DEDUPLICATION_WINDOW))) {
                    modelJudgementsSent.put(id, now);
                    toQueue.add(due[0] + "/" + due[1] + " due " + dueAt + " tick " + minute);
                }
            }
            Map<String, Set<Instant>> missedBefore = missedSlots();

            ClockService.TickResult result = clockService.tick(minute);

            if (!publisherDown) assertThat(result.failures()).as("failures of tick %s", minute).isEmpty();
            assertThat(result.failures()).allMatch(f -> f.contains("publisher down"));
            assertThat(result.judgedHere().stream().map(Object::toString).collect(Collectors.toSet()))
                    .as("judged by the clock itself at %s", minute).isEqualTo(judgeHere);
            for (String[] due : judgedByModel) {
                model.judge(keyOf(due[0]), due[1], minute, -1);
                count("judged by the clock past the bound");
            }
            // (b) the tick itself misses only environments overdue by more than the bound
            missedSlots().forEach((env, slots) -> {
                Set<Instant> added = new HashSet<>(slots);
                added.removeAll(missedBefore.getOrDefault(env, Set.of()));
                if (!added.isEmpty()) {
                    assertThat(overdue).as("(b) MISSED %s of %s made by tick %s", added, env, minute).contains(env);
                }
            });
            List<RecordingQueue.Delivery> queued = queue.takeAll();
            Set<String> judgements = new HashSet<>();
            for (RecordingQueue.Delivery d : queued) {
                Judgement j = (Judgement) d.message();
                judgements.add(j.monitor() + "/" + j.environment() + " due " + j.dueAt() + " tick " + j.tick());
                waiting.add(new Waiting(d));
            }
            assertThat(judgements).as("judgements queued at %s", minute).isEqualTo(toQueue);
            count("judgements queued", toQueue.size());

            // (a) nothing of an enabled monitor is left due past the bound
            for (MonitorKey key : model.monitors.keySet()) {
                if (model.monitor(key).disabled) continue;
                for (MonitorEnvironment env : memory.environments(key)) {
                    if (env.dueAt() != null) {
                        assertThat(env.dueAt()).as("(a) deadline of %s/%s after tick %s: %s %s", key, env.name(), minute, env, result.judgedHere())
                                .isAfter(minute.minus(BOUND));
                    }
                }
            }
            lastTick = minute;
            if (!publisherDown && !now.isBefore(publisherUpSince.plus(Duration.ofMinutes(5)))) sweepsSinceCaughtUp++;
            work();
            compareWithModel();
            checkAlerts(!publisherDown && sweepsSinceCaughtUp >= 2);
            count("ticks");
        }

        MonitorKey keyOf(String monitor) {
            return keys.stream().filter(k -> k.toString().equals(monitor)).findFirst().orElseThrow();
        }

        Map<String, Set<Instant>> missedSlots() {
            Map<String, Set<Instant>> slots = new HashMap<>();
            for (MonitorKey key : keys) {
                for (CheckIn c : memory.allCheckIns(key)) {
                    if (c.status() == CheckInStatus.MISSED) {
                        slots.computeIfAbsent(key + "#" + c.environment(), k -> new HashSet<>()).add(c.dateAdded());
                    }
                }
            }
            return slots;
        }

        // ---- the queue and the processor ----

        /** The HTTP function's send reaches the queue: kept, or dropped as a repeat of the same request. */
        void arrive(Sending s) {
            sending.remove(s);
            Instant now = clock.instant();
            Instant first = modelDeduplication.get(s.modelKey);
            boolean keep = first == null || !now.isBefore(first.plus(DEDUPLICATION_WINDOW));
            if (keep) modelDeduplication.put(s.modelKey, now);
            queue.send(s.message, s.deduplicationId);
            List<RecordingQueue.Delivery> got = queue.takeAll();
            assertThat(got).as("queue keeps %s", s.message).hasSize(keep ? 1 : 0);
            if (!keep) {
                count("requests dropped as repeats");
                return;
            }
            waiting.add(new Waiting(got.get(0)));
            if (!POISON.equals(s.message.environment())) accepted.add(s.message.messageId());
        }

        /**
         * One round of the consumer: the queue's messages in order, a group held back behind a message
         * that failed (it is visible again after a while); a message failing for the third time is set
         * aside, as the processor handler does.
         */
        void work() {
            if (paused) return;
            Set<String> held = new HashSet<>();
            for (Waiting w : List.copyOf(waiting)) {
                QueueMessage message = w.delivery.message();
                String group = message.monitor().toString();
                if (held.contains(group)) continue;
                if (w.notBefore != null && w.notBefore.isAfter(clock.instant())) {
                    held.add(group);
                    continue;
                }
                MessageOutcome result;
                try {
                    result = processor.apply(message, w.delivery.sequence());
                } catch (RuntimeException e) {
                    if (!POISON.equals(message.environmentOrDefault())) throw new AssertionError("applying " + message, e);
                    if (++w.failures >= OWN_FAILURES_BEFORE_SET_ASIDE) {
                        waiting.remove(w);
                        setAside.add(((CheckInMessage) message).messageId());
                        count("poison messages set aside");
                    } else {
                        w.notBefore = clock.instant().plusSeconds(random.nextInt(480));
                        held.add(group);
                    }
                    continue;
                }
                assertThat(message.environmentOrDefault()).isNotEqualTo(POISON);
                waiting.remove(w);
                checkApplied(w.delivery, result, false);
                if (message instanceof Judgement && result.changes() != null) noMissWithACheckInWaiting(result);
                recentlyApplied.addLast(w.delivery);
                if (recentlyApplied.size() > REDELIVERABLE) recentlyApplied.removeFirst();
            }
        }

        void checkApplied(RecordingQueue.Delivery d, MessageOutcome result, boolean redelivered) {
            long sequence = Long.parseLong(d.sequence());
            ReferenceModel.Result expected = d.message() instanceof CheckInMessage c
                    ? model.apply(c, sequence)
                    : ReferenceModel.Result.of(model.judge(d.message().monitor(), d.message().environmentOrDefault(),
                    ((Judgement) d.message()).tick(), sequence));
            ProcessingError error = result.changes() == null ? null : result.changes().processingError();
            ReferenceModel.Result actual = new ReferenceModel.Result(result.kind(), error == null ? null : error.type());
            assertThat(actual).as("%s%s at %s (%s)", redelivered ? "redelivered " : "", d, clock.instant(), error)
                    .isEqualTo(expected);
            count((redelivered ? "redelivered: " : "") + result.kind() + (error == null ? "" : " " + error.type()));
            if (d.message() instanceof CheckInMessage c) {
                if (!redelivered) processed.merge(c.messageId(), 1, Integer::sum);
                if (result.kind() == Kind.APPLIED) applied.merge(c.messageId(), 1, Integer::sum);
            }
            compareStep(d, result);
        }

        /** (b): a MISSED made in queue order has no check-in received before its deadline still waiting. */
        void noMissWithACheckInWaiting(MessageOutcome result) {
            for (CheckIn c : result.changes().checkIns()) {
                if (c.status() != CheckInStatus.MISSED) continue;
                count("MISSED through the queue");
                for (Waiting w : waiting) {
                    if (w.delivery.message() instanceof CheckInMessage m && m.monitor().equals(c.monitor())
                            && m.environmentOrDefault().equals(c.environment())) {
                        assertThat(m.receivedAt()).as("(b) %s waits while slot %s is missed", m, c.dateAdded())
                                .isAfterOrEqualTo(c.dateUpdated());
                    }
                }
            }
        }

        /** SQS delivers again one of the last messages applied (a lost delete, a Lambda timeout). */
        void redeliver() {
            if (recentlyApplied.isEmpty()) return;
            List<RecordingQueue.Delivery> recent = new ArrayList<>(recentlyApplied);
            RecordingQueue.Delivery d = recent.get(random.nextInt(recent.size()));
            checkApplied(d, processor.apply(d.message(), d.sequence()), true);
        }

        // ---- what users, operators and AWS do ----

        void act() {
            int dice = random.nextInt(100);
            MonitorKey key = keys.get(random.nextInt(keys.size()));
            if (dice < 34) {
                checkIn(key, randomEnvironment(), random.nextInt(5) == 0 ? CheckInStatus.ERROR : CheckInStatus.OK, null);
            } else if (dice < 42) {
                startRun(key);
            } else if (dice < 47) {
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    later(Duration.ofMillis(1 + random.nextInt(50_000)), () -> checkIn(key, null, CheckInStatus.OK, null));
                }
            } else if (dice < 50) {
                checkIn(key, randomEnvironment(), CheckInStatus.IN_PROGRESS, null); // a heartbeat of the newest run
            } else if (dice < 55) {
                CheckInCommand again = lastCommand.get(key);
                if (again != null) later(Duration.ofMillis(1 + random.nextInt(90_000)), () -> {
                    count("client retries");
                    send(again);
                });
            } else if (dice < 58) {
                retryFinishedRun(key);
            } else if (dice < 64) {
                redeliver();
            } else if (dice < 67) {
                adminChange(key);
            } else if (dice < 68) {
                muteEnvironment(key);
            } else if (dice < 70) {
                sdkConfig.put(key, randomConfig());
                count("config changes by upsert");
            } else if (dice < 72) {
                if (!paused) {
                    paused = true;
                    count("processor stops");
                    later(Duration.ofSeconds(30 + random.nextInt(1_500)), () -> {
                        paused = false;
                        work();
                    });
                }
            } else if (dice < 73) {
                if (!publisherDown) {
                    publisherDown = true;
                    publisher.failing(true);
                    sweepsSinceCaughtUp = 0;
                    count("publisher outages");
                    later(Duration.ofSeconds(30 + random.nextInt(1_200)), this::publisherUp);
                }
            } else if (dice < 74) {
                clockDownUntil = clock.instant().plusSeconds(120 + random.nextInt(1_680));
                count("clock outages");
            } else if (dice < 76) {
                checkIn(key, POISON, CheckInStatus.OK, null);
                count("poison messages sent");
            } else if (dice < 79) {
                reportWithDuration(key);
            } else if (dice < 81) {
                burst(key);
            } else if (dice < 83) {
                checkInOnMissed(key);
            } else if (dice < 84) {
                finishAnOldRun();
            } else if (dice < 86) {
                Map<String, Object> invalid = INVALID.get(random.nextInt(INVALID.size()));
                send(new CheckInCommand(key.organization(), homeProject.get(key), key.slug(), null, CheckInStatus.OK,
                        randomEnvironment(), null, invalid));
                count("invalid configs sent");
            } else if (dice < 87) {
                checkInFromAnotherProject(key);
            }
        }

        /** A run reported once, at its end, with its duration (a new check-in, or the newest run's end). */
        void reportWithDuration(MonitorKey key) {
            long duration = random.nextInt(10) == 0 ? Integer.MAX_VALUE - random.nextInt(1_000) : random.nextInt(3_600_000);
            String id = random.nextBoolean() ? new UUID(seed, ++ids).toString() : null;
            checkIn(key, randomEnvironment(), random.nextInt(4) == 0 ? CheckInStatus.ERROR : CheckInStatus.OK, id, duration);
            count("check-ins with a duration");
        }

        /** Several runs of one environment within seconds: more than the rate limit allows in a minute. */
        void burst(MonitorKey key) {
            String env = randomEnvironment();
            for (int i = 2 + random.nextInt(4); i > 0; i--) {
                later(Duration.ofMillis(1 + random.nextInt(5_000)),
                        () -> checkIn(key, env, CheckInStatus.OK, new UUID(seed, ++ids).toString()));
            }
            count("bursts");
        }

        /** A check-in naming a missed check-in's id (as the listing shows it): refused as finished, or a start ignored. */
        void checkInOnMissed(MonitorKey key) {
            ReferenceModel.Monitor m = model.monitor(key);
            if (m == null) return;
            List<ReferenceModel.Run> missed = m.envs.values().stream().flatMap(e -> e.recent.stream())
                    .filter(r -> r.status() == CheckInStatus.MISSED).toList();
            if (missed.isEmpty()) return;
            ReferenceModel.Run run = missed.get(random.nextInt(missed.size()));
            CheckIn stored = memory.allCheckIns(key).stream().filter(c -> c.status() == CheckInStatus.MISSED
                    && c.environment().equals(run.env()) && c.dateAdded().equals(run.added())).findFirst().orElseThrow();
            assertThat(model.identifyMissed(key, run.env(), run.added(), stored.id())).isTrue();
            CheckInStatus status = List.of(CheckInStatus.OK, CheckInStatus.ERROR, CheckInStatus.IN_PROGRESS)
                    .get(random.nextInt(3));
            checkIn(key, run.env(), status, stored.id());
            count("check-ins naming a missed one");
        }

        /** The end of a run started any time before, by its id: perhaps in the first stretch, months ago. */
        void finishAnOldRun() {
            if (startedRuns.isEmpty()) return;
            String[] run = startedRuns.get(random.nextInt(startedRuns.size()));
            Long duration = random.nextInt(3) == 0 ? (long) random.nextInt(7_200_000) : null;
            checkIn(keyOf(run[0]), run[1], random.nextBoolean() ? CheckInStatus.OK : CheckInStatus.ERROR, run[2], duration);
            count("old runs ended by id");
        }

        /** The same slug from the organization's other project: not that project's monitor (or it becomes its). */
        void checkInFromAnotherProject(MonitorKey key) {
            String other = homeProject.get(key).equals("1") ? "2" : "1";
            Map<String, Object> config = random.nextBoolean() ? sdkConfig.get(key) : null;
            send(new CheckInCommand(key.organization(), other, key.slug(), null, CheckInStatus.OK, randomEnvironment(),
                    null, config));
            count("check-ins from another project");
        }

        void publisherUp() {
            if (!publisherDown) return;
            publisherDown = false;
            publisher.failing(false);
            publisherUpSince = clock.instant();
            sweepsSinceCaughtUp = 0;
        }

        String randomEnvironment() {
            int r = random.nextInt(10);
            return r < 5 ? null : r < 7 ? "production" : r < 9 ? "dev" : "staging";
        }

        void checkIn(MonitorKey key, String env, CheckInStatus status, String checkInId) {
            checkIn(key, env, status, checkInId, null);
        }

        void checkIn(MonitorKey key, String env, CheckInStatus status, String checkInId, Long duration) {
            Map<String, Object> config = sdkConfig.computeIfAbsent(key, k -> randomConfig());
            boolean withConfig = random.nextInt(10) < 8;
            send(new CheckInCommand(key.organization(), homeProject.get(key), key.slug(), checkInId, status, env, duration,
                    withConfig ? config : null));
        }

        void send(CheckInCommand command) {
            if (!clock.instant().isAfter(lastStamp)) clock.set(lastStamp.plusMillis(1));
            // never at a whole minute, where a run would start at the very instant of a slot
            if (clock.instant().equals(clock.instant().truncatedTo(ChronoUnit.MINUTES))) clock.advance(Duration.ofMillis(1));
            lastStamp = clock.instant();
            sendDelay = random.nextInt(4) == 0 ? Duration.ofMillis(1 + random.nextInt(2_000)) : Duration.ZERO;
            ingest.accept(command);
            lastCommand.put(command.monitor(), command);
            if (sendDelay.isZero()) {
                arrive(sending.get(sending.size() - 1));
                work();
            } else {
                count("requests queued after a later one");
            }
        }

        /** The model's own rule for the queue's de-duplication: the same request, the same minute for one without an id. */
        static String modelKey(CheckInMessage m) {
            return m.monitor() + "|" + m.projectId() + "|" + m.environment() + "|" + m.status() + "|" + m.durationMs() + "|"
                    + (m.monitorConfig() == null ? "" : new TreeMap<>(m.monitorConfig())) + "|"
                    + (m.latest() ? "latest@" + m.receivedAt().truncatedTo(ChronoUnit.MINUTES) : m.checkInId());
        }

        void startRun(MonitorKey key) {
            String id = new UUID(seed, ++ids).toString();
            String env = randomEnvironment();
            checkIn(key, env, CheckInStatus.IN_PROGRESS, id);
            startedRuns.add(new String[] {key.toString(), env, id});
            int ending = random.nextInt(10);
            if (ending < 7) {
                later(Duration.ofMillis(1 + random.nextInt(900_000)), () -> {
                    CheckInStatus result = random.nextInt(4) == 0 ? CheckInStatus.ERROR : CheckInStatus.OK;
                    // the duration measured by the client, or left to be derived from the start
                    Long duration = random.nextBoolean() ? null : (long) random.nextInt(1_000_000);
                    checkIn(key, env, result, id, duration);
                    finishedRuns.computeIfAbsent(key, k -> new ArrayList<>()).add(new String[] {env, id});
                });
            } else if (ending < 9) {
                later(Duration.ofMillis(1 + random.nextInt(600_000)), () -> checkIn(key, env, CheckInStatus.OK, null));
            } // else: it never ends, and times out
            count("runs started");
        }

        void retryFinishedRun(MonitorKey key) {
            List<String[]> done = finishedRuns.getOrDefault(key, List.of());
            if (done.isEmpty()) return;
            String[] run = done.get(random.nextInt(done.size()));
            boolean elsewhere = random.nextInt(6) == 0;
            checkIn(key, elsewhere ? "dev".equals(run[0]) ? null : "dev" : run[0],
                    random.nextBoolean() ? CheckInStatus.OK : CheckInStatus.ERROR, run[1]);
            count(elsewhere ? "finished runs retried in another environment" : "finished runs retried");
        }

        // ---- the management API ----

        void adminChange(MonitorKey key) {
            ReferenceModel.Monitor m = model.monitor(key);
            if (m == null) return;
            Map<String, Object> changed = new LinkedHashMap<>();
            Boolean disabled = null;
            Boolean muted = null;
            String name = null;
            String what;
            switch (random.nextInt(9)) {
                case 0 -> {
                    changed.putAll(randomConfig());
                    what = "everything";
                }
                case 1 -> {
                    changed.put("checkin_margin", 1 + random.nextInt(30));
                    what = "margin";
                }
                case 2 -> {
                    changed.put("max_runtime", 1 + random.nextInt(60));
                    what = "max runtime";
                }
                case 3 -> {
                    changed.put("timezone", randomZone());
                    what = "timezone";
                }
                case 4 -> {
                    changed.put("failure_issue_threshold", 1 + random.nextInt(4));
                    changed.put("recovery_threshold", 1 + random.nextInt(3));
                    what = "thresholds";
                }
                case 5 -> {
                    putRandomSchedule(changed);
                    what = "schedule";
                }
                case 6 -> {
                    name = "renamed " + random.nextInt(100);
                    what = "name";
                }
                case 7 -> {
                    muted = !m.muted;
                    what = "mute";
                }
                default -> {
                    disabled = !m.disabled;
                    what = "status";
                }
            }
            Map<String, Object> config = changed.isEmpty() ? null : changed;
            admin.update(key.organization(), key.slug(), new MonitorUpdate(name,
                    disabled == null ? null : disabled ? MonitorStatus.DISABLED : MonitorStatus.ACTIVE, muted,
                    config == null ? null : PARSER.settings(config)));
            model.update(key, disabled, muted, config, clock.instant());
            count("management changes: " + what);
        }

        void setDisabled(MonitorKey key, boolean disabled) {
            admin.update(key.organization(), key.slug(), new MonitorUpdate(null,
                    disabled ? MonitorStatus.DISABLED : MonitorStatus.ACTIVE, null, null));
            model.update(key, disabled, null, null, clock.instant());
        }

        void muteEnvironment(MonitorKey key) {
            ReferenceModel.Monitor m = model.monitor(key);
            if (m == null || m.envs.isEmpty()) return;
            ReferenceModel.Env env = new ArrayList<>(m.envs.values()).get(random.nextInt(m.envs.size()));
            admin.muteEnvironment(key.organization(), key.slug(), env.name, !env.muted);
            model.muteEnvironment(key, env.name, !env.muted);
            count("environments muted or unmuted");
        }

        /** A config as an SDK sends it; now and then without some of its optional keys (the defaults, or what is stored, apply). */
        Map<String, Object> randomConfig() {
            Map<String, Object> c = new LinkedHashMap<>();
            putRandomSchedule(c);
            maybePut(c, "checkin_margin", random.nextInt(8) == 0 ? 30 + random.nextInt(90) : random.nextInt(11));
            maybePut(c, "max_runtime", 1 + random.nextInt(60));
            maybePut(c, "timezone", randomZone());
            maybePut(c, "failure_issue_threshold", 1 + random.nextInt(4));
            maybePut(c, "recovery_threshold", 1 + random.nextInt(3));
            return c;
        }

        void maybePut(Map<String, Object> config, String key, Object value) {
            if (random.nextInt(8) != 0) config.put(key, value);
        }

        /** Every form of schedule the spec takes: crontab, interval and OnCalendar, plain or as {"type": …}. */
        void putRandomSchedule(Map<String, Object> c) {
            int form = random.nextInt(12);
            int count = 1 + random.nextInt(30);
            String unit = UNITS.get(random.nextInt(UNITS.size()));
            String calendar = CALENDARS.get(random.nextInt(CALENDARS.size()));
            String crontab = CRONTABS.get(random.nextInt(CRONTABS.size()));
            if (form < 2) {
                c.put("schedule_type", "interval");
                c.put("schedule", List.of(count, unit));
            } else if (form < 3) {
                c.put("schedule", Map.of("type", "interval", "value", count, "unit", unit));
            } else if (form < 5) {
                c.put("schedule_type", "oncalendar");
                c.put("schedule", calendar);
            } else if (form < 6) {
                c.put("schedule", Map.of("type", "oncalendar", "value", calendar));
            } else if (form < 7) {
                c.put("schedule", Map.of("type", "crontab", "value", crontab));
            } else {
                c.put("schedule", crontab);
            }
        }

        String randomZone() {
            return random.nextBoolean() ? zone : OTHER_ZONES.get(random.nextInt(OTHER_ZONES.size()));
        }

        // ---- the checks ----

        void compareWithModel() {
            for (MonitorKey key : keys) compareWithModel(key);
        }

        /** The monitor's project, each environment's status and deadlines, every check-in, every incident. */
        void compareWithModel(MonitorKey key) {
            if (!compareMonitor(key)) return;
            assertThat(sorted(memory.allCheckIns(key).stream().map(Simulation::describe).toList()))
                    .as("check-ins of %s at %s", key, clock.instant())
                    .isEqualTo(sorted(model.monitor(key).written.values().stream().map(ReferenceModel.Run::describe).toList()));
        }

        /** The monitor's project, each environment's status and deadlines, every incident; false when there is no monitor. */
        boolean compareMonitor(MonitorKey key) {
            ReferenceModel.Monitor m = model.monitor(key);
            if (m == null) {
                assertThat(memory.monitor(key)).as("monitor %s", key).isEmpty();
                return false;
            }
            assertThat(memory.monitor(key).map(Monitor::projectId)).as("project of %s", key).contains(m.projectId);
            assertThat(sorted(memory.environments(key).stream().map(Simulation::describe).toList()))
                    .as("environments of %s at %s (config %s)", key, clock.instant(), m.config.wire())
                    .isEqualTo(sorted(m.envs.values().stream().map(ReferenceModel.Env::describe).toList()));
            assertThat(sorted(memory.incidents(key, null, 10_000).items().stream().map(Simulation::describe).toList()))
                    .as("incidents of %s at %s", key, clock.instant())
                    .isEqualTo(sorted(m.incidents.stream().map(ReferenceModel.Incident::describe).toList()));
            return true;
        }

        /**
         * After each message: its monitor's state, and exactly the check-ins it wrote and the alerts it
         * made (whether or not the publisher is up), as the model says.
         */
        void compareStep(RecordingQueue.Delivery d, MessageOutcome result) {
            compareMonitor(d.message().monitor());
            Changes changes = result.changes();
            assertThat(sorted(changes == null ? List.of() : changes.checkIns().stream().map(Simulation::describe).toList()))
                    .as("check-ins written by %s at %s", d, clock.instant())
                    .isEqualTo(sorted(model.stepWrites.values().stream().map(ReferenceModel.Run::describe).toList()));
            List<String> made = new ArrayList<>();
            if (changes != null) {
                for (PendingAlert a : changes.alerts()) {
                    Incident incident = changes.incidents().stream().filter(i -> i.id().equals(a.incidentId())).findFirst()
                            .orElseThrow();
                    made.add(a.monitor() + " " + incident.environment() + " " + a.type() + " " + incident.dateStarted());
                }
            }
            assertThat(made).as("alerts made by %s at %s", d, clock.instant()).isEqualTo(model.stepAlerts().stream()
                    .map(a -> a.monitor() + " " + a.env() + " " + a.type() + " " + a.incidentStart()).toList());
        }

        static String describe(MonitorEnvironment e) {
            return e.name() + " " + e.status() + (e.muted() ? " muted" : "") + " last " + e.lastCheckIn()
                    + " next " + e.nextCheckIn() + " latest " + e.nextCheckInLatest()
                    + " incident " + (e.activeIncident() == null ? "none" : e.activeIncident().dateStarted());
        }

        static String describe(CheckIn c) {
            return c.environment() + " " + c.status() + " started " + c.dateAdded() + " updated " + c.dateUpdated()
                    + (c.timeoutAt() == null ? "" : " timeout " + c.timeoutAt())
                    + (c.durationMs() == null ? "" : " duration " + c.durationMs())
                    + (c.status() == CheckInStatus.MISSED ? "" : " id " + c.id());
        }

        static String describe(Incident i) {
            return i.environment() + " since " + i.dateStarted() + " (" + i.reason() + ")"
                    + (i.isOpen() ? " open" : " resolved " + i.dateResolved());
        }

        static List<String> sorted(Collection<String> items) {
            return items.stream().sorted().toList();
        }

        /**
         * (d): no alert twice, an incident's opening before its resolution, nothing that is not owed;
         * once the publisher has been back long enough for the retries, exactly what is owed.
         */
        void checkAlerts(boolean caughtUp) {
            Map<String, Incident> incidents = new HashMap<>();
            for (MonitorKey key : keys) memory.incidents(key, null, 10_000).items().forEach(i -> incidents.put(i.id(), i));
            Set<String> ids = new HashSet<>();
            Map<String, List<AlertType>> byIncident = new HashMap<>();
            List<String> published = new ArrayList<>();
            for (PendingAlert a : publisher.published()) {
                assertThat(ids.add(a.id())).as("(d) alert %s published once", a.id()).isTrue();
                Incident incident = incidents.get(a.incidentId());
                assertThat(incident).as("incident of alert %s", a.id()).isNotNull();
                byIncident.computeIfAbsent(a.incidentId(), k -> new ArrayList<>()).add(a.type());
                published.add(a.monitor() + " " + incident.environment() + " " + a.type() + " " + incident.dateStarted());
            }
            byIncident.forEach((incident, types) -> assertThat(types).as("(d) alerts of incident %s", incident)
                    .isIn(List.of(AlertType.OPENED), List.of(AlertType.RESOLVED), List.of(AlertType.OPENED, AlertType.RESOLVED)));
            List<String> owed = model.alertsOwed.stream()
                    .map(a -> a.monitor() + " " + a.env() + " " + a.type() + " " + a.incidentStart()).toList();
            if (caughtUp) {
                assertThat(sorted(published)).as("(d) alerts published by %s (publisher up since %s; outbox %s)",
                        clock.instant(), publisherUpSince, memory.outbox()).isEqualTo(sorted(owed));
            } else {
                assertThat(owed).as("alerts owed by %s", clock.instant()).containsAll(published);
            }
        }

        void finalChecks() {
            // (c) every accepted check-in applied exactly once; the poison ones set aside, never applied
            for (String id : accepted) {
                assertThat(processed.get(id)).as("(c) check-in %s taken from the queue", id).isEqualTo(1);
                assertThat(applied.getOrDefault(id, 0)).as("(c) check-in %s applied", id).isLessThanOrEqualTo(1);
            }
            assertThat(applied.keySet()).doesNotContainAnyElementsOf(setAside);
            // the last tick again changes nothing (and the model says so too)
            int published = publisher.published().size();
            tick(lastTick);
            assertThat(publisher.published()).hasSize(published);
            System.out.printf("[reference model] seed %d, zone %s: %s%n", seed, zone, counts);
            assertThat(counts.getOrDefault("MISSED through the queue", 0)).isPositive();
        }

        void count(String what) {
            count(what, 1);
        }

        void count(String what, int n) {
            counts.merge(what, n, Integer::sum);
        }
    }
}
