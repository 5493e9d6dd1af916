package dev.cronwatch.local;

import static dev.cronwatch.local.FaultDrill.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.ProcessorService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What AWS can do to cronwatch, played on the in-process emulators with the manual clock: each
 * scenario prints its figures (check-ins sent, applied, lost, duplicated; misses; alerts expected,
 * sent, duplicated; how late the latest alert was against its deadline, in manual-clock time) and
 * asserts the promise: nothing accepted is lost or applied twice, every real miss alerts exactly
 * once, nothing lands in the dead-letter queue.
 */
class FaultInjectionTest {
    /** Every five minutes; a run may take 3 minutes. */
    static final String FIVE_MINUTES = "{\"schedule\": \"*/5 * * * *\", \"checkin_margin\": %d, \"max_runtime\": 3}";
    static final String EVERY_MINUTE = "{\"schedule\": \"* * * * *\", \"checkin_margin\": 1, \"max_runtime\": 3}";

    @TempDir
    Path dataDir;

    static String ok(String config) {
        return "{\"status\": \"ok\", \"monitor_config\": " + config + "}";
    }

    static String fiveMinutes(int margin) {
        return String.format(FIVE_MINUTES, margin);
    }

    static List<Instant> missed(FaultDrill drill, String slug) {
        return drill.stored(slug).stream().filter(c -> c.status() == CheckInStatus.MISSED).map(CheckIn::expectedTime).toList();
    }

    static List<String> slugs(String prefix, int n) {
        List<String> slugs = new ArrayList<>();
        for (int i = 1; i <= n; i++) slugs.add(prefix + i);
        return slugs;
    }

    /** The slots of a five-minute schedule from {@code first} while their deadline ({@code + margin}) is by {@code end}. */
    static void expectFiveMinuteMisses(FaultDrill drill, String slug, int firstMinute, int margin, int endMinute) {
        for (int slot = firstMinute; slot + margin <= endMinute; slot += 5) drill.expectMissed(slug, at(slot));
    }

    @Test
    void dynamoDbThrottlingOrFailingOneCallInTen_nothingLostOrDoubled_nothingInTheDeadLetterQueue() throws Exception {
        long seed = 20261130L;
        DynamoFaults faults = new DynamoFaults(seed, 0.10);
        try (FaultDrill drill = new FaultDrill(dataDir, FaultyDynamoBackends.of(faults), "--workers", "4")) {
            List<String> heartbeats = slugs("beat-", 6);
            List<String> twoStep = slugs("run-", 2);
            List<String> stopping = slugs("stop-", 4); // last check-in 00:05: slots from 00:10 missed
            int end = 41;
            heartbeats.forEach(s -> drill.follow(s, 2));
            twoStep.forEach(s -> drill.follow(s, 2));
            stopping.forEach(s -> drill.follow(s, 2));
            stopping.forEach(s -> expectFiveMinuteMisses(drill, s, 10, 2, end));
            faults.on(true);

            List<String> runs = new ArrayList<>();
            for (int minute = 0; minute <= end; minute++) {
                drill.tickTolerating(at(minute));
                if (minute % 5 == 1 && !runs.isEmpty()) {
                    for (int i = 0; i < twoStep.size(); i++) drill.finish(at(minute, 10), twoStep.get(i), runs.get(i), "ok");
                    runs.clear();
                }
                if (minute % 5 == 0 && minute < end) {
                    Instant now = at(minute, 10);
                    for (String s : heartbeats) drill.checkInRetrying(now, s, ok(fiveMinutes(2)), "ok");
                    for (String s : twoStep) runs.add(drill.checkInRetrying(now, s,
                            "{\"status\": \"in_progress\", \"monitor_config\": " + fiveMinutes(2) + "}", "in_progress"));
                    if (minute <= 5) for (String s : stopping) drill.checkInRetrying(now, s, ok(fiveMinutes(2)), "ok");
                }
            }
            drill.settle(at(end, 30));
            faults.on(false); // the counting reads must not fail
            // a tick that fails is the next one's work: a miss may be judged one minute late, no later
            drill.figures("a. DynamoDB throttling or 5xx on 10 % of attempts (seed " + seed + ")", at(end, 30), Duration.ofMinutes(1),
                    faults.summary() + "; ticks that failed or reported failures " + drill.tickFailures().size()
                            + "; client retries after a 5xx " + drill.clientRetries());
            // the fault that tests exactly-once happened: the SDK sent again writes that had been done
            assertThat(faults.answersLostOfWrites()).isPositive();
        }
    }

