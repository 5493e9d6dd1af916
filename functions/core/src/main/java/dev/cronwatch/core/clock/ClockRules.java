package dev.cronwatch.core.clock;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.rules.CheckInIds;
import dev.cronwatch.core.rules.IncidentRules;
import dev.cronwatch.core.rules.Outcome;
import java.time.Instant;
import java.util.Optional;

/**
 * Sentry's {@code check_missed} and {@code check_timeout} for one environment at one tick: this is
 * where a miss or a timeout is decided.
 *
 * <p>Each deadline up to the tick is judged at its own minute, in order, as if a tick had run at
 * every minute, so the result does not depend on when (or how often) the clock really ran. Whoever
 * calls this must know that every check-in received before the tick has been applied: the processor
 * does, since it judges in queue order behind them.
 */
public final class ClockRules {
    /** Bounds one judgement; what is left stays due and is judged next. */
    public static final int MAX_DEADLINES_PER_JUDGEMENT = 60;

    private ClockRules() {
    }

    public static Optional<Changes> judge(Monitor monitor, MonitorEnvironment env, Instant tick) {
        if (monitor == null) return Optional.empty();
        if (monitor.isDisabled()) return Optional.empty();
        Outcome o = Outcome.of(monitor, env, false);
        boolean changed = false;
        for (int step = 0; step < MAX_DEADLINES_PER_JUDGEMENT; step++) {
            MonitorEnvironment current = o.environment();
            Instant missAt = current.isMissedAt(tick) ? current.nextCheckInLatest() : null;
            CheckIn overdue = firstOverdueRun(current, tick);
            if (missAt == null && overdue == null) break;
            o = overdue == null || (missAt != null && !missAt.isAfter(overdue.timeoutAt()))
                    ? markMissed(o, missAt)
                    : markTimedOut(o, overdue, overdue.timeoutAt());
            changed = true;
        }
        return changed ? Optional.of(o.toChanges()) : Optional.empty();
    }

    private static CheckIn firstOverdueRun(MonitorEnvironment env, Instant tick) {
        CheckIn first = null;
        for (CheckIn run : env.openRuns()) {
            if (run.timeoutAt() != null && !run.timeoutAt().isAfter(tick)
                    && (first == null || run.timeoutAt().isBefore(first.timeoutAt()))) {
                first = run;
            }
        }
        return first;
    }

    /** A MISSED check-in dated at the slot it stands for; the last check-in time is untouched. */
    private static Outcome markMissed(Outcome o, Instant at) {
        MonitorEnvironment env = o.environment();
        MonitorConfig config = o.monitor().config();
        Instant expected = env.nextCheckIn();
        CheckIn missed = new CheckIn(
                CheckInIds.missed(o.monitor().id(), env.name(), expected),
                env.monitor(), o.monitor().projectId(), env.name(), CheckInStatus.MISSED,
                expected, at, null, expected, null);
        Instant previousSlot = config.schedule().previousBefore(expected, at, config.zone());
        return IncidentRules.markFailed(o.withCheckIn(missed), missed, previousSlot);
    }

    private static Outcome markTimedOut(Outcome o, CheckIn run, Instant at) {
        CheckIn timedOut = run.withStatus(CheckInStatus.TIMEOUT, run.durationMs(), null, at);
        Outcome recorded = o.withCheckIn(timedOut);
        if (newerRunFinished(recorded.environment(), run)) return recorded; // a later run already decided the state
        MonitorConfig config = o.monitor().config();
        Instant previousSlot = config.schedule().previousBefore(run.dateAdded(), at, config.zone());
        return IncidentRules.markFailed(recorded, timedOut, previousSlot);
    }

    private static boolean newerRunFinished(MonitorEnvironment env, CheckIn run) {
        return env.recent().stream().anyMatch(c -> c.status().isUserTerminal() && c.dateAdded().isAfter(run.dateAdded()));
    }
}
