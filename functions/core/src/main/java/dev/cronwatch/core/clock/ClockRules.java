package dev.cronwatch.core.clock;

import dev.cronwatch.core.monitor.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.QueueProgress;
import dev.cronwatch.core.rules.Ids;
import dev.cronwatch.core.rules.IncidentRules;
import dev.cronwatch.core.rules.Transition;
import java.time.Instant;
import java.util.Optional;

/**
 * Sentry's {@code check_missed} and {@code check_timeout} for one environment at one tick.
 *
 * <p>Each deadline is judged at its own minute, in order, as if a tick had run at every minute, so
 * the result does not depend on when (or how often) the clock really ran. Deadlines later than the
 * monitor's queue watermark are left for a later tick: a backlog delays alerts, it never invents them.
 */
public final class ClockRules {
    /** Bounds one tick's work on one environment; what is left stays due for the next tick. */
    public static final int MAX_DEADLINES_PER_TICK = 60;

    private ClockRules() {
    }

    public static Optional<Changes> tick(Monitor monitor, MonitorEnvironment env, QueueProgress progress, Instant tick) {
        if (monitor.isDisabled()) return Optional.empty();
        Instant limit = progress.watermark(tick);
        Transition t = new Transition(monitor, env, false);
        boolean changed = false;
        for (int step = 0; step < MAX_DEADLINES_PER_TICK; step++) {
            MonitorEnvironment current = t.environment();
            Instant missAt = current.isMissedAt(limit) ? current.nextCheckInLatest() : null;
            CheckIn overdue = firstOverdueRun(current, limit);
            if (missAt == null && overdue == null) break;
            if (overdue == null || (missAt != null && !missAt.isAfter(overdue.timeoutAt()))) {
                markMissed(t, missAt);
            } else {
                markTimedOut(t, overdue, overdue.timeoutAt());
            }
            changed = true;
        }
        return changed ? Optional.of(t.changes(null, null)) : Optional.empty();
    }

    private static CheckIn firstOverdueRun(MonitorEnvironment env, Instant limit) {
        CheckIn first = null;
        for (CheckIn run : env.openRuns()) {
            if (run.timeoutAt() != null && !run.timeoutAt().isAfter(limit)
                    && (first == null || run.timeoutAt().isBefore(first.timeoutAt()))) {
                first = run;
            }
        }
        return first;
    }

    /** A MISSED check-in dated at the slot it stands for; the last check-in time is untouched. */
    private static void markMissed(Transition t, Instant at) {
        MonitorEnvironment env = t.environment();
        MonitorConfig config = t.monitor().config();
        Instant expected = env.nextCheckIn();
        CheckIn missed = new CheckIn(
                Ids.derive("missed", env.monitor().toString(), env.name(), expected.toString()),
                env.monitor(), t.monitor().projectId(), env.name(), CheckInStatus.MISSED,
                expected, at, null, expected, null);
        t.checkIn(missed);
        Instant previousSlot = config.schedule().previousBefore(expected, at, config.zone());
        IncidentRules.markFailed(t, missed, previousSlot);
    }

    private static void markTimedOut(Transition t, CheckIn run, Instant at) {
        CheckIn timedOut = run.withStatus(CheckInStatus.TIMEOUT, run.durationMs(), null, at);
        t.checkIn(timedOut);
        if (newerRunFinished(t.environment(), run)) return; // a later run already decided the state
        MonitorConfig config = t.monitor().config();
        Instant previousSlot = config.schedule().previousBefore(run.dateAdded(), at, config.zone());
        IncidentRules.markFailed(t, timedOut, previousSlot);
    }

    private static boolean newerRunFinished(MonitorEnvironment env, CheckIn run) {
        return env.recent().stream().anyMatch(c -> c.status().isUserTerminal() && c.dateAdded().isAfter(run.dateAdded()));
    }
}
