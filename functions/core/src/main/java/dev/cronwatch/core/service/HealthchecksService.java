package dev.cronwatch.core.service;

import dev.cronwatch.core.healthchecks.CheckMapping;
import dev.cronwatch.core.healthchecks.CheckSpec;
import dev.cronwatch.core.healthchecks.CheckView;
import dev.cronwatch.core.healthchecks.PingLog;
import dev.cronwatch.core.healthchecks.PingLogEntry;
import dev.cronwatch.core.hash.Digest;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.PingTarget;
import dev.cronwatch.core.port.ManagementStore;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.tenant.ApiKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Healthchecks' management API (v3) over cronwatch's monitors: a project's API key lists, makes,
 * changes, pauses and deletes the project's monitors as Healthchecks checks, and reads their pings
 * (check-ins) and flips (incidents). Every call is scoped to the key's project.
 */
public final class HealthchecksService {
    private static final Pattern UNIQUE_KEY = Pattern.compile("[0-9a-f]{40}");

    /** The check named is another project's: Healthchecks answers 403. */
    public static final class ForbiddenException extends RuntimeException {
        public ForbiddenException() {
            super("another project's check", null, false, false);
        }
    }

    /** Resume of a check that is not paused: Healthchecks' 409 {@code check is not paused}. */
    public static final class NotPausedException extends RuntimeException {
        public NotPausedException() {
            super("check is not paused", null, false, false);
        }
    }

    /** A create's answer: the check, and whether it is new (201) or an existing one updated (200). */
    public record Created(CheckView check, boolean created) {
    }

    private final MonitorService monitors;
    private final PingCheckService pings;
    private final ManagementStore management;
    private final BadgeService badges;
    private final Clock clock;
    private final Supplier<UUID> ids;

    /** {@code ids}: random UUIDs outside tests: a new check's code is its ping URL's secret. */
    public HealthchecksService(MonitorService monitors, PingCheckService pings, ManagementStore management,
                               BadgeService badges, Clock clock, Supplier<UUID> ids) {
        this.monitors = monitors;
        this.pings = pings;
        this.management = management;
        this.badges = badges;
        this.clock = clock;
        this.ids = ids;
    }

    /** The project's checks; {@code tags}: each must be among a check's; {@code slug}: that slug only. */
    public List<CheckView> list(ApiKey key, Set<String> tags, String slug) {
        Instant now = clock.instant();
        List<CheckView> checks = new ArrayList<>();
        for (MonitorView view : projectMonitors(key)) {
            CheckView check = CheckMapping.view(view.monitor(), production(view), now);
            if (slug != null && !slug.isEmpty() && !slug.equals(check.slug())) continue;
            if (!CheckSpec.tagList(check.tags()).containsAll(tags)) continue;
            checks.add(check);
        }
        return checks;
    }

    /** By uuid, or (Healthchecks' read-only form) by unique key. */
    public CheckView get(ApiKey key, String codeOrUniqueKey) {
        MonitorView view = UNIQUE_KEY.matcher(codeOrUniqueKey).matches() ? byUniqueKey(key, codeOrUniqueKey)
                : find(key, codeOrUniqueKey);
        return CheckMapping.view(view.monitor(), production(view), clock.instant());
    }

    /**
     * A new check, or with {@code unique} the first of the project's checks whose listed fields all
     * equal the spec's, updated (Healthchecks' upsert).
     */
    public Created create(ApiKey key, CheckSpec spec) {
        Optional<MonitorView> existing = lookup(key, spec);
        if (existing.isPresent()) return new Created(update(existing.get(), spec), false);
        String code = ids.get().toString();
        String slug = CheckMapping.slug(spec, code);
        MonitorView made = monitors.create(key.organization(), key.projectId(), CheckMapping.name(spec, slug), slug,
                CheckMapping.newConfig(spec), CheckMapping.newPing(spec, code));
        badges.changed(made.monitor(), made.environments());
        return new Created(CheckMapping.view(made.monitor(), production(made), clock.instant()), true);
    }

    public CheckView update(ApiKey key, String code, CheckSpec spec) {
        return update(find(key, code), spec);
    }

    private CheckView update(MonitorView view, CheckSpec spec) {
        Monitor monitor = view.monitor();
        if (spec.slug() != null && !spec.slug().isEmpty() && !spec.slug().equals(monitor.key().slug())) {
            throw new dev.cronwatch.core.validation.FieldError("slug",
                    "json validation error: slug cannot be changed (it names the monitor)");
        }
        MonitorView updated = monitors.updateCheck(monitor.key().organization(), monitor.key().slug(),
                spec.name() != null && !spec.name().isBlank() ? spec.name() : null,
                CheckMapping.updatedConfig(monitor.config(), spec), CheckMapping.updatedPing(monitor.ping(), spec));
        return CheckMapping.view(updated.monitor(), production(updated), clock.instant());
    }

    /** Deletes the check; answers it as it was. */
    public CheckView delete(ApiKey key, String code) {
        MonitorView view = find(key, code);
        CheckView check = CheckMapping.view(view.monitor(), production(view), clock.instant());
        monitors.delete(view.monitor().key().organization(), view.monitor().key().slug());
        return check;
    }

    public CheckView pause(ApiKey key, String code) {
        MonitorView view = find(key, code);
        pings.pause(view.monitor().key());
        MonitorView paused = monitors.get(view.monitor().key().organization(), view.monitor().key().slug());
        badges.changed(paused.monitor(), paused.environments());
        return CheckMapping.view(paused.monitor(), production(paused), clock.instant());
    }

