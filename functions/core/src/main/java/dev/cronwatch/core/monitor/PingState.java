package dev.cronwatch.core.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * A Healthchecks check's state as Healthchecks' API shows it (docs/spec.md §14.2), computed from its
 * environment at {@code now}: {@code status} is Healthchecks' {@code get_status(with_started=False)},
 * {@code started} whether a start is pending, {@code lastPing} the last success or fail,
 * {@code nextPing} when the next ping is due (absent unless up or in grace), {@code lastDuration} the
 * last run's length from start to success or fail.
 */
public record PingState(PingStatus status, boolean started, Instant lastPing, Instant nextPing,
                        Duration lastDuration) {

    /** {@code env} null: never pinged. */
    public static PingState of(MonitorEnvironment env, Instant now) {
        if (env == null) return new PingState(PingStatus.NEW, false, null, null, null);
        Instant pendingDeadline = null;
        for (CheckIn run : env.openRuns()) {
            if (run.timeoutAt() != null && (pendingDeadline == null || run.timeoutAt().isAfter(pendingDeadline))) {
                pendingDeadline = run.timeoutAt();
            }
        }
        boolean started = pendingDeadline != null;
        CheckIn last = lastResult(env);
        Instant lastPing = last == null ? null : last.dateUpdated();
        Duration lastDuration = last == null || last.durationMs() == null ? null : Duration.ofMillis(last.durationMs());
        PingStatus status = status(env, now, pendingDeadline);
        Instant nextPing = status == PingStatus.UP || status == PingStatus.GRACE ? env.nextCheckIn() : null;
        return new PingState(status, started, lastPing, nextPing, lastDuration);
    }

    private static PingStatus status(MonitorEnvironment env, Instant now, Instant pendingDeadline) {
        if (pendingDeadline != null && !now.isBefore(pendingDeadline)) return PingStatus.DOWN; // a run past its grace
        return switch (env.status()) {
            case PAUSED -> PingStatus.PAUSED;
            case ACTIVE -> PingStatus.NEW;
            case ERROR -> PingStatus.DOWN;
            case OK -> {
                if (env.nextCheckIn() == null || now.isBefore(env.nextCheckIn())) yield PingStatus.UP;
                yield now.isBefore(env.nextCheckInLatest()) ? PingStatus.GRACE : PingStatus.DOWN;
            }
        };
    }

    /** The newest success or fail, unless the check was resumed since (its last ping forgotten). */
    private static CheckIn lastResult(MonitorEnvironment env) {
        if (env.lastCheckIn() == null) return null;
        CheckIn last = null;
        for (CheckIn run : env.recent()) {
            if (run.status().isUserTerminal() && (last == null || run.dateUpdated().isAfter(last.dateUpdated()))) last = run;
        }
        return last;
    }
}
