package dev.cronwatch.local;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Local mode's clock: the system clock, or (manual mode) a time that stands still until moved
 * forward. It is the one clock every service of the local system reads.
 */
public final class LocalClock extends Clock {
    private final boolean manual;
    private volatile Instant now;

    private LocalClock(boolean manual, Instant start) {
        this.manual = manual;
        this.now = start;
    }

    public static LocalClock system() {
        return new LocalClock(false, null);
    }

    public static LocalClock manual(Instant start) {
        return new LocalClock(true, start);
    }

    public boolean isManual() {
        return manual;
    }

    /** Moves a manual clock; backwards is refused. */
    public synchronized void set(Instant instant) {
        if (!manual) throw new IllegalStateException("the clock is not manual");
        if (instant.isBefore(now)) throw new IllegalArgumentException("time cannot move backwards");
        now = instant;
    }

    @Override
    public Instant instant() {
        return manual ? now : Clock.systemUTC().instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