    /** {@link NotPausedException} when the check is not paused. */
    public CheckView resume(ApiKey key, String code) {
        MonitorView view = find(key, code);
        String organization = view.monitor().key().organization();
        if (!pings.resume(view.monitor().key())) throw new NotPausedException();
        MonitorView resumed = monitors.get(organization, view.monitor().key().slug());
        badges.changed(resumed.monitor(), resumed.environments());
        return CheckMapping.view(resumed.monitor(), production(resumed), clock.instant());
    }

    /**
     * The check's ping log, newest first, at most {@code limit} lines: the pings its check-ins of
     * environment {@code production} hold, and its logged (log and ignored) pings.
     */
    public List<PingLogEntry> pings(ApiKey key, String code, int limit) {
        return pingLog(find(key, code).monitor().key(), limit);
    }

    /** The body of the ping numbered {@code n} among the newest {@code limit}; {@link NotFoundException} without one. */
    public byte[] pingBody(ApiKey key, String code, long n, int limit) {
        MonitorKey monitor = find(key, code).monitor().key();
        String bodyId = pingLog(monitor, limit).stream().filter(p -> p.n() == n && p.bodyId() != null).findFirst()
                .map(PingLogEntry::bodyId).orElseThrow(() -> new NotFoundException("ping " + n + " body"));
        return management.attachment(monitor, bodyId).map(Attachment::content)
                .orElseThrow(() -> new NotFoundException("ping " + n + " body"));
    }

    private List<PingLogEntry> pingLog(MonitorKey monitor, int limit) {
        Page<CheckIn> runs = management.checkInsSince(monitor, MonitorEnvironment.DEFAULT_NAME, null, null, limit);
        return PingLog.of(runs.items(), management.loggedPings(monitor, limit), limit);
    }

    /** Status changes, newest first: each incident is a flip to down and, once resolved, one back up. */
    public List<Map.Entry<Instant, Boolean>> flips(ApiKey key, String codeOrUniqueKey, Instant from, Instant to) {
        MonitorView view = UNIQUE_KEY.matcher(codeOrUniqueKey).matches() ? byUniqueKey(key, codeOrUniqueKey)
                : find(key, codeOrUniqueKey);
        List<Map.Entry<Instant, Boolean>> flips = new ArrayList<>();
        String cursor = null;
        do {
            Page<Incident> page = management.incidents(view.monitor().key(), cursor, 100);
            for (Incident incident : page.items()) {
                if (!incident.environment().equals(MonitorEnvironment.DEFAULT_NAME)) continue;
                if (incident.dateResolved() != null) flips.add(Map.entry(incident.dateResolved(), true));
                flips.add(Map.entry(incident.dateStarted(), false));
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        flips.removeIf(f -> (from != null && f.getKey().isBefore(from)) || (to != null && !f.getKey().isBefore(to)));
        flips.sort(Map.Entry.<Instant, Boolean>comparingByKey().reversed());
        return flips;
    }

    /** Healthchecks' {@code unique_key}: the SHA-1 of the first 16 hex digits of the uuid, for read-only keys. */
    public static String uniqueKey(String code) {
        return Digest.SHA_1.hex(code.replace("-", "").substring(0, 16));
    }

    private Optional<MonitorView> lookup(ApiKey key, CheckSpec spec) {
        if (spec.unique() == null || spec.unique().isEmpty()) return Optional.empty();
        for (String field : spec.unique()) {
            if (CheckMapping.specValue(spec, field) == null) return Optional.empty();
        }
        Instant now = clock.instant();
        return projectMonitors(key).stream().filter(view -> spec.unique().stream().allMatch(field ->
                CheckMapping.specValue(spec, field).equals(CheckMapping.checkValue(
                        CheckMapping.view(view.monitor(), production(view), now), field)))).findFirst();
    }

    /**
     * By its ping code's index entry: one read. Another project's check of the organization is
     * Healthchecks' 403; another organization's reads as not found, as every path of another tenant does.
     */
    private MonitorView find(ApiKey key, String code) {
        if (!PingCheck.isPingCode(code)) throw new NotFoundException("check " + code);
        PingTarget target = management.pingTarget(code).filter(t -> t.monitor().organization().equals(key.organization()))
                .orElseThrow(() -> new NotFoundException("check " + code));
        if (!target.projectId().equals(key.projectId())) throw new ForbiddenException();
        return monitors.get(target.monitor().organization(), target.monitor().slug());
    }

    private MonitorView byUniqueKey(ApiKey key, String uniqueKey) {
        return projectMonitors(key).stream().filter(v -> uniqueKey(v.monitor().ping().pingCode()).equals(uniqueKey))
                .findFirst().orElseThrow(() -> new NotFoundException("check " + uniqueKey));
    }

    /** The project's Healthchecks checks (its Sentry monitors have no ping code, and are not checks). */
    private List<MonitorView> projectMonitors(ApiKey key) {
        return organizationMonitors(key.organization()).stream()
                .filter(v -> v.monitor().projectId().equals(key.projectId()) && v.monitor().isPingCheck()).toList();
    }

    /** Every monitor of the organization, a page of 100 at a time (one query and one batch read per page). */
    private List<MonitorView> organizationMonitors(String organization) {
        List<MonitorView> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<MonitorView> page = monitors.list(organization, cursor, 100);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static MonitorEnvironment production(MonitorView view) {
        return view.environments().stream().filter(e -> e.name().equals(MonitorEnvironment.DEFAULT_NAME)).findFirst()
                .orElse(null);
    }
}
