package dev.cronwatch.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a management change does to an environment's pending deadlines (docs/spec.md §8.4, D11): only
 * a new schedule, or enabling, starts again from now; every other change keeps what is pending.
 */
class MonitorSettingsChangeTest {
    static final MonitorKey KEY = new MonitorKey("acme", "backup");
    static final Instant LAST = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant NEXT = Instant.parse("2026-01-01T11:00:00Z");
    /** Inside the pending margin: a change now must not drop the miss that may come at 11:05. */
    static final Instant NOW = Instant.parse("2026-01-01T11:02:30Z");
    static final Instant RUN_START = Instant.parse("2026-01-01T10:05:10Z");

    static MonitorConfig config(Object... pairs) {
        Map<String, Object> wire = new HashMap<>(Map.of("schedule", "0 * * * *", "checkin_margin", 5, "max_runtime", 30));
        for (int i = 0; i < pairs.length; i += 2) wire.put((String) pairs[i], pairs[i + 1]);
        return new MonitorConfigParser("config.").parse(wire);
    }

    static Monitor monitor(MonitorConfig config, MonitorStatus status) {
        return new Monitor(KEY, "m-1", "1", "backup", status, false, config, LAST, List.of("production"), null, null, null, 0, 1);
    }

    /** Expecting 11:00 (due 11:05), with a run in progress since 10:05:10 (timing out at 10:35). */
    static MonitorEnvironment pending() {
        CheckIn run = new CheckIn("00000000-0000-4000-8000-000000000001", KEY, "1", "production",
                CheckInStatus.IN_PROGRESS, RUN_START, RUN_START, null, NEXT, Instant.parse("2026-01-01T10:35:00Z"));
        return MonitorEnvironment.create(KEY, "production", LAST).withTimes(LAST, NEXT, NEXT.plusSeconds(300))
                .withCheckIn(run, 1);
    }

    static MonitorEnvironment change(MonitorConfig before, MonitorConfig after) {
        return SettingsChangeRules.rescheduled(pending(), monitor(before, MonitorStatus.ACTIVE),
                monitor(after, MonitorStatus.ACTIVE), NOW);
    }

    @Test
    void aNewMargin_movesOnlyTheEndOfThePendingMargin() {
        MonitorEnvironment env = change(config(), config("checkin_margin", 15));
        assertThat(env.nextCheckIn()).isEqualTo(NEXT);
        assertThat(env.nextCheckInLatest()).isEqualTo(Instant.parse("2026-01-01T11:15:00Z"));
        assertThat(env.openRuns()).singleElement().extracting(CheckIn::timeoutAt)
                .isEqualTo(Instant.parse("2026-01-01T10:35:00Z"));
    }

    @Test
    void aNewSchedule_expectsItsNextSlotFromNow() {
        MonitorEnvironment env = change(config(), config("schedule", "*/15 * * * *"));
        assertThat(env.nextCheckIn()).isEqualTo(Instant.parse("2026-01-01T11:15:00Z"));
        assertThat(env.nextCheckInLatest()).isEqualTo(Instant.parse("2026-01-01T11:20:00Z"));
        assertThat(env.lastCheckIn()).isEqualTo(LAST);
    }

    @Test
    void aNewRuntimeLimit_movesTheOpenRunsTimeouts_fromTheirStart() {
        MonitorEnvironment env = change(config(), config("max_runtime", 90));
        assertThat(env.openRuns()).singleElement().extracting(CheckIn::timeoutAt)
                .isEqualTo(Instant.parse("2026-01-01T11:35:00Z"));
        assertThat(env.nextCheckIn()).isEqualTo(NEXT);
    }

    @Test
    void aNewTimeZone_keepsThePendingDeadline() {
        MonitorEnvironment env = change(config(), config("timezone", "Asia/Kolkata"));
        assertThat(env.nextCheckIn()).isEqualTo(NEXT);
        assertThat(env.nextCheckInLatest()).isEqualTo(NEXT.plusSeconds(300));
    }

    @Test
    void disabling_clearsEveryDeadline_andEnablingExpectsTheNextSlotFromNow() {
        MonitorEnvironment disabled = SettingsChangeRules.rescheduled(pending(), monitor(config(), MonitorStatus.ACTIVE),
                monitor(config(), MonitorStatus.DISABLED), NOW);
        assertThat(disabled.nextCheckIn()).isNull();
        assertThat(disabled.dueAt()).as("nothing left for the clock").isNull();
        MonitorEnvironment enabled = SettingsChangeRules.rescheduled(disabled, monitor(config(), MonitorStatus.DISABLED),
                monitor(config(), MonitorStatus.ACTIVE), Instant.parse("2026-01-01T12:20:30Z"));
        assertThat(enabled.nextCheckIn()).isEqualTo(Instant.parse("2026-01-01T13:00:00Z"));
        assertThat(enabled.nextCheckInLatest()).isEqualTo(Instant.parse("2026-01-01T13:05:00Z"));
        assertThat(enabled.lastCheckIn()).isEqualTo(LAST);
    }

    /** An environment made but never checked in expects nothing yet: a new schedule invents no deadline. */
    @Test
    void aNewSchedule_forAnEnvironmentThatNeverCheckedIn_setsNoDeadline() {
        MonitorEnvironment fresh = MonitorEnvironment.create(KEY, "production", LAST);
        MonitorEnvironment env = SettingsChangeRules.rescheduled(fresh, monitor(config(), MonitorStatus.ACTIVE),
                monitor(config("schedule", "*/15 * * * *"), MonitorStatus.ACTIVE), NOW);
        assertThat(env.nextCheckIn()).isNull();
        assertThat(env.dueAt()).isNull();
    }

    /** A change writes the environment and only the runs whose deadlines it moved, not every run kept. */
    @Test
    void theChangesListOnlyTheRunsWhoseDeadlinesMoved() {
        CheckIn finished = new CheckIn("00000000-0000-4000-8000-000000000002", KEY, "1", "production",
                CheckInStatus.OK, LAST, LAST, 1_000L, LAST, null);
        MonitorEnvironment before = pending().withCheckIn(finished, 1);
        MonitorEnvironment after = SettingsChangeRules.rescheduled(before, monitor(config(), MonitorStatus.ACTIVE),
                monitor(config("max_runtime", 90), MonitorStatus.ACTIVE), NOW);
        assertThat(SettingsChangeRules.changes(before, after).checkIns()).singleElement()
                .satisfies(run -> assertThat(run.timeoutAt()).isEqualTo(Instant.parse("2026-01-01T11:35:00Z")));
    }
}
