package dev.cronwatch.core.rules;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What a change of a monitor's settings does to an environment's pending deadlines (docs/spec.md
 * §8.4, D11): only a new schedule, or enabling, starts again from now; every other change keeps what
 * is pending, so an edit neither invents a miss nor drops one that is due.
 */
public final class SettingsChangeRules {
    private SettingsChangeRules() {
    }

    /** The environment with the runs whose deadlines moved: the check-in items are listed on their own. */
    public static Changes changes(MonitorEnvironment env, MonitorEnvironment next) {
        List<CheckIn> changed = next.recent().stream().filter(run -> !env.recent().contains(run)).toList();
        return new Changes(null, next, changed, List.of(), null, List.of());
    }

    /**
     * The environment after its monitor's settings went from {@code before} to {@code after} at
     * {@code at}. As in Sentry's API, a new schedule (or schedule type) takes effect from now: expected
     * times are recomputed from this moment. Any other change keeps a pending deadline: a new margin
     * moves only how late the expected check-in may be, a new runtime limit moves the timeouts of the
     * runs in progress (from their start; one already past it times out now), and a new timezone
     * applies from the next check-in. Disabling clears every deadline; enabling again expects the next
     * slot from now.
     */
    public static MonitorEnvironment rescheduled(MonitorEnvironment env, Monitor before, Monitor after, Instant at) {
        MonitorConfig old = before.config();
        MonitorConfig now = after.config();
        if (after.isDisabled()) {
            // A disabled monitor expects nothing: it leaves the clock's index until enabled again.
            MonitorEnvironment cleared = env.withTimes(env.lastCheckIn(), null, null);
            for (CheckIn run : env.openRuns()) {
                cleared = cleared.withCheckIn(run.withStatus(CheckInStatus.IN_PROGRESS, run.durationMs(), null,
                        run.dateUpdated()), Thresholds.historyNeeded(now));
            }
            return cleared;
        }
        boolean scheduleChanged = !old.schedule().equals(now.schedule()) || before.isDisabled();
        MonitorEnvironment result = env;
        if (scheduleChanged && (env.lastCheckIn() != null || env.nextCheckIn() != null)) {
            result = Deadlines.expectNextAfter(now, env, env.lastCheckIn(), at);
        } else if (!old.margin().equals(now.margin()) && env.nextCheckIn() != null) {
            result = env.withTimes(env.lastCheckIn(), env.nextCheckIn(), Deadlines.latest(now, env.nextCheckIn()));
        }
        if (!old.runtimeLimit().equals(now.runtimeLimit())) {
            // A run already past its new limit times out now, not back then: a timeout dated before the
            // deadlines already judged would count the schedule again from there (months back, for a
            // run left open while the monitor was disabled).
            Instant thisMinute = at.truncatedTo(ChronoUnit.MINUTES);
            for (CheckIn run : result.openRuns()) {
                Instant timeout = Deadlines.runTimeout(now, run.dateAdded());
                result = result.withCheckIn(run.withStatus(CheckInStatus.IN_PROGRESS, run.durationMs(),
                        timeout.isBefore(thisMinute) ? thisMinute : timeout, run.dateUpdated()),
                        Thresholds.historyNeeded(now));
            }
        }
        return result;
    }

    /**
     * The environment as its monitor's pending settings change leaves it, for whoever judges or
     * reschedules it while the change's writer may have stopped before reaching it: each deadline is
     * the later of the stored one and the one the change gives (a missing one is taken from the other).
     * An environment already rescheduled keeps its deadlines, as do those a check-in or a judgement
     * moved on since; one the change never reached waits for both, so it is never judged on settings
     * that are gone. A deadline the change brought earlier is judged late, never early.
     */
    public static MonitorEnvironment pendingApplied(Monitor monitor, MonitorEnvironment env) {
        Monitor.PendingReschedule pending = monitor.pendingReschedule();
        if (pending == null) return env;
        MonitorEnvironment changed = rescheduled(env, monitor.beforePendingChange(), monitor, pending.at());
        MonitorEnvironment result = isLater(changed.nextCheckInLatest(), env.nextCheckInLatest())
                ? env.withTimes(env.lastCheckIn(), changed.nextCheckIn(), changed.nextCheckInLatest())
                        .withLateness(changed.lateness()) : env;
        for (CheckIn run : changed.openRuns()) {
            CheckIn stored = result.find(run.id()).orElse(null);
            if (stored != null && isLater(run.timeoutAt(), stored.timeoutAt())) {
                result = result.withCheckIn(run, Thresholds.historyNeeded(monitor.config()));
            }
        }
        return result;
    }

    /** True when {@code candidate} is a deadline later than {@code stored}, or the only one of the two. */
    private static boolean isLater(Instant candidate, Instant stored) {
        if (candidate == null) return false;
        return stored == null || candidate.isAfter(stored);
    }
}
