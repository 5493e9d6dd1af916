package dev.cronwatch.core.port;

import dev.cronwatch.core.queue.ShardTick;
import java.time.Duration;
import java.util.List;

/** Where the clock's dispatcher hands each shard's work to a worker: a queue on AWS, a thread pool locally. */
public interface ShardTicks {
    /** Throws when a tick could not be handed over; the next tick's dispatch sends it again. */
    void send(List<ShardTick> ticks);

    /**
     * Hands the ticks over to be worked {@code delay} from now (the tail passes, ClockService); where
     * the workers run in the caller's thread one after another, at once.
     */
    default void sendAfter(List<ShardTick> ticks, Duration delay) {
        send(ticks);
    }
}
