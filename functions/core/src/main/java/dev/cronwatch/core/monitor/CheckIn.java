package dev.cronwatch.core.monitor;

import java.time.Instant;

/**
 * One run of a job, or a slot the clock found missed. {@code dateAdded} is when the run started
 * (receive time minus any duration sent; a missed slot's expected time); {@code timeoutAt} is set
 * only while in progress. {@code slots} is how many expected slots it answers for: one, except a
 * MISSED check-in that stands for the older part of a long silent gap (docs/spec.md §8.3), which
 * counts as that many misses. A check-in is only ever written together with its environment, whose
 * version guards both. {@code ping} is the Healthchecks ping that last changed it (who sent it, how),
 * null for Sentry's check-ins and the clock's; {@code startPing} the start ping of a run another ping
 * ended, kept for the ping log.
 */
public record CheckIn(
        String id,
        MonitorKey monitor,
        String projectId,
        String environment,
        CheckInStatus status,
        Instant dateAdded,
        Instant dateUpdated,
        Long durationMs,
        Instant expectedTime,
        Instant timeoutAt,
        long slots,
        Ping ping,
        Ping startPing) {

    public CheckIn {
        if (slots < 1) throw new IllegalArgumentException("a check-in stands for at least one slot: " + slots);
    }

    /** A check-in for one slot, as every run is. */
    public CheckIn(String id, MonitorKey monitor, String projectId, String environment, CheckInStatus status,
                   Instant dateAdded, Instant dateUpdated, Long durationMs, Instant expectedTime, Instant timeoutAt) {
        this(id, monitor, projectId, environment, status, dateAdded, dateUpdated, durationMs, expectedTime, timeoutAt, 1, null,
                null);
    }

    public CheckIn(String id, MonitorKey monitor, String projectId, String environment, CheckInStatus status,
                   Instant dateAdded, Instant dateUpdated, Long durationMs, Instant expectedTime, Instant timeoutAt,
                   long slots) {
        this(id, monitor, projectId, environment, status, dateAdded, dateUpdated, durationMs, expectedTime, timeoutAt,
                slots, null, null);
    }

    public CheckIn(String id, MonitorKey monitor, String projectId, String environment, CheckInStatus status,
                   Instant dateAdded, Instant dateUpdated, Long durationMs, Instant expectedTime, Instant timeoutAt,
                   long slots, Ping ping) {
        this(id, monitor, projectId, environment, status, dateAdded, dateUpdated, durationMs, expectedTime, timeoutAt,
                slots, ping, null);
    }

    /** The same check-in as the Healthchecks ping {@code by} left it. */
    public CheckIn withPing(Ping by) {
        return new CheckIn(id, monitor, projectId, environment, status, dateAdded, dateUpdated, durationMs,
                expectedTime, timeoutAt, slots, by, startPing);
    }

    /** The run as the success or fail ping {@code by} that ends it leaves it: the start ping it had is kept. */
    public CheckIn endedBy(Ping by) {
        Ping started = ping != null && ping.kind() == PingKind.START ? ping : startPing;
        return new CheckIn(id, monitor, projectId, environment, status, dateAdded, dateUpdated, durationMs,
                expectedTime, timeoutAt, slots, by, started);
    }

    public CheckIn withStatus(CheckInStatus newStatus, Long newDuration, Instant newTimeoutAt, Instant updated) {
        return new CheckIn(id, monitor, projectId, environment, newStatus, dateAdded, updated, newDuration,
                expectedTime, newTimeoutAt, slots, ping, startPing);
    }
}
