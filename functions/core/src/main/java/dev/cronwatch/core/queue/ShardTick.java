package dev.cronwatch.core.queue;

import java.time.Instant;

/**
 * The clock's dispatcher asking one worker to queue the judgements of one shard of the due index,
 * for the environments due at or before {@code tick}. Sent again (a redelivery, a second tick), it
 * queues the same judgements, which the check-in queue keeps once.
 */
public record ShardTick(int shard, Instant tick) {
    public ShardTick {
        if (shard < 0) throw new IllegalArgumentException("shard must not be negative: " + shard);
        if (tick == null) throw new IllegalArgumentException("tick is required");
    }
}
