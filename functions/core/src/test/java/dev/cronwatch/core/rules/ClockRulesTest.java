package dev.cronwatch.core.rules;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static dev.cronwatch.core.fakes.Scenario.interval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.alert.AlertBody;
import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/spec.md §8: misses and timeouts found by the clock (D3, D6). */
class ClockRulesTest {
    private static final String RUN = "00000000-0000-4000-8000-0000000000c1";
    private static final String NEWER_RUN = "00000000-0000-4000-8000-0000000000c2";

    private static List<CheckIn> missed(Scenario s) {
        return s.checkIns().stream().filter(c -> c.status() == CheckInStatus.MISSED).toList();
    }

    @Test
    void marksNothing_oneMinuteBeforeTheMarginEnds() {
        Scenario s = new Scenario(crontab("0 * * * *", "checkin_margin", 5));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.tick("2020-01-01T11:04:00Z");
        assertThat(missed(s)).isEmpty();
    }

    @Test
    void marksMissedDatedAtItsSlot_whenMarginEnds() {
        Scenario s = new Scenario(crontab("0 * * * *", "checkin_margin", 5));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.tick("2020-01-01T11:05:00Z");

        assertThat(missed(s)).singleElement().satisfies(m -> {
            assertThat(m.dateAdded()).isEqualTo(Instant.parse("2020-01-01T11:00:00Z"));
            assertThat(m.expectedTime()).isEqualTo(Instant.parse("2020-01-01T11:00:00Z"));
            assertThat(m.durationMs()).isNull();
        });
        assertThat(s.env().lastCheckIn()).isEqualTo(Instant.parse("2020-01-01T10:00:00Z"));
        assertThat(s.env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T12:00:00Z"));
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
        assertThat(s.alerts()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.OPENED);
            assertThat(a.message().body()).extracting(b -> b.monitor().name(), AlertBody::environment, AlertBody::failureReason)
                    .containsExactly("job", "production", "A missed check-in was detected");
        });
    }

    @Test
    void neverMarksMissed_whenEnvironmentNeverCheckedIn() {
        Scenario s = new Scenario(crontab("* * * * *"));
        s.checkIn("ok", "2020-01-01T10:00:00Z").env("dev").send();
        s.tickEveryMinute("2020-01-01T10:00:00Z", "2020-01-01T12:00:00Z");
        assertThat(s.store.environment(s.key, "production")).isEmpty();
        assertThat(missed(s)).allMatch(m -> m.environment().equals("dev"));
    }

    @Test
    void marksEachSilentSlotOnce_whenTickingEveryMinute() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.tickEveryMinute("2020-01-01T10:00:00Z", "2020-01-01T15:30:00Z");

        assertThat(missed(s)).extracting(CheckIn::dateAdded).containsExactly(
                Instant.parse("2020-01-01T11:00:00Z"), Instant.parse("2020-01-01T12:00:00Z"),
                Instant.parse("2020-01-01T13:00:00Z"), Instant.parse("2020-01-01T14:00:00Z"),
                Instant.parse("2020-01-01T15:00:00Z"));
        assertThat(s.incidents()).hasSize(1);
        assertThat(s.alerts()).hasSize(1);
    }

    @Test
    void catchesUpEverySlot_whenTicksWereSkipped() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.tick("2020-01-01T15:30:00Z");

        assertThat(missed(s)).hasSize(5);
        assertThat(s.env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T16:00:00Z"));
    }

    @Test
    void changesNothing_whenSameTickRunsTwice() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.tick("2020-01-01T11:01:00Z");
        var env = s.env();
        var checkIns = s.checkIns();

        var replay = s.tick("2020-01-01T11:01:00Z");

        assertThat(replay.due()).isZero();
        assertThat(s.env()).isEqualTo(env);
        assertThat(s.checkIns()).isEqualTo(checkIns);
        assertThat(s.alerts()).hasSize(1);
    }

    @Test
    void marksOneMissAndJumpsToCurrentSlot_whenMarginLongerThanGap() {
        Scenario s = new Scenario(crontab("0 * * * *", "checkin_margin", 90));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.tickEveryMinute("2020-01-01T10:00:00Z", "2020-01-01T12:30:00Z");

        assertThat(missed(s)).extracting(CheckIn::dateAdded).containsExactly(Instant.parse("2020-01-01T11:00:00Z"));
        assertThat(s.env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T13:00:00Z"));
    }

    @Test
    void anchorsIntervalMissOnMissedSlot() {
        Scenario s = new Scenario(interval(2, "hour"));
        s.send("ok", "2020-01-01T01:30:00Z");
        s.tick("2020-01-01T03:31:00Z");

        assertThat(missed(s)).extracting(CheckIn::dateAdded).containsExactly(Instant.parse("2020-01-01T03:30:00Z"));
        assertThat(s.env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T05:30:00Z"));
    }

    @Test
    void lateOkAfterMissResolvesIncident() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.tick("2020-01-01T11:01:00Z");
        s.send("ok", "2020-01-01T11:03:00Z");

        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.OK);
        assertThat(s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED, AlertType.RESOLVED);
    }

    @Test
    void checkInBeforeTheTickWins() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.send("ok", "2020-01-01T11:00:59Z");
        s.tick("2020-01-01T11:01:00Z");
        assertThat(missed(s)).isEmpty();
    }

    @Test
    void skipsDisabledMonitor() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        Monitor m = s.store.monitor(s.key).orElseThrow();
        s.store.commit(Changes.of(m.withSettings(m.name(), MonitorStatus.DISABLED, false, m.config())));
        s.tick("2020-01-01T13:00:00Z");
        assertThat(missed(s)).isEmpty();
    }

    @Test
    void marksTimeout_whenRunExceedsMaxRuntime() {
        Scenario s = new Scenario(crontab("0 * * * *", "max_runtime", 10));
        s.checkIn("in_progress", "2020-01-01T10:00:30Z").id(RUN).send();
        s.tick("2020-01-01T10:09:00Z");
        assertThat(s.checkIn(RUN).status()).isEqualTo(CheckInStatus.IN_PROGRESS);

        s.tick("2020-01-01T10:10:00Z");

        assertThat(s.checkIn(RUN).status()).isEqualTo(CheckInStatus.TIMEOUT);
        assertThat(s.checkIn(RUN).timeoutAt()).isNull();
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
        assertThat(s.incidents()).singleElement()
                .satisfies(i -> assertThat(i.reason()).isEqualTo(CheckInStatus.TIMEOUT));
        assertThat(s.alerts()).hasSize(1);
    }

    @Test
    void timeoutCountsWhileNewerRunIsInProgress() {
        // docs/spec.md D3 (Sentry issue 93492): an overrunning job must not be hidden by the next run starting.
        Scenario s = new Scenario(crontab("*/5 * * * *", "max_runtime", 10, "checkin_margin", 5));
        s.checkIn("in_progress", "2020-01-01T10:00:00Z").id(RUN).send();
        s.checkIn("in_progress", "2020-01-01T10:05:00Z").id(NEWER_RUN).send();
        s.tick("2020-01-01T10:10:00Z");

        assertThat(s.checkIn(RUN).status()).isEqualTo(CheckInStatus.TIMEOUT);
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
        assertThat(s.alerts()).singleElement().satisfies(a -> assertThat(a.type()).isEqualTo(AlertType.OPENED));
    }

    @Test
    void timeoutOnlyMarksRun_whenNewerRunAlreadyFinished() {
        Scenario s = new Scenario(crontab("*/5 * * * *", "max_runtime", 10, "checkin_margin", 5));
        s.checkIn("in_progress", "2020-01-01T10:00:00Z").id(RUN).send();
        s.checkIn("in_progress", "2020-01-01T10:05:00Z").id(NEWER_RUN).send();
        s.checkIn("ok", "2020-01-01T10:06:00Z").id(NEWER_RUN).send();
        s.tick("2020-01-01T10:10:00Z");

        assertThat(s.checkIn(RUN).status()).isEqualTo(CheckInStatus.TIMEOUT);
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.OK);
        assertThat(s.incidents()).isEmpty();
    }

    @Test
    void defersMiss_whileACheckInForTheSlotWaitsInTheQueue() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        // 11:00:30: a check-in is received and enqueued, but the processor is stopped.
        s.pauseProcessor(true);
        s.send("ok", "2020-01-01T11:00:30Z");

        s.tickEveryMinute("2020-01-01T11:00:00Z", "2020-01-01T11:10:00Z");
        assertThat(missed(s)).isEmpty();

        s.pauseProcessor(false); // the check-in first, then the judgements queued behind it
        s.tick("2020-01-01T11:11:00Z");
        assertThat(missed(s)).isEmpty();
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.OK);
        assertThat(s.alerts()).isEmpty();
    }

    @Test
    void judgesAnyway_whenTheDeadlineWaitedPastTheBound() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.pauseProcessor(true); // the monitor's group is stuck: nothing queued is applied

        s.tickEveryMinute("2020-01-01T11:00:00Z", "2020-01-01T11:15:00Z");
        assertThat(missed(s)).isEmpty(); // 11:01 is the deadline; 15 minutes later it may still wait

        var late = s.tick("2020-01-01T11:16:00Z");
        assertThat(late.judgedHere()).hasSize(1);
        assertThat(missed(s)).extracting(CheckIn::dateAdded).containsExactly(Instant.parse("2020-01-01T11:00:00Z"));
        assertThat(s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED);

        s.pauseProcessor(false); // the queued judgements then find nothing left to do
        assertThat(missed(s)).hasSize(1);
        assertThat(s.alerts()).hasSize(1);
    }

    @Test
    void anEnvironmentLeftWithoutItsMonitor_isRemoved_notJudgedForever() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        MonitorEnvironment orphan = MonitorEnvironment.create(new MonitorKey(Scenario.ORG, "deleted"), "production",
                Instant.parse("2020-01-01T10:00:00Z")).withTimes(Instant.parse("2020-01-01T10:00:00Z"),
                Instant.parse("2020-01-01T11:00:00Z"), Instant.parse("2020-01-01T11:01:00Z"));
        s.store.commit(Changes.of(orphan));

        s.tick("2020-01-01T11:01:00Z");

        assertThat(s.store.environment(orphan.monitor(), "production")).isEmpty();
        assertThat(s.store.findDue(Instant.parse("2020-01-02T00:00:00Z"), null, 10).items())
                .extracting(d -> d.monitor().slug()).containsOnly("job");
    }

    @Test
    void judgesTheEarliestTimeoutFirst_whenSeveralRunsAreOverdue() {
        Scenario s = new Scenario(crontab("0 * * * *", "max_runtime", 10, "failure_issue_threshold", 1));
        s.checkIn("in_progress", "2020-01-01T10:00:00Z").id(RUN).send();
        s.checkIn("in_progress", "2020-01-01T10:05:00Z").id(NEWER_RUN).send();

        s.tick("2020-01-01T10:20:00Z");

        assertThat(s.checkIn(RUN).status()).isEqualTo(CheckInStatus.TIMEOUT);
        assertThat(s.checkIn(NEWER_RUN).status()).isEqualTo(CheckInStatus.TIMEOUT);
        assertThat(s.incidents()).singleElement().satisfies(i -> {
            assertThat(i.startingCheckIn()).isEqualTo(RUN);
            assertThat(i.dateStarted()).isEqualTo(Instant.parse("2020-01-01T10:00:00Z"));
        });
    }
}