    @Test
    void snsFailingForFiveMinutes_everyAlertGoesOutOnceAfterRecovery_andOtherMonitorsAreNotHeldBack() throws Exception {
        try (FaultDrill drill = new FaultDrill(dataDir, null)) {
            List<String> steady = slugs("steady-", 4);
            List<String> down = slugs("down-", 4);     // stop after 00:00: deadline 00:06, inside the outage
            List<String> others = slugs("other-", 4);  // stop after 00:05, margin 2: deadline 00:12, after it
            List<String> later = slugs("later-", 4);   // stop after 00:10: deadline 00:16
            int end = 20;
            steady.forEach(s -> drill.follow(s, 1));
            down.forEach(s -> drill.follow(s, 1));
            others.forEach(s -> drill.follow(s, 2));
            later.forEach(s -> drill.follow(s, 1));
            down.forEach(s -> expectFiveMinuteMisses(drill, s, 5, 1, end));
            others.forEach(s -> expectFiveMinuteMisses(drill, s, 10, 2, end));
            later.forEach(s -> expectFiveMinuteMisses(drill, s, 15, 1, end));
            Instant outage = at(5, 30);
            Instant recovery = at(10, 30);

            List<String> failuresOutsideTheOutage = new ArrayList<>();
            for (int minute = 0; minute <= end; minute++) {
                ClockService.TickResult tick = drill.tick(at(minute));
                boolean outageOn = !at(minute).isBefore(outage) && at(minute).isBefore(recovery);
                if (!outageOn && !tick.failures().isEmpty()) failuresOutsideTheOutage.add(minute + ": " + tick.failures());
                if (minute % 5 == 0) {
                    Instant now = at(minute, 10);
                    for (String s : steady) drill.checkIn(now, s, ok(fiveMinutes(1)), "ok");
                    if (minute == 0) for (String s : down) drill.checkIn(now, s, ok(fiveMinutes(1)), "ok");
                    if (minute <= 5) for (String s : others) drill.checkIn(now, s, ok(fiveMinutes(2)), "ok");
                    if (minute <= 10) for (String s : later) drill.checkIn(now, s, ok(fiveMinutes(1)), "ok");
                }
                if (at(minute + 1).isAfter(outage) && at(minute).isBefore(outage)) {
                    drill.settle(at(minute, 20));
                    drill.controls.setTime(outage);
                    drill.faults.failAlertPublishing(alert -> true);
                }
                if (at(minute + 1).isAfter(recovery) && at(minute).isBefore(recovery)) {
                    drill.settle(at(minute, 20));
                    drill.controls.setTime(recovery);
                    drill.faults.failAlertPublishing(null);
                }
            }
            Instant downSent = drill.openedAlertSentAt(down.get(0));
            // the failing monitors' deadline is 00:06; their alerts wait for recovery and then up to a sweep's pause
            Duration outageAndAPause = Duration.between(at(6), recovery.plus(Duration.ofMinutes(5)));
            FaultDrill.Figures f = drill.figures("b. SNS failing 00:05:30-00:10:30", at(end), outageAndAPause,
                    "alerts of the failing monitors sent at " + downSent + ", of the others at "
                            + drill.openedAlertSentAt(others.get(0)) + " and " + drill.openedAlertSentAt(later.get(0)));

            assertThat(failuresOutsideTheOutage).isEmpty();
            assertThat(drill.tickFailures()).as("the sweeps retried during the outage").isNotEmpty();
            for (String s : down) {
                // the sweep's pauses grow 30 s, 60 s, 120 s, 240 s (capped at 5 min): out within a pause of recovery
                assertThat(drill.openedAlertSentAt(s)).as(s).isAfterOrEqualTo(recovery)
                        .isBeforeOrEqualTo(recovery.plus(Duration.ofMinutes(5)));
            }
            // not held back by the failing ones still waiting in the outbox: out at their deadline
            for (String s : others) assertThat(drill.openedAlertSentAt(s)).as(s).isEqualTo(at(12)).isBefore(downSent);
            for (String s : later) assertThat(drill.openedAlertSentAt(s)).as(s).isEqualTo(at(16));
            assertThat(f.alertsSent()).isEqualTo(12);
        }
    }

