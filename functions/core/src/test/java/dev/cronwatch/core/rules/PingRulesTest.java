package dev.cronwatch.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.fakes.PingScenario;
import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.KeywordFilter;
import dev.cronwatch.core.monitor.Lateness;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorState;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.PingKind;
import dev.cronwatch.core.monitor.PingStatus;
import dev.cronwatch.core.schedule.CrontabSchedule;
import dev.cronwatch.core.schedule.InvalidScheduleException;
import dev.cronwatch.core.schedule.OnCalendarSchedule;
import dev.cronwatch.core.schedule.SimpleSchedule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Healthchecks' state rules (docs/spec.md §14.2), one test per
 * rule, through the real processor and clock on a controlled clock.
 */
class PingRulesTest {
    private static final String RID_A = "0a0a0a0a-0000-4000-8000-000000000001";
    private static final String RID_B = "0b0b0b0b-0000-4000-8000-000000000002";

    private static MonitorConfig simple(long timeout, int grace) throws InvalidScheduleException {
        return MonitorConfig.healthchecks(SimpleSchedule.ofSeconds(timeout), null, grace);
    }

    /** The tick of the minute before {@code minute} alerts nothing; the tick at {@code minute} opens an incident. */
    private static void assertOpensAtTheTickOf(PingScenario p, String minute) {
        p.tick(Instant.parse(minute).minusSeconds(60).toString());
        assertThat(p.s.alerts()).isEmpty();
        p.tick(minute);
        assertThat(p.s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED);
    }

    // ---- §2.2 when a ping is due ----

