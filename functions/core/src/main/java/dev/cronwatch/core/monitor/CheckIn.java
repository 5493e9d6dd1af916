package dev.cronwatch.core.monitor;

import java.time.Instant;

/**
 * One run of a job, or a slot the clock found missed. {@code dateAdded} is when the run started
 * (receive time minus any duration sent; a missed slot's expected time); {@code timeoutAt} is set
 * only while in progress. A check-in is only ever written together with its environment, whose
 * version guards both.
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
        Instant timeoutAt) {

    public CheckIn withStatus(CheckInStatus newStatus, Long newDuration, Instant newTimeoutAt, Instant updated) {
        return new CheckIn(id, monitor, projectId, environment, newStatus, dateAdded, updated, newDuration,
                expectedTime, newTimeoutAt);
    }
}
