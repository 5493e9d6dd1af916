package dev.cronwatch.core.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order in which one tick's judgements are queued. The queue hands out work in arrival order, so
 * a tenant with 50,000 deadlines at one minute, queued first, would delay everyone else's alerts by
 * all of its own; taken one organization at a time in turn, it delays another tenant's by at most one
 * of its judgements per judgement of theirs.
 */
public final class FairOrder {
    private FairOrder() {
    }

    /**
     * One item of each organization in turn, organizations in the order they first appear, each
     * organization's items in their given order.
     */
    public static <T> List<T> interleaveByOrganization(List<T> items, Function<T, String> organizationOf) {
        Map<String, Deque<T>> byOrganization = new LinkedHashMap<>();
        for (T item : items) {
            byOrganization.computeIfAbsent(organizationOf.apply(item), o -> new ArrayDeque<>()).add(item);
        }
        List<T> fair = new ArrayList<>(items.size());
        List<Deque<T>> turns = new ArrayList<>(byOrganization.values());
        while (!turns.isEmpty()) {
            // an organization whose items are all placed leaves the round, so a round costs what it places
            for (Iterator<Deque<T>> turn = turns.iterator(); turn.hasNext(); ) {
                Deque<T> queue = turn.next();
                fair.add(queue.poll());
                if (queue.isEmpty()) turn.remove();
            }
        }
        return fair;
    }
}
