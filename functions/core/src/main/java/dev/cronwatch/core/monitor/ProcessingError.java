package dev.cronwatch.core.monitor;

import java.time.Instant;
import java.util.Map;

/**
 * A check-in the processor had to drop, kept for the user to see (the client already had its 202).
 * {@code id} is the queue message's id, so recording the same drop twice stores it once.
 *
 * <p>Drops that come in floods ({@link ProcessingErrorType#countedPerMinute()}: the rate limit, an
 * unknown slug) are counted instead: one error per monitor environment, type and minute, dated at the
 * minute and keeping the first drop's check-in id and data, with {@code count} the check-ins it stands
 * for. {@code sequence} is the queue sequence number of the newest drop counted (null where there is
 * none), so that a redelivered drop is not counted twice.
 */
public record ProcessingError(
        String id,
        MonitorKey monitor,
        ProcessingErrorType type,
        Map<String, Object> data,
        String checkInId,
        Instant receivedAt,
        int count,
        String sequence) {

    public ProcessingError {
        data = Map.copyOf(data);
        if (count < 1) throw new IllegalArgumentException("a processing error stands for at least one check-in");
    }

    /** One dropped check-in. */
    public ProcessingError(String id, MonitorKey monitor, ProcessingErrorType type, Map<String, Object> data,
                           String checkInId, Instant receivedAt) {
        this(id, monitor, type, data, checkInId, receivedAt, 1, null);
    }

    public ProcessingError withCount(int dropped) {
        return new ProcessingError(id, monitor, type, data, checkInId, receivedAt, dropped, sequence);
    }

    public ProcessingError withSequence(String applied) {
        return new ProcessingError(id, monitor, type, data, checkInId, receivedAt, count, applied);
    }

    public static final int KEPT_PER_MONITOR = 10;
    public static final java.time.Duration RETENTION = java.time.Duration.ofDays(7);
}