    @Test
    void processorDyingAfterItsWritesAndBeforeTheDelete_everyMessageRedelivered_appliedOnce() throws Exception {
        try (FaultDrill drill = new FaultDrill(dataDir, null)) {
            List<String> heartbeats = slugs("beat-", 4);
            List<String> twoStep = slugs("run-", 2);
            List<String> stopping = slugs("stop-", 2);
            int end = 16;
            heartbeats.forEach(s -> drill.follow(s, 1));
            twoStep.forEach(s -> drill.follow(s, 1));
            stopping.forEach(s -> drill.follow(s, 1));
            stopping.forEach(s -> expectFiveMinuteMisses(drill, s, 5, 1, end));
            drill.faults.dieBeforeDeleting(true);

            List<String> runs = new ArrayList<>();
            for (int minute = 0; minute <= end; minute++) {
                ClockService.TickResult tick = drill.tick(at(minute));
                assertThat(tick.failures()).isEmpty();
                if (minute % 5 == 1) {
                    for (int i = 0; i < twoStep.size(); i++) drill.finish(at(minute, 10), twoStep.get(i), runs.get(i), "ok");
                    runs.clear();
                }
                if (minute % 5 == 0) {
                    Instant now = at(minute, 10);
                    for (String s : heartbeats) drill.checkIn(now, s, ok(fiveMinutes(1)), "ok");
                    for (String s : twoStep) runs.add(drill.checkIn(now, s,
                            "{\"status\": \"in_progress\", \"monitor_config\": " + fiveMinutes(1) + "}", "in_progress"));
                    if (minute == 0) for (String s : stopping) drill.checkIn(now, s, ok(fiveMinutes(1)), "ok");
                }
            }
            drill.settle(at(end, 30));
            int duplicates = drill.controls.processed().getOrDefault(ProcessorService.MessageOutcome.Kind.DUPLICATE, 0);
            int notDeleted = drill.faults.batchesNotDeleted();
            // the worker dies after its writes and its publishing: a redelivery does not delay an alert
            drill.figures("c. processor dying before every first delete", at(end, 30), Duration.ZERO,
                    notDeleted + " batches processed and not deleted, " + duplicates + " redeliveries refused as duplicates");
            assertThat(notDeleted).isPositive();
            // every message came back once: each redelivery of an applied message was refused
            assertThat(duplicates).isPositive();
        }
    }

    @Test
    void clockStoppedForThirtyMinutes_catchesUpWithOneMissedPerSlot_backDated_andAlertsOnce() throws Exception {
        try (FaultDrill drill = new FaultDrill(dataDir, null)) {
            List<String> stopped = slugs("stopped-", 4); // last check-in 00:00: first deadline 00:06
            List<String> healthy = slugs("healthy-", 4);
            List<String> recent = slugs("recent-", 2);   // first check-in 00:20: first deadline 00:26
            int end = 34;
            stopped.forEach(s -> drill.follow(s, 1));
            healthy.forEach(s -> drill.follow(s, 1));
            recent.forEach(s -> drill.follow(s, 1));
            stopped.forEach(s -> expectFiveMinuteMisses(drill, s, 5, 1, end));
            recent.forEach(s -> expectFiveMinuteMisses(drill, s, 25, 1, end));

            assertThat(drill.tick(at(0)).failures()).isEmpty();
            for (int minute = 0; minute <= 30; minute += 5) {   // the clock does not run from 00:01 to 00:30
                Instant now = at(minute, 10);
                for (String s : healthy) drill.checkIn(now, s, ok(fiveMinutes(1)), "ok");
                if (minute == 0) for (String s : stopped) drill.checkIn(now, s, ok(fiveMinutes(1)), "ok");
                if (minute == 20) for (String s : recent) drill.checkIn(now, s, ok(fiveMinutes(1)), "ok");
                drill.settle(now);
            }
            assertThat(drill.controls.notifications()).isEmpty();

            ClockService.TickResult catchUp = drill.tick(at(31));
            assertThat(catchUp.failures()).isEmpty();
            // deadlines more than 15 minutes old are judged by the clock itself; the recent ones go through the queue
            assertThat(catchUp.judgedHere()).hasSize(stopped.size());
            assertThat(catchUp.queued()).isEqualTo(recent.size());
            for (int minute = 32; minute <= end; minute++) assertThat(drill.tick(at(minute)).failures()).isEmpty();

            drill.figures("d. clock stopped 00:01-00:30, catching up at 00:31", at(end), Duration.between(at(6), at(31)),
                    "catch-up tick: " + catchUp.judgedHere().size() + " judged by the clock, " + catchUp.queued() + " queued");
            for (String s : stopped) assertThat(drill.openedAlertSentAt(s)).as(s).isEqualTo(at(31));
            for (String s : recent) assertThat(drill.openedAlertSentAt(s)).as(s).isEqualTo(at(31));
        }
    }

