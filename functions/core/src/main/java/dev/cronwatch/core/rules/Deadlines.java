package dev.cronwatch.core.rules;

import dev.cronwatch.core.monitor.Lateness;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Every deadline a monitor has, in one place: when the next check-in is expected and how late it may
 * be, and when a run in progress times out. All are whole minutes, as the clock ticks by the minute.
 */
public final class Deadlines {
    private Deadlines() {
    }

    /**
     * The environment expecting its next check-in after {@code reference}, its last check-in set. A
     * Healthchecks check's new due time is watched (the clock marks it late there); one that stays
     * where it was keeps its mark.
     */
    public static MonitorEnvironment expectNextAfter(MonitorConfig config, MonitorEnvironment env,
                                                     Instant lastCheckIn, Instant reference) {
        Instant next = config.schedule().nextAfter(reference, config.zone());
        MonitorEnvironment moved = env.withTimes(lastCheckIn, next, latest(config, next));
        if (!config.isHealthchecks() || next == null) return moved.withLateness(Lateness.NONE);
        boolean stillLate = env.lateness() == Lateness.LATE && next.equals(env.nextCheckIn());
        return moved.withLateness(stillLate ? Lateness.LATE : Lateness.DUE);
    }

    /** The end of the check-in margin: a check-in expected at {@code next} is missed at this minute. */
    public static Instant latest(MonitorConfig config, Instant next) {
        return next == null ? null : next.plus(config.margin());
    }

    /**
     * A run started at {@code start} times out here (Sentry floors the start to the minute; a
     * Healthchecks check's grace counts from the start to the second).
     */
    public static Instant runTimeout(MonitorConfig config, Instant start) {
        if (config.isHealthchecks()) return start.plus(config.runtimeLimit());
        return start.truncatedTo(ChronoUnit.MINUTES).plus(config.runtimeLimit());
    }

    /**
     * An in-progress heartbeat at {@code at} moves the timeout to a full runtime from its minute, but
     * never beyond the longest runtime allowed from the run's start.
     */
    public static Instant heartbeatTimeout(MonitorConfig config, Instant start, Instant at) {
        Instant byHeartbeat = runTimeout(config, at);
        Instant cap = start.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(MonitorConfig.MAX_MINUTES));
        return byHeartbeat.isBefore(cap) ? byHeartbeat : cap;
    }
}
