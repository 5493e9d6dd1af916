package dev.cronwatch.core.monitor;

import java.time.Instant;
import java.util.Map;

/**
 * A check-in the processor had to drop, kept for the user to see (the client already had its 202).
 * {@code id} is the queue message's id, so recording the same drop twice stores it once.
 */
public record ProcessingError(
        String id,
        MonitorKey monitor,
        ProcessingErrorType type,
        Map<String, Object> data,
        String checkInId,
        Instant receivedAt) {

    public ProcessingError {
        data = Map.copyOf(data);
    }

    public static final int KEPT_PER_MONITOR = 10;
    public static final java.time.Duration RETENTION = java.time.Duration.ofDays(7);
}
