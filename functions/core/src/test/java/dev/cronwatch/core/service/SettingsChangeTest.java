package dev.cronwatch.core.service;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.fakes.FakeServices;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.fakes.StoreFaults;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A change of settings through the management API, made at 13:02 while the 13:00 check-in of an
 * hourly monitor (margin 5) is late. As in Sentry, only a new schedule (or schedule type) counts the
 * expected slot again from now; every other setting leaves the pending slot where it is, so the late
 * 13:00 check-in is still missed. A new margin moves only how late it may be; a new runtime limit
 * moves the timeouts of the runs in progress, from their start.
 */
class SettingsChangeTest {
    private static final Map<String, Object> HOURLY = crontab("0 * * * *", "checkin_margin", 5);
    private static final Instant SLOT = Instant.parse("2020-01-01T13:00:00Z");

    private final Scenario s = new Scenario(HOURLY);
    private final MonitorService admin = FakeServices.monitors(s.store, new InMemoryTenantDirectory(), s.clock, UUID::randomUUID);

    /** The monitor as it stands at 13:02: last check-in 12:00, expecting 13:00, missed at 13:05. */
    private void lateAt1302() {
        s.send("ok", "2020-01-01T12:00:05Z");
        s.tickEveryMinute("2020-01-01T12:00:00Z", "2020-01-01T13:02:00Z");
        assertThat(s.env().nextCheckIn()).isEqualTo(SLOT);
        assertThat(s.env().nextCheckInLatest()).isEqualTo(at("13:05"));
    }

    @Test
    void aChangeOfOneSetting_keepsWhatAnotherWriterChangedMeanwhile() {
        lateAt1302();
        // between the change's read and its commit, an upsert sets max_runtime: the commit loses the race
        boolean[] raced = {false};
        WholeStore store = StoreFaults.wrap(s.store, new StoreFaults.Hooks() {
            @Override
            public void beforeCommit(Changes changes) {
                if (raced[0] || changes.monitor() == null) return;
                raced[0] = true;
                Monitor now = s.store.monitor(s.key).orElseThrow();
                MonitorConfig c = now.config();
                assertThat(s.store.commit(Changes.of(now.withSettings(now.name(), now.status(), now.muted(),
                        new MonitorConfig(c.schedule(), c.checkinMargin(), 45, c.timezone(), c.failureIssueThreshold(),
                                c.recoveryThreshold()))))).isTrue();
            }
        });
        MonitorService racing = FakeServices.monitors(store, new InMemoryTenantDirectory(), s.clock, UUID::randomUUID);

        racing.update(Scenario.ORG, "job", new MonitorUpdate(null, null, null,
                new MonitorConfigParser("config.").settings(Map.of("checkin_margin", 10))));

        assertThat(raced[0]).isTrue();
        assertThat(stored().checkinMargin()).as("this change").isEqualTo(10);
        assertThat(stored().maxRuntime()).as("the other writer's change, not overwritten").isEqualTo(45);
        assertThat(stored().schedule().wireValue()).isEqualTo("0 * * * *");
    }

    private void update(String name, MonitorStatus status, Boolean muted, Map<String, Object> config) {
        admin.update(Scenario.ORG, "job", new MonitorUpdate(name, status, muted,
                config == null ? null : new MonitorConfigParser("config.").settings(config)));
    }

    private MonitorConfig stored() {
        return s.store.monitor(s.key).orElseThrow().config();
    }

    private static Instant at(String time) {
        return Instant.parse("2020-01-01T" + time + ":00Z");
    }

    private List<Instant> missedSlots() {
        return s.checkIns().stream().filter(c -> c.status() == CheckInStatus.MISSED).map(CheckIn::dateAdded).toList();
    }

