package dev.cronwatch.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Healthchecks' "simple" kind: the next ping is due a fixed number of seconds after the reference, to
 * the second (Healthchecks' {@code last_ping + timeout}); no minute grid, no time zone.
 */
public final class SimpleSchedule implements Schedule {
    /** Healthchecks' API limits on {@code timeout}: one minute to one year, in seconds. */
    public static final long MIN_SECONDS = 60;
    public static final long MAX_SECONDS = 31_536_000;

    private final long seconds;

    private SimpleSchedule(long seconds) {
        this.seconds = seconds;
    }

    public static SimpleSchedule ofSeconds(long seconds) throws InvalidScheduleException {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new InvalidScheduleException("A timeout is " + MIN_SECONDS + " to " + MAX_SECONDS + " seconds.");
        }
        return new SimpleSchedule(seconds);
    }

    /** Healthchecks' default {@code timeout}: a day. */
    public static SimpleSchedule daily() {
        return new SimpleSchedule(86_400);
    }

    public long seconds() {
        return seconds;
    }

    @Override
    public Instant nextAfter(Instant reference, ZoneId zone) {
        return reference.plusSeconds(seconds);
    }

    @Override
    public Instant previousBefore(Instant anchor, Instant reference, ZoneId zone) {
        if (!reference.isAfter(anchor)) return anchor;
        Duration span = Duration.between(anchor, reference);
        long steps = span.getSeconds() / seconds;
        Instant at = anchor.plusSeconds(steps * seconds);
        return at.isBefore(reference) ? at : at.minusSeconds(seconds);
    }

    @Override
    public String type() {
        return "simple";
    }

    /** The period in seconds, as Healthchecks' {@code timeout}. */
    @Override
    public Object wireValue() {
        return seconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimpleSchedule other && other.seconds == seconds;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seconds);
    }

    @Override
    public String toString() {
        return "every " + seconds + " s";
    }
}
