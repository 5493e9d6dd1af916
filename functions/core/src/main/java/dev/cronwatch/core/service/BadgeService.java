package dev.cronwatch.core.service;

import dev.cronwatch.core.healthchecks.BadgeSignature;
import dev.cronwatch.core.healthchecks.BadgeStatus;
import dev.cronwatch.core.healthchecks.BadgeSummary;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.ManagementStore;
import dev.cronwatch.core.port.BadgeSummaries;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.Secrets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Healthchecks' status badges of a project, per tag and for all its monitors. A badge costs one request,
 * a read of the project's {@link BadgeSummary}; the summary is written when a monitor's badge state, tags
 * or existence changes, and rebuilt from the monitors when a read-write key lists the badge URLs.
 *
 * @param random a SecureRandom outside tests: it makes the badge key and secret
 */
public record BadgeService(BadgeSummaries summaries, ManagementStore management, RandomGenerator random) {
    public static final List<String> FORMATS = List.of("svg", "json", "shields");
    /** Signs a one-monitor badge's slug apart from any tag of the same text. */
    private static final String CHECK_PREFIX = "check:";

    /** A badge to draw: its label and status. */
    public record Badge(String label, BadgeStatus status) {
    }

    /**
     * Every tag's badge URLs (and {@code *}'s), as Healthchecks' {@code GET badges/} lists them, as paths
     * from the site's root: {@code svg}, {@code json}, {@code shields} two-state, and the same with a
     * {@code 3} three-state. A read-write key's listing makes the project's summary the first time and
     * rebuilds its entries from the monitors; a read-only key's writes nothing, and lists nothing for a
     * project whose badges were never made.
     */
    public Map<String, Map<String, BadgePath>> urls(ApiKey key) {
        Map<String, BadgeSummary.Entry> entries = entries(key.organization(), key.projectId());
        Optional<BadgeSummary> signing = key.readOnly() ? summaries.badgeSigning(key.organization(), key.projectId())
                : Optional.of(rebuilt(key.organization(), key.projectId(), entries));
        if (signing.isEmpty()) return Map.of();
        TreeSet<String> tags = new TreeSet<>();
        tags.add(BadgeSignature.ALL);
        entries.values().forEach(e -> tags.addAll(e.tags()));
        Map<String, Map<String, BadgePath>> urls = new TreeMap<>();
        for (String tag : tags) {
            Map<String, BadgePath> forms = new TreeMap<>();
            for (String format : FORMATS) {
                forms.put(format, path(signing.get(), tag, format, false));
                forms.put(format + "3", path(signing.get(), tag, format, true));
            }
            urls.put(tag, forms);
        }
        return urls;
    }

    /**
     * The path of one monitor's badge ({@code /b/2/…} two states, {@code /b/3/…} three), as Healthchecks'
     * {@code badge_url}; a read-write key makes the project's badges the first time, a read-only key's
     * finds none before that (empty).
     */
    public Optional<String> checkPath(ApiKey key, String slug, String format, boolean threeStates) {
        Optional<BadgeSummary> signing = summaries.badgeSigning(key.organization(), key.projectId());
        if (signing.isEmpty() && !key.readOnly()) signing = Optional.of(ensure(key.organization(), key.projectId()));
        return signing.map(s -> "/b/" + (threeStates ? 3 : 2) + "/" + s.badgeKey() + "/"
                + BadgeSignature.sign(s.secret(), CHECK_PREFIX + slug, true) + "/" + slug + "." + format);
    }

    /** One monitor's badge, labelled with its name as the summary knows it (its slug). */
    public Optional<Badge> checkBadge(String badgeKey, String signature, String slug, boolean threeStates) {
        return summaries.badgeSummary(badgeKey)
                .filter(summary -> BadgeSignature.verify(summary.secret(), CHECK_PREFIX + slug, signature))
                .filter(summary -> summary.monitors().containsKey(slug))
                .map(summary -> new Badge(slug, BadgeStatus.of(List.of(summary.monitors().get(slug).state()), threeStates)));
    }