    private void assertDeadlineKept() {
        MonitorEnvironment env = s.env();
        assertThat(env.nextCheckIn()).as("next").isEqualTo(SLOT);
        assertThat(env.nextCheckInLatest()).as("latest").isEqualTo(at("13:05"));
        s.tickEveryMinute("2020-01-01T13:02:00Z", "2020-01-01T13:05:00Z");
        assertThat(missedSlots()).as("the late 13:00 check-in is missed at 13:05").containsExactly(SLOT);
    }

    @Test
    void aNewSchedule_countsFromNow() {
        lateAt1302();
        update(null, null, null, crontab("30 * * * *", "checkin_margin", 5));
        assertThat(s.env().nextCheckIn()).isEqualTo(at("13:30"));
        assertThat(s.env().nextCheckInLatest()).isEqualTo(at("13:35"));
        s.tickEveryMinute("2020-01-01T13:02:00Z", "2020-01-01T13:35:00Z");
        assertThat(missedSlots()).containsExactly(at("13:30"));
    }

    @Test
    void aNewScheduleType_countsFromNow() {
        lateAt1302();
        update(null, null, null, Scenario.interval(1, "hour", "checkin_margin", 5));
        assertThat(s.env().nextCheckIn()).isEqualTo(at("14:02"));
        assertThat(s.env().nextCheckInLatest()).isEqualTo(at("14:07"));
        s.tickEveryMinute("2020-01-01T13:02:00Z", "2020-01-01T13:10:00Z");
        assertThat(missedSlots()).isEmpty();
    }

    @Test
    void aWiderMargin_movesOnlyTheDeadline_andTheSlotIsMissedAtTheNewOne() {
        lateAt1302();
        update(null, null, null, crontab("0 * * * *", "checkin_margin", 10));
        assertThat(s.env().nextCheckIn()).isEqualTo(SLOT);
        assertThat(s.env().nextCheckInLatest()).isEqualTo(at("13:10"));
        s.tickEveryMinute("2020-01-01T13:02:00Z", "2020-01-01T13:09:00Z");
        assertThat(missedSlots()).isEmpty();
        s.tick("2020-01-01T13:10:00Z");
        assertThat(s.checkIns()).filteredOn(c -> c.status() == CheckInStatus.MISSED).singleElement()
                .satisfies(c -> {
                    assertThat(c.dateAdded()).isEqualTo(SLOT);
                    assertThat(c.dateUpdated()).isEqualTo(at("13:10"));
                });
    }

    @Test
    void aNarrowerMargin_thatHasAlreadyRunOut_missesTheSlotAtTheNextTick() {
        lateAt1302();
        update(null, null, null, crontab("0 * * * *", "checkin_margin", 1));
        assertThat(s.env().nextCheckIn()).isEqualTo(SLOT);
        assertThat(s.env().nextCheckInLatest()).isEqualTo(at("13:01"));
        s.tick("2020-01-01T13:03:00Z");
        assertThat(missedSlots()).containsExactly(SLOT);
        assertThat(s.env().nextCheckIn()).isEqualTo(at("14:00"));
    }

    @Test
    void aNewRuntimeLimit_keepsTheDeadline_andMovesOpenRunsTimeoutsFromTheirStart() {
        s.send("ok", "2020-01-01T12:00:05Z");
        s.checkIn("in_progress", "2020-01-01T12:40:30Z").id("5a1e0c5e-0000-4000-8000-000000000001").send();
        assertThat(s.env().recent()).filteredOn(c -> c.status() == CheckInStatus.IN_PROGRESS).singleElement()
                .satisfies(c -> assertThat(c.timeoutAt()).isEqualTo(at("13:10")));
        s.clock.set(at("13:02"));
        update(null, null, null, crontab("0 * * * *", "checkin_margin", 5, "max_runtime", 25));
        assertThat(s.env().nextCheckIn()).isEqualTo(SLOT);
        assertThat(s.env().nextCheckInLatest()).isEqualTo(at("13:05"));
        assertThat(s.env().recent()).filteredOn(c -> c.status() == CheckInStatus.IN_PROGRESS).singleElement()
                .satisfies(c -> assertThat(c.timeoutAt()).isEqualTo(at("13:05")));
        assertThat(s.checkIns()).as("the check-in listing says the same").filteredOn(c -> c.status() == CheckInStatus.IN_PROGRESS)
                .singleElement().satisfies(c -> assertThat(c.timeoutAt()).isEqualTo(at("13:05")));
        s.tickEveryMinute("2020-01-01T13:02:00Z", "2020-01-01T13:05:00Z");
        assertThat(s.checkIns()).extracting(CheckIn::status)
                .containsExactly(CheckInStatus.OK, CheckInStatus.TIMEOUT, CheckInStatus.MISSED);
    }

