package dev.cronwatch.core.rules;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of things a decision creates, derived from what caused them: a retried decision (redelivery,
 * replayed tick) creates the same ids, so its writes collide with the first instead of duplicating.
 */
public final class Ids {
    private Ids() {
    }

    public static String derive(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
