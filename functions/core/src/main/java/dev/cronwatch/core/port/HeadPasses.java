package dev.cronwatch.core.port;

import dev.cronwatch.core.queue.ShardTick;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the head passes of one tick have recorded: the shards whose head pass has queued its
 * judgements, and the organizations each left for its shard's tail pass (only shards that left some).
 */
public record HeadPasses(Set<Integer> done, Map<Integer, Set<String>> leftForTail) {
    public static final HeadPasses NONE = new HeadPasses(Set.of(), Map.of());

    public HeadPasses {
        done = Set.copyOf(done);
        Map<Integer, Set<String>> some = new TreeMap<>();
        leftForTail.forEach((shard, organizations) -> {
            if (!organizations.isEmpty()) some.put(shard, Set.copyOf(organizations));
        });
        leftForTail = Map.copyOf(some);
    }

    public boolean allDone(int shards) {
        for (int shard = 0; shard < shards; shard++) {
            if (!done.contains(shard)) return false;
        }
        return true;
    }

    /** One tail pass per shard that left organizations for it, in shard order. */
    public List<ShardTick> tails(Instant tick) {
        List<ShardTick> tails = new ArrayList<>();
        new TreeMap<>(leftForTail).forEach((shard, organizations) ->
                tails.add(new ShardTick(shard, tick, organizations)));
        return tails;
    }
}