    @Test
    void aRuntimeLimitAlreadyExceeded_timesTheRunOutNow_notBackThen() {
        s.send("ok", "2020-01-01T12:00:05Z");
        s.checkIn("in_progress", "2020-01-01T12:40:30Z").id("5a1e0c5e-0000-4000-8000-000000000002").send();
        s.tickEveryMinute("2020-01-01T12:40:00Z", "2020-01-01T13:02:00Z");
        update(null, null, null, crontab("0 * * * *", "checkin_margin", 5, "max_runtime", 5)); // 12:45 is long past
        assertThat(s.env().recent()).filteredOn(c -> c.status() == CheckInStatus.IN_PROGRESS).singleElement()
                .satisfies(c -> assertThat(c.timeoutAt()).isEqualTo(at("13:02")));
        s.tick("2020-01-01T13:03:00Z");
        assertThat(s.checkIns()).filteredOn(c -> c.status() == CheckInStatus.TIMEOUT).singleElement()
                .satisfies(c -> assertThat(c.dateUpdated()).isEqualTo(at("13:02")));
        assertThat(s.env().nextCheckIn()).isEqualTo(at("14:00"));
        assertThat(missedSlots()).isEmpty();
    }

    @Test
    void aNewTimezone_keepsTheDeadline_andCountsTheNextSlotInTheNewZone() {
        Scenario daily = new Scenario(crontab("0 9 * * *", "checkin_margin", 5));
        MonitorService admin = FakeServices.monitors(daily.store, new InMemoryTenantDirectory(), daily.clock, UUID::randomUUID);
        daily.send("ok", "2020-01-01T09:00:05Z");
        daily.clock.set(Instant.parse("2020-01-01T12:00:00Z"));
        admin.update(Scenario.ORG, "job", new MonitorUpdate(null, null, null, new MonitorConfigParser("config.")
                .settings(crontab("0 9 * * *", "checkin_margin", 5, "timezone", "Europe/Riga"))));
        assertThat(daily.env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-02T09:00:00Z"));
        assertThat(daily.env().nextCheckInLatest()).isEqualTo(Instant.parse("2020-01-02T09:05:00Z"));
        daily.checkIn("ok", "2020-01-02T09:00:05Z").withoutConfig().send();
        assertThat(daily.env().nextCheckIn()).as("09:00 in Riga, UTC+2 in winter")
                .isEqualTo(Instant.parse("2020-01-03T07:00:00Z"));
    }

    @Test
    void newThresholds_keepTheDeadline_andApplyToTheMiss() {
        lateAt1302();
        update(null, null, null, crontab("0 * * * *", "checkin_margin", 5, "failure_issue_threshold", 2,
                "recovery_threshold", 2));
        assertThat(stored().failureIssueThreshold()).isEqualTo(2);
        assertDeadlineKept();
        assertThat(s.incidents()).as("one failure of the two now needed").isEmpty();
    }

    @Test
    void aNewName_keepsTheDeadline() {
        lateAt1302();
        update("Hourly export", null, null, null);
        assertThat(s.store.monitor(s.key).orElseThrow().name()).isEqualTo("Hourly export");
        assertDeadlineKept();
    }

    @Test
    void muting_keepsTheDeadline_andTheIncident_butSendsNoAlert() {
        lateAt1302();
        update(null, null, true, null);
        assertDeadlineKept();
        assertThat(s.incidents()).hasSize(1);
        assertThat(s.alerts()).isEmpty();
        update(null, null, false, null);
        assertThat(s.env().nextCheckIn()).isEqualTo(at("14:00"));
    }

    @Test
    void pausing_clearsTheDeadline_andResuming_expectsTheNextSlotFromNow() {
        lateAt1302();
        update(null, MonitorStatus.DISABLED, null, null);
        assertThat(s.env().nextCheckIn()).isNull();
        assertThat(s.env().nextCheckInLatest()).isNull();
        s.tickEveryMinute("2020-01-01T13:02:00Z", "2020-01-01T13:40:00Z");
        assertThat(missedSlots()).isEmpty();
        update(null, MonitorStatus.ACTIVE, null, null);
        assertThat(s.env().nextCheckIn()).isEqualTo(at("14:00"));
        assertThat(s.env().nextCheckInLatest()).isEqualTo(at("14:05"));
        s.tickEveryMinute("2020-01-01T13:40:00Z", "2020-01-01T14:05:00Z");
        assertThat(missedSlots()).containsExactly(at("14:00"));
        assertThat(s.alerts()).extracting(PendingAlert::type).containsExactly(AlertType.OPENED);
    }

    /** A change whose writer dies after the monitor's write, before any environment's. */
    private void updateAndDieBeforeTheEnvironments(Map<String, Object> config) {
        WholeStore dying = StoreFaults.wrap(s.store, new StoreFaults.Hooks() {
            @Override
            public void beforeCommit(Changes changes) {
                if (changes.monitor() == null) throw new IllegalStateException("the function stopped here");
            }
        });
        MonitorService stopped = FakeServices.monitors(dying, new InMemoryTenantDirectory(), s.clock,
                UUID::randomUUID);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stopped.update(Scenario.ORG, "job", new MonitorUpdate(
                null, null, null, new MonitorConfigParser("config.").settings(config)))).hasMessageContaining("stopped");
    }