    @Test
    void processorStoppedForTenMinutesUnderSteadyTraffic_noFalseMiss_thenEveryRealMiss() throws Exception {
        try (FaultDrill drill = new FaultDrill(dataDir, null)) {
            List<String> steady = slugs("steady-", 6);  // a check-in every minute, throughout
            List<String> stopped = slugs("stopped-", 3); // one check-in at 00:00: every slot from 00:01 missed
            int end = 15;
            steady.forEach(s -> drill.follow(s, 1));
            stopped.forEach(s -> drill.follow(s, 1));
            for (String s : stopped) {
                for (int slot = 1; slot + 1 <= end; slot++) drill.expectMissed(s, at(slot));
            }
            Instant pause = at(0, 30);
            Instant resume = at(10, 30);

            for (int minute = 0; minute <= end; minute++) {
                ClockService.TickResult tick = drill.tick(at(minute));
                assertThat(tick.failures()).isEmpty();
                if (minute >= 1 && minute <= 10) {
                    // ticks while stopped: not one MISSED, not one alert
                    for (String s : steady) assertThat(missed(drill, s)).as("%s at %s", s, at(minute)).isEmpty();
                    for (String s : stopped) assertThat(missed(drill, s)).as("%s at %s", s, at(minute)).isEmpty();
                    assertThat(drill.controls.notifications()).isEmpty();
                }
                assertThat(tick.judgedHere()).as("nothing waited past the bound").isEmpty();
                Instant now = at(minute, 10);
                for (String s : steady) drill.checkIn(now, s, ok(EVERY_MINUTE), "ok");
                if (minute == 0) for (String s : stopped) drill.checkIn(now, s, ok(EVERY_MINUTE), "ok");
                if (minute == 0) drill.pauseProcessor(true, pause);
                if (minute == 10) drill.pauseProcessor(false, resume);
            }
            drill.figures("e. processor stopped 00:00:30-00:10:30 under steady traffic", at(end), Duration.between(at(2), resume), null);
            for (String s : stopped) assertThat(drill.openedAlertSentAt(s)).as(s).isEqualTo(resume);
        }
    }

    @Test
    void processorStoppedPastTheBound_aRealMissIsJudgedByTheClockFifteenMinutesAfterItsDeadline() throws Exception {
        try (FaultDrill drill = new FaultDrill(dataDir, null)) {
            List<String> stopped = slugs("stopped-", 3); // one check-in at 00:00: first deadline 00:02
            int end = 22;
            stopped.forEach(s -> drill.follow(s, 1));
            for (String s : stopped) {
                for (int slot = 1; slot + 1 <= end; slot++) drill.expectMissed(s, at(slot));
            }
            Instant resume = at(20, 30);
            List<String> judgedHere = new ArrayList<>();
            for (int minute = 0; minute <= end; minute++) {
                ClockService.TickResult tick = drill.tick(at(minute));
                assertThat(tick.failures()).isEmpty();
                tick.judgedHere().forEach(j -> judgedHere.add(tick.tick() + " " + j));
                if (minute == 0) {
                    for (String s : stopped) drill.checkIn(at(0, 10), s, ok(EVERY_MINUTE), "ok");
                    drill.pauseProcessor(true, at(0, 30));
                }
                if (minute == 20) drill.pauseProcessor(false, resume);
            }
            drill.figures("e2. processor stopped 00:00:30-00:20:30, past the 15-minute bound", at(end), Duration.ofMinutes(15),
                    judgedHere.size() + " judged by the clock itself");
            // the processor never came back in time: the clock judged the deadline of 00:02 at 00:17
            for (String s : stopped) assertThat(drill.openedAlertSentAt(s)).as(s).isEqualTo(at(17));
        }
    }
}
