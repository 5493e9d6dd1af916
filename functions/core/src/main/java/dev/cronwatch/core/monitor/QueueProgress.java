package dev.cronwatch.core.monitor;

import java.time.Instant;

/**
 * How far one monitor's queue (its FIFO message group) has been applied: the receive time of the
 * newest message enqueued and of the newest applied. Because a group is applied in order, every
 * message received up to {@code appliedAt} has been applied; when nothing is pending, all have.
 */
public record QueueProgress(Instant enqueuedAt, Instant appliedAt) {
    public static final QueueProgress NONE = new QueueProgress(null, null);

    public boolean hasPending() {
        return enqueuedAt != null && (appliedAt == null || enqueuedAt.isAfter(appliedAt));
    }

    /**
     * The latest deadline the clock may judge for this monitor at tick {@code tick}: a deadline after
     * it could still be met by a check-in waiting in the queue.
     */
    public Instant watermark(Instant tick) {
        if (!hasPending()) return tick;
        if (appliedAt == null) return Instant.MIN;
        return appliedAt.isBefore(tick) ? appliedAt : tick;
    }
}