    @Test
    void aNewSchedule_whoseEnvironmentsWereNotRescheduled_missesNothingOnTheOldSchedule() {
        lateAt1302();
        updateAndDieBeforeTheEnvironments(crontab("30 * * * *", "checkin_margin", 5));
        assertThat(s.env().nextCheckInLatest()).as("the environment still on the old schedule").isEqualTo(at("13:05"));
        s.tickEveryMinute("2020-01-01T13:02:00Z", "2020-01-01T13:34:00Z");
        assertThat(missedSlots()).as("13:00 is no slot of the new schedule").isEmpty();
        s.tickEveryMinute("2020-01-01T13:34:00Z", "2020-01-01T13:35:00Z");
        assertThat(missedSlots()).containsExactly(at("13:30"));
    }

    @Test
    void aLongerMargin_whoseEnvironmentsWereNotRescheduled_missesNothingBeforeIt() {
        lateAt1302();
        updateAndDieBeforeTheEnvironments(crontab("0 * * * *", "checkin_margin", 20));
        s.tickEveryMinute("2020-01-01T13:02:00Z", "2020-01-01T13:19:00Z");
        assertThat(missedSlots()).isEmpty();
        s.tickEveryMinute("2020-01-01T13:19:00Z", "2020-01-01T13:20:00Z");
        assertThat(missedSlots()).containsExactly(SLOT);
    }

    @Test
    void theNextChange_finishesTheRescheduleAStoppedOneLeft() {
        lateAt1302();
        updateAndDieBeforeTheEnvironments(crontab("30 * * * *", "checkin_margin", 5));
        update("renamed", null, null, null);
        assertThat(s.env().nextCheckIn()).isEqualTo(at("13:30"));
        assertThat(s.env().nextCheckInLatest()).isEqualTo(at("13:35"));
        assertThat(s.store.monitor(s.key).orElseThrow().pendingReschedule()).as("nothing left pending").isNull();
    }
}
