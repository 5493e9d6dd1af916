package dev.cronwatch.core.rules;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Lateness;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import java.time.Instant;
import java.util.Optional;

/**
 * Sentry's {@code check_missed} and {@code check_timeout} for one environment at one tick: this is
 * where a miss or a timeout is decided, and where a Healthchecks check past its due time is marked late.
 *
 * <p>Each deadline up to the tick is judged at its own minute, in order, as if a tick had run at
 * every minute, so the result does not depend on when (or how often) the clock really ran. Whoever
 * calls this must know that every check-in received before the tick has been applied: the processor
 * does, since it judges in queue order behind them.
 *
 * <p>A catch-up is bounded, whatever the gap (a local mode stopped for months, a stack whose clock was
 * disabled, a restore from backup): the newest {@link #MAX_MISSES_WRITTEN} missed slots get a check-in
 * each, and the older ones of the gap share one, dated at the first, that records how many it stands
 * for. Writes, alerts and the work of the judgement then do not grow with the gap.
 */
public final class ClockRules {
    /** Bounds one judgement; what is left stays due and is judged next. */
    public static final int MAX_DEADLINES_PER_JUDGEMENT = 60;
    /** Missed slots a catch-up writes one by one; any older ones of the gap share one check-in. */
    public static final int MAX_MISSES_WRITTEN = 60;

    private ClockRules() {
    }

    public static Optional<Changes> judge(Monitor monitor, MonitorEnvironment env, Instant tick) {
        if (monitor == null) return Optional.empty();
        if (monitor.isDisabled()) return Optional.empty();
        // a settings change whose writer stopped before this environment must not be judged on the old settings
        MonitorEnvironment current = SettingsChangeRules.pendingApplied(monitor, env);
        Outcome o = Outcome.of(monitor, current, false);
        for (CheckIn moved : SettingsChangeRules.changes(env, current).checkIns()) o = o.withCheckIn(moved);
        boolean changed = !current.equals(env);
        boolean gapLooked = false;
        for (int step = 0; step < MAX_DEADLINES_PER_JUDGEMENT; ) {
            current = o.environment();
            Instant missAt = current.isMissedAt(tick) ? current.nextCheckInLatest() : null;
            CheckIn overdue = firstOverdueRun(current, tick);
            if (missAt == null && overdue == null) break;
            changed = true;
            if (overdue != null && (missAt == null || missAt.isAfter(overdue.timeoutAt()))) {
                o = markTimedOut(o, overdue, overdue.timeoutAt());
                step++;
                continue;
            }
            if (!gapLooked) {
                gapLooked = true;
                Instant newestWritten = startOfNewestMisses(o, tick);
                if (newestWritten != null) {
                    o = markGapMissed(o, newestWritten, missAt);
                    continue;
                }
            }
            o = markMissed(o, missAt);
            step++;
        }
        if (o.environment().isLateAt(tick)) {
            o = markLate(o);
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

    /**
     * A Healthchecks check past its due time and not yet down: marked late, with no check-in and no
     * alert (Healthchecks' grace sends nothing); its deadline becomes due + grace.
     */
    private static Outcome markLate(Outcome o) {
        return o.withEnvironment(o.environment().withLateness(Lateness.LATE));
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

    /**
     * Where the newest {@link #MAX_MISSES_WRITTEN} slots whose margin has ended by {@code tick} begin,
     * when the environment's pending slot is older than that; null when the gap is not that long.
     */
    private static Instant startOfNewestMisses(Outcome o, Instant tick) {
        MonitorConfig config = o.monitor().config();
        Instant pending = o.environment().nextCheckIn();
        // slots are whole minutes: a slot's margin has ended by the tick when it is before tick - margin + 1 min
        Instant slot = config.schedule().previousBefore(pending, tick.minus(config.margin()).plusSeconds(60),
                config.zone());
        for (int i = 1; i < MAX_MISSES_WRITTEN && slot.isAfter(pending); i++) {
            slot = config.schedule().previousBefore(pending, slot, config.zone());
        }
        return slot.isAfter(pending) ? slot : null;
    }

    /**
     * The slots from the pending one up to (not including) {@code until} as one MISSED check-in, dated
     * at the first and due at {@code at}, standing for the misses that judging each deadline at its
     * minute would have written (a margin longer than the schedule's step covers several slots each).
     */
    private static Outcome markGapMissed(Outcome o, Instant until, Instant at) {
        MonitorEnvironment env = o.environment();
        MonitorConfig config = o.monitor().config();
        Instant first = env.nextCheckIn();
        long misses = 0;
        Instant next = first;
        for (Instant deadline = at; next.isBefore(until); deadline = Deadlines.latest(config, next)) {
            next = config.schedule().nextAfter(config.schedule().previousBefore(next, deadline, config.zone()),
                    config.zone());
            misses++;
        }
        CheckIn missed = new CheckIn(
                CheckInIds.missed(o.monitor().id(), env.name(), first),
                env.monitor(), o.monitor().projectId(), env.name(), CheckInStatus.MISSED,
                first, at, null, first, null, misses);
        Instant previousSlot = config.schedule().previousBefore(first, next, config.zone());
        return IncidentRules.markFailed(o.withCheckIn(missed), missed, previousSlot);
    }

    private static Outcome markTimedOut(Outcome o, CheckIn run, Instant at) {
        CheckIn timedOut = run.withStatus(CheckInStatus.TIMEOUT, run.durationMs(), null, at);
        Outcome recorded = o.withCheckIn(timedOut);
        MonitorConfig config = o.monitor().config();
        // A later run already decided the state; a Healthchecks check, though, is down when its latest
        // start overruns, whatever other runs said meanwhile (docs/spec.md §14.2).
        if (!config.isHealthchecks() && newerRunFinished(recorded.environment(), run)) return recorded;
        Instant previousSlot = config.schedule().previousBefore(run.dateAdded(), at, config.zone());
        return IncidentRules.markFailed(recorded, timedOut, previousSlot);
    }

    private static boolean newerRunFinished(MonitorEnvironment env, CheckIn run) {
        return env.recent().stream().anyMatch(c -> c.status().isUserTerminal() && c.dateAdded().isAfter(run.dateAdded()));
    }
}
