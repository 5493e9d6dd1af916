package dev.cronwatch.core.queue;

import java.time.Instant;
import java.util.Set;

/**
 * The clock asking one worker to queue the judgements of one shard of the due index, for the
 * environments due at or before {@code tick}. With no {@code organizations} it is the shard's head
 * pass, which queues every organization with few due; the tail pass names the organizations the head
 * left for it, or {@link #EVERY_ORGANIZATION} after a head pass that stopped before the shard's end.
 * Sent again (a redelivery, a second tick), either queues the same judgements, which the check-in
 * queue keeps once.
 */
public record ShardTick(int shard, Instant tick, Set<String> organizations) {
    /** Names every organization: no organization's name can be it ({@code [a-z0-9_-]}, TenantNames). */
    public static final String EVERY_ORGANIZATION = "*";

    public ShardTick {
        if (shard < 0) throw new IllegalArgumentException("shard must not be negative: " + shard);
        if (tick == null) throw new IllegalArgumentException("tick is required");
        organizations = organizations == null ? Set.of() : Set.copyOf(organizations);
    }

    /** The head pass of a shard, as the dispatcher hands it over. */
    public ShardTick(int shard, Instant tick) {
        this(shard, tick, Set.of());
    }

    public boolean isTail() {
        return !organizations.isEmpty();
    }

    /** Whether this tail pass queues the organization's judgements. */
    public boolean covers(String organization) {
        return organizations.contains(organization) || organizations.contains(EVERY_ORGANIZATION);
    }
}
