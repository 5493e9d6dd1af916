package dev.cronwatch.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until it is moved: the tests' clock, and local mode's with
 * {@code --clock manual}. It is main code of the core because both need it and the core's own tests
 * can use nothing outside the core; it is pure, like every other class here.
 */
public final class ManualClock extends Clock {
    // read by local mode's request threads while its ticker moves it
    private volatile Instant now;

    public ManualClock(Instant start) {
        this.now = start;
    }

    public static ManualClock at(String iso) {
        return new ManualClock(Instant.parse(iso));
    }

    public void set(Instant instant) {
        this.now = instant;
    }

    public synchronized void advance(Duration by) {
        this.now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
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
