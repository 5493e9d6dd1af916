package dev.cronwatch.core.healthchecks;

import java.util.List;
import java.util.Map;

/**
 * What a project's badges are drawn from, read together so that a badge costs one request: the badge
 * key that names it in URLs, the secret that signs its URLs, and each monitor's tags and state, updated
 * when a monitor's state, tags or existence changes (never per check-in, so a ping costs no more than a
 * Sentry heartbeat).
 */
public record BadgeSummary(String organization, String projectId, String badgeKey, String secret,
                           Map<String, Entry> monitors) {
    public BadgeSummary {
        monitors = Map.copyOf(monitors);
    }

    /** One monitor: its tags (Healthchecks' space-separated list) and its state as a badge shows it. */
    public record Entry(List<String> tags, BadgeStatus.CheckState state) {
        public Entry {
            tags = List.copyOf(tags);
        }
    }

    /** The badge of {@code tag} ({@link BadgeSignature#ALL}: every monitor of the project). */
    public BadgeStatus status(String tag, boolean threeStates) {
        return BadgeStatus.of(monitors.values().stream()
                .filter(e -> tag.equals(BadgeSignature.ALL) || e.tags().contains(tag))
                .map(Entry::state).toList(), threeStates);
    }
}
