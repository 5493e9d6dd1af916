package dev.cronwatch.handlers.http;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A small per-container memo of lookups by key (credentials, ping codes): a hit is kept
 * {@code hitTtl}, a miss {@code missTtl} (not at all when zero), the least recently used entry dropped
 * past {@code maxEntries}.
 */
final class Memo<T> {
    private final Function<String, Optional<T>> lookup;
    private final Duration hitTtl;
    private final Duration missTtl;
    private final Map<String, Map.Entry<Instant, Optional<T>>> entries;

    Memo(Function<String, Optional<T>> lookup, Duration hitTtl, Duration missTtl, int maxEntries) {
        this.lookup = lookup;
        this.hitTtl = hitTtl;
        this.missTtl = missTtl;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map.Entry<Instant, Optional<T>>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized Optional<T> get(String key, Instant now) {
        Map.Entry<Instant, Optional<T>> entry = entries.get(key);
        if (entry == null || now.isAfter(entry.getKey())) {
            Optional<T> found = lookup.apply(key);
            if (found.isEmpty() && missTtl.isZero()) return found;
            entry = Map.entry(now.plus(found.isPresent() ? hitTtl : missTtl), found);
            entries.put(key, entry);
        }
        return entry.getValue();
    }

    synchronized void forget(String key) {
        entries.remove(key);
    }

    synchronized void forgetIf(Predicate<T> found) {
        entries.values().removeIf(entry -> entry.getValue().filter(found).isPresent());
    }
}
