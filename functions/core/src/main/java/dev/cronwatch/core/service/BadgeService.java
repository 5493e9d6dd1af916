package dev.cronwatch.core.service;

import dev.cronwatch.core.healthchecks.BadgeSignature;
import dev.cronwatch.core.healthchecks.BadgeStatus;
import dev.cronwatch.core.healthchecks.BadgeSummary;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.ManagementStore;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.tenant.Secrets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Healthchecks' status badges of a project, per tag and for all its monitors. A badge reads one item,
 * the project's {@link BadgeSummary}; the summary is written when a monitor's badge state, tags or
 * existence changes, and rebuilt from the monitors whenever the badge URLs are listed.
 */
public final class BadgeService {
    public static final List<String> FORMATS = List.of("svg", "json", "shields");
    /** Signs a one-monitor badge's slug apart from any tag of the same text. */
    private static final String CHECK_PREFIX = "check:";

    /** A badge to draw: its label and status. */
    public record Badge(String label, BadgeStatus status) {
    }

    private final TenantDirectory tenants;
    private final ManagementStore management;
    private final RandomGenerator random;

    /** {@code random} must be a SecureRandom outside tests: it makes the badge key and secret. */
    public BadgeService(TenantDirectory tenants, ManagementStore management, RandomGenerator random) {
        this.tenants = tenants;
        this.management = management;
        this.random = random;
    }

    /**
     * Every tag's badge URLs (and {@code *}'s), as Healthchecks' {@code GET badges/} lists them, as paths
     * from the site's root: {@code svg}, {@code json}, {@code shields} two-state, and the same with a
     * {@code 3} three-state. Makes the project's summary the first time, and rebuilds its entries.
     */
    public Map<String, Map<String, BadgePath>> urls(String organization, String projectId) {
        Map<String, BadgeSummary.Entry> entries = entries(organization, projectId);
        BadgeSummary summary = summary(organization, projectId, entries);
        tenants.replaceBadgeEntries(summary.badgeKey(), entries);
        TreeSet<String> tags = new TreeSet<>();
        tags.add(BadgeSignature.ALL);
        entries.values().forEach(e -> tags.addAll(e.tags()));
        Map<String, Map<String, BadgePath>> urls = new TreeMap<>();
        for (String tag : tags) {
            Map<String, BadgePath> forms = new TreeMap<>();
            for (String format : FORMATS) {
                forms.put(format, path(summary, tag, format, false));
                forms.put(format + "3", path(summary, tag, format, true));
            }
            urls.put(tag, forms);
        }
        return urls;
    }

    /** The path of one monitor's badge ({@code /b/2/…} two states, {@code /b/3/…} three), as Healthchecks' {@code badge_url}. */
    public String checkPath(String organization, String projectId, String slug, String format, boolean threeStates) {
        BadgeSummary summary = tenants.badgeKey(organization, projectId).flatMap(tenants::badgeSummary)
                .orElseGet(() -> summary(organization, projectId, entries(organization, projectId)));
        return "/b/" + (threeStates ? 3 : 2) + "/" + summary.badgeKey() + "/"
                + BadgeSignature.sign(summary.secret(), CHECK_PREFIX + slug, true) + "/" + slug + "." + format;
    }

    /** One monitor's badge, labelled with its name as the summary knows it (its slug). */
    public Optional<Badge> checkBadge(String badgeKey, String signature, String slug, boolean threeStates) {
        return tenants.badgeSummary(badgeKey)
                .filter(summary -> BadgeSignature.verify(summary.secret(), CHECK_PREFIX + slug, signature))
                .filter(summary -> summary.monitors().containsKey(slug))
                .map(summary -> new Badge(slug, BadgeStatus.of(List.of(summary.monitors().get(slug).state()), threeStates)));
    }

    /** The project's summary, made the first time with {@code entries}; a race's loser reads the winner's. */
    private BadgeSummary summary(String organization, String projectId, Map<String, BadgeSummary.Entry> entries) {
        Optional<BadgeSummary> existing = tenants.badgeKey(organization, projectId).flatMap(tenants::badgeSummary);
        if (existing.isPresent()) return existing.get();
        tenants.createBadgeSummary(new BadgeSummary(organization, projectId, Secrets.newPublicKey(random),
                Secrets.newToken(random), entries));
        return tenants.badgeKey(organization, projectId).flatMap(tenants::badgeSummary).orElseThrow();
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
        return tenants.badgeSummary(badgeKey)
                .filter(summary -> BadgeSignature.verify(summary.secret(), tag, signature))
                .map(summary -> new Badge(tag.equals(BadgeSignature.ALL) ? label : tag,
                        summary.status(tag, BadgeSignature.threeStates(signature))));
    }

    /** After a monitor's state or tags changed: its entry, if the project's badges exist. */
    public void changed(Monitor monitor, List<MonitorEnvironment> environments) {
        tenants.badgeKey(monitor.key().organization(), monitor.projectId())
                .ifPresent(key -> tenants.putBadgeEntry(key, monitor.key().slug(), entry(monitor, environments)));
    }

    /** After a monitor was deleted. */
    public void removed(MonitorKey monitor, String projectId) {
        tenants.badgeKey(monitor.organization(), projectId).ifPresent(key -> tenants.putBadgeEntry(key, monitor.slug(), null));
    }

    /** A monitor's state as a badge shows it: down while any environment has an open incident. */
    public static BadgeStatus.CheckState state(List<MonitorEnvironment> environments) {
        return environments.stream().anyMatch(e -> e.status() == EnvironmentStatus.ERROR)
                ? BadgeStatus.CheckState.DOWN : BadgeStatus.CheckState.UP;
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