    @Test
    void simpleCheck_isDueTimeoutAfterLastPing_graceUntilGraceMore_thenDown() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.SUCCESS, "2020-01-01T10:00:30Z");

        assertThat(p.state("2020-01-01T11:00:29Z").status()).isEqualTo(PingStatus.UP);
        assertThat(p.state("2020-01-01T11:00:29Z").nextPing()).isEqualTo("2020-01-01T11:00:30Z");
        assertThat(p.state("2020-01-01T11:00:30Z").status()).isEqualTo(PingStatus.GRACE);
        assertThat(p.state("2020-01-01T11:05:29Z").status()).isEqualTo(PingStatus.GRACE);
        assertThat(p.state("2020-01-01T11:05:30Z").status()).isEqualTo(PingStatus.DOWN);
        assertOpensAtTheTickOf(p, "2020-01-01T11:06:00Z");
    }

    @Test
    void dueTime_marksTheCheckLate_withNoAlertAndNoCheckIn_andArmsDuePlusGrace() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.SUCCESS, "2020-01-01T10:00:30Z");
        assertThat(p.s.env().dueAt()).isEqualTo("2020-01-01T11:00:30Z");
        assertThat(p.s.env().lateness()).isEqualTo(Lateness.DUE);

        p.tick("2020-01-01T11:00:00Z");
        assertThat(p.s.env().lateness()).isEqualTo(Lateness.DUE);
        int checkIns = p.s.checkIns().size();
        p.tick("2020-01-01T11:01:00Z");

        assertThat(p.s.env().lateness()).isEqualTo(Lateness.LATE);
        assertThat(p.s.env().isLate()).isTrue();
        assertThat(p.s.env().dueAt()).isEqualTo("2020-01-01T11:05:30Z");
        assertThat(p.s.checkIns()).hasSize(checkIns);
        assertThat(p.s.alerts()).isEmpty();
        assertOpensAtTheTickOf(p, "2020-01-01T11:06:00Z");
        assertThat(p.s.env().isLate()).isFalse();
    }

    /** A check with an hour's timeout and five minutes' grace, pinged at 10:00:30 and marked late by the tick of 11:01. */
    private static PingScenario markedLate() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.SUCCESS, "2020-01-01T10:00:30Z");
        p.tick("2020-01-01T11:01:00Z");
        return p;
    }

    @Test
    void aRepeatedLateJudgement_writesNothing() throws Exception {
        PingScenario p = markedLate();
        MonitorState late = p.s.store.load(p.key(), "production");

        assertThat(ClockRules.judge(late.monitor(), late.environment(), Instant.parse("2020-01-01T11:01:00Z"))).isEmpty();
        assertThat(ClockRules.judge(late.monitor(), late.environment(), Instant.parse("2020-01-01T11:04:00Z"))).isEmpty();
    }

    @Test
    void aSuccessWhileLate_clearsLate_andWatchesTheNextDueTime() throws Exception {
        PingScenario p = markedLate();
        p.ping(PingKind.LOG, "2020-01-01T11:01:30Z");
        p.ping(PingKind.START, "2020-01-01T11:01:40Z");
        assertThat(p.s.env().isLate()).isTrue();

        p.ping(PingKind.SUCCESS, "2020-01-01T11:02:00Z");
        assertThat(p.s.env().lateness()).isEqualTo(Lateness.DUE);
        assertThat(p.s.env().dueAt()).isEqualTo("2020-01-01T12:02:00Z");
        assertThat(p.s.alerts()).isEmpty();
    }

    @Test
    void aDownCheck_isNotMarkedLate_andItsDeadlineStaysDuePlusGrace() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.FAIL, "2020-01-01T10:00:00Z");
        assertThat(p.s.env().lateAt()).isNull();
        assertThat(p.s.env().dueAt()).isEqualTo("2020-01-01T11:05:00Z");
        p.tick("2020-01-01T11:01:00Z");
        assertThat(p.s.env().isLate()).isFalse();
    }

    @Test
    void aSentryMonitor_hasNoLateStage() {
        Scenario s = new Scenario(Scenario.crontab("0 * * * *", "checkin_margin", 5));
        s.send("ok", "2020-01-01T10:00:00Z");
        assertThat(s.env().lateness()).isEqualTo(Lateness.NONE);
        assertThat(s.env().dueAt()).isEqualTo("2020-01-01T11:05:00Z");
        s.tick("2020-01-01T11:01:00Z");
        assertThat(s.env().lateness()).isEqualTo(Lateness.NONE);
    }

    @Test
    void cronCheck_isDueAtFirstFireStrictlyAfterLastPing_inItsTimeZone() throws Exception {
        PingScenario p = new PingScenario(MonitorConfig.healthchecks(CrontabSchedule.parse("0 9 * * *"), "Europe/Riga", 600));
        // 08:59 in Riga: a ping a minute early counts for 09:00 of the day before, not for the coming one
        p.ping(PingKind.SUCCESS, "2020-01-01T06:59:00Z");

        assertThat(p.state("2020-01-01T06:59:30Z").nextPing()).isEqualTo("2020-01-01T07:00:00Z");
        assertThat(p.state("2020-01-01T07:10:00Z").status()).isEqualTo(PingStatus.DOWN);
    }

    @Test
    void onCalendarCheck_isDueAtNextCalendarTime_toTheSecond() throws Exception {
        PingScenario p = new PingScenario(MonitorConfig.healthchecks(OnCalendarSchedule.parse("*-*-* 10:30:15"), "UTC", 60));
        p.ping(PingKind.SUCCESS, "2020-01-01T09:00:00Z");

        assertThat(p.state("2020-01-01T09:00:01Z").nextPing()).isEqualTo("2020-01-01T10:30:15Z");
        assertThat(p.state("2020-01-01T10:31:14Z").status()).isEqualTo(PingStatus.GRACE);
        assertThat(p.state("2020-01-01T10:31:15Z").status()).isEqualTo(PingStatus.DOWN);
    }

    @Test
    void newCheck_hasNoDeadline() throws Exception {
        PingScenario p = new PingScenario(simple(60, 60));
        assertThat(p.state("2030-01-01T00:00:00Z").status()).isEqualTo(PingStatus.NEW);
        p.ping(PingKind.LOG, "2020-01-01T10:00:00Z");
        p.tick("2020-02-01T00:00:00Z");
        assertThat(p.state("2020-02-01T00:00:00Z").status()).isEqualTo(PingStatus.NEW);
        assertThat(p.s.alerts()).isEmpty();
    }

    // ---- §2.3 the effect of each signal ----

    @Test
    void start_doesNotMoveTheNextDueTime() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 600));
        p.ping(PingKind.SUCCESS, "2020-01-01T10:00:00Z");
        p.ping(PingKind.START, "2020-01-01T10:50:00Z");

        assertThat(p.state("2020-01-01T10:55:00Z").nextPing()).isEqualTo("2020-01-01T11:00:00Z");
        assertThat(p.state("2020-01-01T10:55:00Z").started()).isTrue();
    }

    @Test
    void start_armsGraceAsRunDeadline_andANewCheckGoesDownWithAnAlert() throws Exception {
        PingScenario p = new PingScenario(simple(86400, 300));
        p.ping(PingKind.START, "2020-01-01T10:00:10Z");

        assertThat(p.state("2020-01-01T10:05:09Z").status()).isEqualTo(PingStatus.NEW);
        assertThat(p.state("2020-01-01T10:05:10Z").status()).isEqualTo(PingStatus.DOWN);
        assertOpensAtTheTickOf(p, "2020-01-01T10:06:00Z");
    }

    @Test
    void successWithTheStartsRid_endsTheRun_andRecordsItsDuration() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.START, "2020-01-01T10:00:00Z", RID_A);
        p.ping(PingKind.SUCCESS, "2020-01-01T10:02:30Z", RID_A);

        assertThat(p.state("2020-01-01T10:03:00Z").started()).isFalse();
        assertThat(p.state("2020-01-01T10:03:00Z").lastDuration()).isEqualTo(Duration.ofSeconds(150));
        assertThat(p.state("2020-01-01T10:03:00Z").lastPing()).isEqualTo("2020-01-01T10:02:30Z");
        assertThat(p.s.checkIns()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(CheckInStatus.OK));
    }

    @Test
    void successWithAnotherRid_keepsThePendingStart_whichStillTimesOut() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.SUCCESS, "2020-01-01T09:59:00Z");
        p.ping(PingKind.START, "2020-01-01T10:00:00Z", RID_A);
        p.ping(PingKind.SUCCESS, "2020-01-01T10:01:00Z", RID_B);

        assertThat(p.state("2020-01-01T10:02:00Z").started()).isTrue();
        p.tick("2020-01-01T10:05:00Z");
        assertThat(p.s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED);
    }

    @Test
    void successWithoutRid_endsThePendingStart() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.START, "2020-01-01T10:00:00Z", RID_A);
        p.ping(PingKind.SUCCESS, "2020-01-01T10:01:00Z");

        assertThat(p.state("2020-01-01T10:02:00Z").started()).isFalse();
        p.tick("2020-01-01T10:10:00Z");
        assertThat(p.s.alerts()).isEmpty();
    }

    @Test
    void fail_isDownAtOnceWithOneAlert_andForgetsThePendingStart() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.SUCCESS, "2020-01-01T09:00:00Z");
        p.ping(PingKind.START, "2020-01-01T10:00:00Z", RID_A);
        p.ping(PingKind.FAIL, "2020-01-01T10:00:30Z", RID_B);

        assertThat(p.state("2020-01-01T10:00:31Z").status()).isEqualTo(PingStatus.DOWN);
        assertThat(p.state("2020-01-01T10:00:31Z").started()).isFalse();
        p.ping(PingKind.SUCCESS, "2020-01-01T10:01:00Z");
        p.tick("2020-01-01T10:10:00Z");
        assertThat(p.s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED, AlertType.RESOLVED);
    }

    @Test
    void failEndingARunThatStartedBeforeTheLastSuccess_isStillDown() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.START, "2020-01-01T10:00:00Z", RID_A);
        p.ping(PingKind.SUCCESS, "2020-01-01T10:01:00Z", RID_B);
        p.ping(PingKind.FAIL, "2020-01-01T10:02:00Z", RID_A);

        assertThat(p.state("2020-01-01T10:02:01Z").status()).isEqualTo(PingStatus.DOWN);
        assertThat(p.s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED);
    }

    @Test
    void fail_movesTheNextDueTimeLikeASuccess() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.FAIL, "2020-01-01T10:00:00Z");
        p.ping(PingKind.SUCCESS, "2020-01-01T10:30:00Z");
        assertThat(p.state("2020-01-01T10:31:00Z").nextPing()).isEqualTo("2020-01-01T11:30:00Z");
    }

    @Test
    void log_changesNothing_butIsCountedAndRecordedWithItsBody() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.SUCCESS, "2020-01-01T10:00:00Z");
        p.ping(PingKind.LOG, "2020-01-01T10:30:00Z", null, "POST", "disk 91% full");

        assertThat(p.state("2020-01-01T10:31:00Z").nextPing()).isEqualTo("2020-01-01T11:00:00Z");
        assertThat(p.s.env().pings()).isEqualTo(2);
        assertThat(p.s.store.loggedPings(p.key(), 100)).singleElement().satisfies(l -> {
            assertThat(l.ping().kind()).isEqualTo(PingKind.LOG);
            assertThat(new String(p.s.store.attachment(p.key(), l.id()).orElseThrow().content())).isEqualTo("disk 91% full");
        });
        assertThat(p.s.checkIns()).hasSize(1);
    }

    @Test
    void startOnADownCheck_armsNothing() throws Exception {
        PingScenario p = new PingScenario(simple(86400, 300));
        p.ping(PingKind.FAIL, "2020-01-01T10:00:00Z");
        p.ping(PingKind.START, "2020-01-01T10:01:00Z", RID_A);
        p.ping(PingKind.SUCCESS, "2020-01-01T10:02:00Z", RID_B);
        p.tick("2020-01-01T10:30:00Z");

        assertThat(p.s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED, AlertType.RESOLVED);
    }

    @Test
    void onlyTheLatestStartIsTimed_anOlderOpenRunEndsUnknown() throws Exception {
        PingScenario p = new PingScenario(simple(86400, 300));
        p.ping(PingKind.START, "2020-01-01T10:00:00Z", RID_A);
        p.ping(PingKind.START, "2020-01-01T10:04:00Z", RID_B);
        p.ping(PingKind.SUCCESS, "2020-01-01T10:08:00Z", RID_B);
        p.tick("2020-01-01T10:20:00Z");

        assertThat(p.s.alerts()).isEmpty();
        assertThat(p.s.checkIns()).extracting(CheckIn::id, CheckIn::status)
                .contains(org.assertj.core.groups.Tuple.tuple(RID_A, CheckInStatus.UNKNOWN));
    }

    @Test
    void aSecondStartWithoutRid_timesTheRunFromItself_andTheFirstEndsUnknown() throws Exception {
        PingScenario p = new PingScenario(simple(86400, 300));
        p.ping(PingKind.START, "2020-01-01T10:00:00Z");
        p.ping(PingKind.START, "2020-01-01T10:07:00Z");
        p.ping(PingKind.SUCCESS, "2020-01-01T10:08:00Z");

        assertThat(p.s.checkIns()).extracting(CheckIn::status, CheckIn::dateAdded, CheckIn::durationMs).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(CheckInStatus.UNKNOWN, Instant.parse("2020-01-01T10:00:00Z"), null),
                org.assertj.core.groups.Tuple.tuple(CheckInStatus.OK, Instant.parse("2020-01-01T10:07:00Z"), 60_000L));
        assertThat(p.s.alerts()).isEmpty();
    }

    // A Sentry check-in to a check counts as its ping (H16): its in_progress is a start, by the same rule.

    @Test
    void aSentryInProgressWhileLate_isAStart_leavingTheDueTimeAndTheMark() throws Exception {
        PingScenario p = markedLate();
        p.s.checkIn("in_progress", "2020-01-01T11:02:00Z").withoutConfig().send();

        assertThat(p.s.env().isLate()).isTrue();
        assertThat(p.state("2020-01-01T11:02:30Z").nextPing()).isEqualTo("2020-01-01T11:00:30Z");
        assertThat(p.state("2020-01-01T11:02:30Z").started()).isTrue();
        assertOpensAtTheTickOf(p, "2020-01-01T11:06:00Z");
    }

    @Test
    void aSentryInProgress_isTimedAsTheLatestStart_anOlderOpenRunEndsUnknown() throws Exception {
        PingScenario p = new PingScenario(simple(86400, 300));
        p.ping(PingKind.START, "2020-01-01T10:00:00Z", RID_A);
        p.s.checkIn("in_progress", "2020-01-01T10:04:00Z").withoutConfig().id(RID_B).send();
        p.ping(PingKind.SUCCESS, "2020-01-01T10:08:00Z", RID_B);
        p.tick("2020-01-01T10:20:00Z");

        assertThat(p.s.alerts()).isEmpty();
        assertThat(p.s.checkIn(RID_A).status()).isEqualTo(CheckInStatus.UNKNOWN);
    }

    @Test
    void aSentryInProgressOnADownCheck_armsNothing() throws Exception {
        PingScenario p = new PingScenario(simple(86400, 300));
        p.ping(PingKind.FAIL, "2020-01-01T10:00:00Z");
        p.s.checkIn("in_progress", "2020-01-01T10:01:00Z").withoutConfig().id(RID_A).send();
        p.s.checkIn("in_progress", "2020-01-01T10:01:30Z").withoutConfig().id(RID_A).send();
        p.ping(PingKind.SUCCESS, "2020-01-01T10:02:00Z", RID_B);
        p.tick("2020-01-01T10:30:00Z");

        assertThat(p.s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED, AlertType.RESOLVED);
    }

    @Test
    void postOnlyCheck_ignoresAGetPing_butRecordsIt() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300), new PingCheck(PingScenario.CODE, false, true, List.of(), ""));
        p.ping(PingKind.FAIL, "2020-01-01T10:00:00Z", null, "GET", "");

        assertThat(p.state("2020-01-01T10:01:00Z").status()).isEqualTo(PingStatus.NEW);
        assertThat(p.s.store.loggedPings(p.key(), 100)).singleElement()
                .satisfies(l -> assertThat(l.ping().kind()).isEqualTo(PingKind.IGNORED));
        p.ping(PingKind.FAIL, "2020-01-01T10:02:00Z", null, "POST", "");
        assertThat(p.state("2020-01-01T10:03:00Z").status()).isEqualTo(PingStatus.DOWN);
    }

    @Test
    void autoCreate_makesACheckWithHealthchecksDefaults() {
        PingScenario p = new PingScenario(MonitorConfig.healthchecks(SimpleSchedule.daily(), null, 60));
        MonitorKey other = new MonitorKey("acme", "backup");
        String code = "11111111-2222-4333-8444-555555555555";
        p.s.apply(p.message(PingKind.SUCCESS, Instant.parse("2020-01-01T10:00:00Z"), null, "GET", "",
                PingCheck.withCode(code), other));

        var created = p.s.store.monitor(other).orElseThrow();
        assertThat(created.ping().pingCode()).isEqualTo(code);
        assertThat(created.config().schedule()).isEqualTo(SimpleSchedule.daily());
        assertThat(created.config().graceSeconds()).isEqualTo(3600);
        assertThat(p.s.store.pingTarget(code).orElseThrow().monitor()).isEqualTo(other);
    }

    // ---- §2.4, §2.5 going down by time, and which flips alert ----

    @Test
    void newToUp_sendsNothing_upToDownAndDownToUp_alertOnceEach() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.SUCCESS, "2020-01-01T10:00:00Z");
        assertThat(p.s.alerts()).isEmpty();
        p.tick("2020-01-01T11:06:00Z");
        p.tick("2020-01-01T14:00:00Z");
        p.ping(PingKind.SUCCESS, "2020-01-01T14:30:00Z");

        assertThat(p.s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED, AlertType.RESOLVED);
        assertThat(p.state("2020-01-01T14:31:00Z").status()).isEqualTo(PingStatus.UP);
    }

    @Test
    void goingDownByTime_isDatedAtTheDeadline() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.SUCCESS, "2020-01-01T10:00:00Z");
        p.tick("2020-01-01T11:20:00Z");
        assertThat(p.s.incidents()).singleElement()
                .satisfies(i -> assertThat(i.dateStarted()).isEqualTo("2020-01-01T11:00:00Z"));
    }

    // ---- §2.7 pause and resume ----

    @Test
    void pausedCheck_hasNoDeadline_andTheClockSkipsIt() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.SUCCESS, "2020-01-01T10:00:00Z");
        assertThat(p.pause("2020-01-01T10:10:00Z")).isTrue();
        assertThat(p.pause("2020-01-01T10:11:00Z")).isFalse();
        p.tick("2020-01-02T00:00:00Z");

        assertThat(p.state("2020-01-02T00:00:00Z").status()).isEqualTo(PingStatus.PAUSED);
        assertThat(p.s.env().dueAt()).isNull();
        assertThat(p.s.alerts()).isEmpty();
    }

    @Test
    void pausingADownCheck_closesItsIncidentWithoutAnAlert_andPausedToUpSendsNothing() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.FAIL, "2020-01-01T10:00:00Z");
        p.pause("2020-01-01T10:10:00Z");
        p.ping(PingKind.SUCCESS, "2020-01-01T11:00:00Z");

        assertThat(p.state("2020-01-01T11:00:01Z").status()).isEqualTo(PingStatus.UP);
        assertThat(p.s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED);
        assertThat(p.s.incidents()).singleElement().satisfies(i -> assertThat(i.dateResolved()).isNotNull());
    }

    @Test
    void startOnAPausedCheck_keepsItPaused_butItsGraceStillRuns() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.pause("2020-01-01T09:00:00Z");
        p.ping(PingKind.START, "2020-01-01T10:00:00Z");
        assertThat(p.state("2020-01-01T10:01:00Z").status()).isEqualTo(PingStatus.PAUSED);
        p.tick("2020-01-01T10:06:00Z");
        assertThat(p.s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED);
    }

    // ---- §1.2 steps 6-7: keyword filters ----

    private static PingScenario filtered(boolean defaultFail) throws Exception {
        return new PingScenario(simple(3600, 300), new PingCheck(PingScenario.CODE, false, false, List.of(), "",
                new KeywordFilter("STARTING", "SUCCESS, done", "ERROR", false, false, true, defaultFail), true));
    }

    private static List<CheckInStatus> statuses(PingScenario p) {
        return p.s.checkIns().stream().map(CheckIn::status).toList();
    }

    @Test
    void keywordFilter_failureKeywordsWinOverSuccess_andSuccessOverStart() throws Exception {
        PingScenario p = filtered(false);
        p.ping(PingKind.SUCCESS, "2020-01-01T10:00:00Z", null, "POST", "SUCCESS but an ERROR too, STARTING");
        assertThat(p.state("2020-01-01T10:00:30Z").status()).isEqualTo(PingStatus.DOWN);
        p.ping(PingKind.FAIL, "2020-01-01T10:01:00Z", null, "POST", "all done, STARTING next");
        assertThat(p.state("2020-01-01T10:01:30Z").status()).isEqualTo(PingStatus.UP);
        p.ping(PingKind.SUCCESS, "2020-01-01T10:02:00Z", null, "POST", "STARTING");
        assertThat(p.state("2020-01-01T10:02:30Z").started()).isTrue();
    }

    @Test
    void keywordFilter_isCaseSensitive_andABodyMatchingNothingIsIgnored_orAFailWithDefaultFail() throws Exception {
        PingScenario ignoring = filtered(false);
        ignoring.ping(PingKind.SUCCESS, "2020-01-01T10:00:00Z", null, "POST", "success, error");
        assertThat(ignoring.state("2020-01-01T10:00:30Z").status()).isEqualTo(PingStatus.NEW);
        assertThat(ignoring.s.store.loggedPings(ignoring.key(), 10)).singleElement()
                .satisfies(l -> assertThat(l.ping().kind()).isEqualTo(PingKind.IGNORED));

        PingScenario failing = filtered(true);
        failing.ping(PingKind.SUCCESS, "2020-01-01T10:00:00Z", null, "POST", "");
        assertThat(failing.state("2020-01-01T10:00:30Z").status()).isEqualTo(PingStatus.DOWN);
        assertThat(failing.s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED);
    }

    @Test
    void keywordFilter_readsALogPingsBody_too() throws Exception {
        PingScenario p = filtered(false);
        p.ping(PingKind.LOG, "2020-01-01T10:00:00Z", null, "POST", "backup done");
        assertThat(p.state("2020-01-01T10:00:30Z").status()).isEqualTo(PingStatus.UP);
        assertThat(statuses(p)).containsExactly(CheckInStatus.OK);
    }

    @Test
    void keywordFilter_offLeavesThePingAsItsUrlSays() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300), new PingCheck(PingScenario.CODE, false, false, List.of(), "",
                new KeywordFilter("", "", "ERROR", true, true, false, true), true));
        p.ping(PingKind.SUCCESS, "2020-01-01T10:00:00Z", null, "POST", "ERROR");
        assertThat(p.state("2020-01-01T10:00:30Z").status()).isEqualTo(PingStatus.UP);
    }

    /** Healthchecks' strict decode answers 500 here; the readable parts of the body still match. */
    @Test
    void keywordFilter_readsABodyThatIsNotUtf8_leniently() throws Exception {
        PingScenario p = filtered(false);
        byte[] latin1 = "Sauvegarde termin\u00e9e: ERROR".getBytes(StandardCharsets.ISO_8859_1);
        p.post(PingKind.SUCCESS, "2020-01-01T10:00:00Z", latin1);
        assertThat(p.state("2020-01-01T10:00:30Z").status()).isEqualTo(PingStatus.DOWN);
        byte[] cutInACharacter = Arrays.copyOf("done \u20ac".getBytes(StandardCharsets.UTF_8), 7);
        p.post(PingKind.FAIL, "2020-01-01T10:01:00Z", cutInACharacter);
        assertThat(p.state("2020-01-01T10:01:30Z").status()).isEqualTo(PingStatus.UP);
    }

    @Test
    void postOnlyCheck_ignoresAGetPing_beforeItsKeywordFiltersReadTheBody() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300), new PingCheck(PingScenario.CODE, false, true, List.of(), "",
                new KeywordFilter("", "done", "", false, false, true, true), true));
        p.ping(PingKind.LOG, "2020-01-01T10:00:00Z", null, "GET", "done");
        assertThat(p.state("2020-01-01T10:00:30Z").status()).isEqualTo(PingStatus.NEW);
        assertThat(p.s.store.loggedPings(p.key(), 10)).singleElement()
                .satisfies(l -> assertThat(l.ping().kind()).isEqualTo(PingKind.IGNORED));
    }

    @Test
    void manualResume_keepsAPausedCheckPaused_andItsPingsAreIgnored() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300), new PingCheck(PingScenario.CODE, true, false, List.of(), ""));
        p.pause("2020-01-01T09:00:00Z");
        p.ping(PingKind.FAIL, "2020-01-01T10:00:00Z");

        assertThat(p.state("2020-01-01T10:01:00Z").status()).isEqualTo(PingStatus.PAUSED);
        assertThat(p.s.alerts()).isEmpty();
        assertThat(p.s.store.loggedPings(p.key(), 100)).singleElement()
                .satisfies(l -> assertThat(l.ping().kind()).isEqualTo(PingKind.IGNORED));
    }

    @Test
    void resume_makesThePausedCheckNew_andForgetsItsLastPing_andIsRefusedWhenNotPaused() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.SUCCESS, "2020-01-01T10:00:00Z");
        assertThat(p.resume("2020-01-01T10:05:00Z")).isFalse();
        p.pause("2020-01-01T10:10:00Z");
        assertThat(p.resume("2020-01-01T10:20:00Z")).isTrue();

        assertThat(p.state("2020-01-01T12:00:00Z").status()).isEqualTo(PingStatus.NEW);
        assertThat(p.state("2020-01-01T12:00:00Z").lastPing()).isNull();
        p.tick("2020-01-02T00:00:00Z");
        assertThat(p.s.alerts()).isEmpty();
    }

    @Test
    void everyPingIsCounted() throws Exception {
        PingScenario p = new PingScenario(simple(3600, 300));
        p.ping(PingKind.START, "2020-01-01T10:00:00Z");
        p.ping(PingKind.LOG, "2020-01-01T10:00:10Z");
        p.ping(PingKind.SUCCESS, "2020-01-01T10:00:20Z");
        assertThat(p.s.env().pings()).isEqualTo(3);
    }
}