    /** The project's badge key and secret, made with its entries the first time; a race's loser reads the winner's. */
    private BadgeSummary ensure(String organization, String projectId) {
        return summaries.badgeSigning(organization, projectId)
                .orElseGet(() -> create(organization, projectId, entries(organization, projectId)));
    }

    private BadgeSummary rebuilt(String organization, String projectId, Map<String, BadgeSummary.Entry> entries) {
        Optional<BadgeSummary> existing = summaries.badgeSigning(organization, projectId);
        if (existing.isEmpty()) return create(organization, projectId, entries);
        summaries.replaceBadgeEntries(existing.get().badgeKey(), entries);
        return existing.get();
    }

    private BadgeSummary create(String organization, String projectId, Map<String, BadgeSummary.Entry> entries) {
        summaries.createBadgeSummary(new BadgeSummary(organization, projectId, Secrets.newPublicKey(random),
                Secrets.newToken(random), entries));
        return summaries.badgeSigning(organization, projectId).orElseThrow();
    }

    private static BadgePath path(BadgeSummary summary, String tag, String format, boolean threeStates) {
        return new BadgePath(summary.badgeKey(), BadgeSignature.sign(summary.secret(), tag, threeStates),
                tag.equals(BadgeSignature.ALL) ? null : tag, format);
    }

    /**
     * A tag's badge URL in parts: {@code /badge/{badgeKey}/{signature}[/{tag}].{format}}, the tag (null for
     * the whole project's) as it is, for the HTTP layer to encode as a path segment.
     */
    public record BadgePath(String badgeKey, String signature, String tag, String format) {
    }

    /**
     * The badge a URL names: one read. Empty (a 404) for an unknown key or a signature that is not the
     * tag's. {@code label} names the whole project's badge.
     */
    public Optional<Badge> badge(String badgeKey, String signature, String tag, String label) {
        return summaries.badgeSummary(badgeKey)
                .filter(summary -> BadgeSignature.verify(summary.secret(), tag, signature))
                .map(summary -> new Badge(tag.equals(BadgeSignature.ALL) ? label : tag,
                        summary.status(tag, BadgeSignature.threeStates(signature))));
    }

    /** After a monitor's state or tags changed: its entry, if the project's badges exist. */
    public void changed(Monitor monitor, List<MonitorEnvironment> environments) {
        summaries.badgeKey(monitor.key().organization(), monitor.projectId())
                .ifPresent(key -> summaries.putBadgeEntry(key, monitor.key().slug(), entry(monitor, environments)));
    }

    /** After a monitor was deleted. */
    public void removed(MonitorKey monitor, String projectId) {
        summaries.badgeKey(monitor.organization(), projectId).ifPresent(key -> summaries.putBadgeEntry(key, monitor.slug(), null));
    }

    /**
     * A monitor's state as a badge shows it: down while any environment has an open incident, else in
     * grace while any is marked late (a Healthchecks check past its due time), else up.
     */
    public static BadgeStatus.CheckState state(List<MonitorEnvironment> environments) {
        if (environments.stream().anyMatch(e -> e.status() == EnvironmentStatus.ERROR)) return BadgeStatus.CheckState.DOWN;
        return environments.stream().anyMatch(MonitorEnvironment::isLate) ? BadgeStatus.CheckState.GRACE
                : BadgeStatus.CheckState.UP;
    }

    static BadgeSummary.Entry entry(Monitor monitor, List<MonitorEnvironment> environments) {
        return new BadgeSummary.Entry(monitor.isPingCheck() ? monitor.ping().tags() : List.of(), state(environments));
    }

    private Map<String, BadgeSummary.Entry> entries(String organization, String projectId) {
        Map<String, BadgeSummary.Entry> entries = new HashMap<>();
        String cursor = null;
        do {
            Page<Monitor> page = management.monitors(organization, cursor, 100);
            List<Monitor> ours = page.items().stream().filter(m -> m.projectId().equals(projectId)).toList();
            Map<MonitorKey, List<MonitorEnvironment>> environments = management.environmentsOf(ours);
            for (Monitor m : ours) entries.put(m.key().slug(), entry(m, environments.getOrDefault(m.key(), List.of())));
            cursor = page.nextCursor();
        } while (cursor != null);
        return entries;
    }
}
