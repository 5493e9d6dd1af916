package dev.cronwatch.core.service;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one retry policy for optimistic writes: read, decide, commit; a commit that finds the state
 * changed under it (an empty result) is decided again on fresh state. Giving up is never silent: it
 * throws, and the caller's retry (the queue's redelivery, the next tick, the client) takes over.
 */
final class OnConflict {
    static final int MAX_ATTEMPTS = 5;

    private OnConflict() {
    }

    static <T> T retry(String what, Supplier<Optional<T>> attempt) {
        for (int i = 1; i <= MAX_ATTEMPTS; i++) {
            Optional<T> done = attempt.get();
            if (done.isPresent()) return done.get();
        }
        throw new ConcurrentChangeException(what + ": " + MAX_ATTEMPTS + " conflicting writes in a row");
    }
}
