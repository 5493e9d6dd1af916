package dev.cronwatch.core.port;

import dev.cronwatch.core.healthchecks.BadgeSummary;
import java.util.Map;
import java.util.Optional;

/**
 * Each project's badge summary (docs/spec.md §14.5), named by its badge key: read by every badge, written
 * when a monitor's badge state, tags or existence changes. Used by {@code BadgeService} only.
 */
public interface BadgeSummaries {
    /** The summary a badge URL's key names, every entry with it; one request. Empty for a key of the wrong shape, without a read. */
    Optional<BadgeSummary> badgeSummary(String badgeKey);

    /** The project's badge key and secret, without its entries; empty until its badges were made. */
    Optional<BadgeSummary> badgeSigning(String organization, String projectId);

    /** The project's badge key, once its badges were made. */
    Optional<String> badgeKey(String organization, String projectId);

    /** Stores a project's first summary; false, and nothing changed, when the project has one. */
    boolean createBadgeSummary(BadgeSummary summary);

    /** Sets one monitor's entry ({@code entry} null: removes it) of the summary the caller found by its key. */
    void putBadgeEntry(String badgeKey, String slug, BadgeSummary.Entry entry);

    /** Makes the entries these (a rebuild from the monitors as they are), writing only what differs. */
    void replaceBadgeEntries(String badgeKey, Map<String, BadgeSummary.Entry> entries);
}
