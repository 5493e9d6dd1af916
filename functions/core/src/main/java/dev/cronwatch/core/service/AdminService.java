package dev.cronwatch.core.service;

import dev.cronwatch.core.ingest.Slugs;
import dev.cronwatch.core.monitor.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.rules.Transition;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.TenantNames;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Text;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** The management API's use cases. Every call is scoped to the caller's organization. */
public final class AdminService {
    private static final int MAX_NAME_LENGTH = 128;
    public static final int DEFAULT_MAX_MONITORS_PER_ORGANIZATION = 10_000;

    private final MonitorStore store;
    private final TenantDirectory tenants;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final int maxMonitorsPerOrganization;

    public AdminService(MonitorStore store, TenantDirectory tenants, Clock clock, Supplier<UUID> ids) {
        this(store, tenants, clock, ids, DEFAULT_MAX_MONITORS_PER_ORGANIZATION);
    }

    public AdminService(MonitorStore store, TenantDirectory tenants, Clock clock, Supplier<UUID> ids,
                        int maxMonitorsPerOrganization) {
        this.store = store;
        this.tenants = tenants;
        this.clock = clock;
        this.ids = ids;
        this.maxMonitorsPerOrganization = maxMonitorsPerOrganization;
    }

    /** One page, in slug order: an organization's list costs what a page costs, whatever it holds. */
    public Page<MonitorView> list(String organization, String cursor, int limit) {
        Page<Monitor> page = store.monitors(organization, cursor, limit);
        return new Page<>(page.items().stream().map(m -> new MonitorView(m, store.environments(m.key()))).toList(),
                page.nextCursor());
    }

    public MonitorView get(String organization, String slug) {
        Monitor monitor = find(organization, slug);
        return new MonitorView(monitor, store.environments(monitor.key()));
    }

    public MonitorView create(String organization, String project, String name, String slug, MonitorConfig config) {
        if (project == null || project.isEmpty()) throw new FieldError("project", "This field is required.");
        if (!TenantNames.isProjectId(project) && !TenantNames.isSlug(project)) {
            throw new FieldError("project", "A project is named by its id or its slug.");
        }
        Project owner = tenants.project(organization, project)
                .orElseThrow(() -> new FieldError("project", "Project not found: " + project));
        if (name == null || name.isBlank()) throw new FieldError("name", "This field is required.");
        if (name.length() > MAX_NAME_LENGTH) throw new FieldError("name", "Ensure this field has no more than 128 characters.");
        String chosen = slug != null ? slug : Slugs.slugify(name);
        if (!Slugs.isValid(chosen)) {
            throw new FieldError("slug", "Invalid slug \"" + chosen + "\": 1 to 50 lower-case letters, digits, '-' or '_', not only digits.");
        }
        // Counted before the write: two creates racing at the limit may both pass, by one monitor.
        if (store.monitorCount(organization) >= maxMonitorsPerOrganization) {
            throw new FieldError("organization", "This organization has reached its limit of "
                    + maxMonitorsPerOrganization + " monitors.");
        }
        Monitor monitor = new Monitor(new MonitorKey(organization, chosen), ids.get().toString(), owner.id(), name,
                MonitorStatus.ACTIVE, false, config, clock.instant(), List.of(), 0);
        if (!store.commit(monitorOnly(monitor))) {
            throw new FieldError("slug", "The slug \"" + chosen + "\" is already in use.", 400);
        }
        return get(organization, chosen);
    }

    /**
     * Applies a change. A new schedule or margin takes effect from now, as Sentry's API does: expected
     * times are recomputed from this moment, open runs get deadlines from the new runtime limit.
     */
    public MonitorView update(String organization, String slug, MonitorUpdate update) {
        for (int attempt = 1; ; attempt++) {
            Monitor before = find(organization, slug);
            Monitor after = before.withSettings(
                    update.name() != null ? update.name() : before.name(),
                    update.status() != null ? update.status() : before.status(),
                    update.muted() != null ? update.muted() : before.muted(),
                    update.config() != null ? update.config() : before.config());
            if (store.commit(monitorOnly(after))) {
                reschedule(before, after);
                return get(organization, slug);
            }
            if (attempt == 3) throw new ConcurrentChangeException("monitor " + slug + " keeps changing");
        }
    }

    public void delete(String organization, String slug) {
        store.deleteMonitor(find(organization, slug).key());
    }

    public Page<CheckIn> checkIns(String organization, String slug, String environment, String cursor, int limit) {
        if (environment != null && (Text.length(environment) > MonitorEnvironment.MAX_NAME_LENGTH
                || !Text.isPrintable(environment))) {
            throw new FieldError("environment", "No environment has this name: at most 64 printable characters.");
        }
        return store.checkIns(find(organization, slug).key(), environment, cursor, limit);
    }

    public List<Incident> incidents(String organization, String slug) {
        return store.incidents(find(organization, slug).key());
    }

    /** Errors are kept by slug, so they can be read even for a monitor that was never created. */
    public List<ProcessingError> processingErrors(String organization, String slug) {
        return store.processingErrors(new MonitorKey(organization, valid(slug)), clock.instant());
    }

    private Monitor find(String organization, String slug) {
        return store.monitor(new MonitorKey(organization, valid(slug)))
                .orElseThrow(() -> new NotFoundException("monitor " + slug));
    }

    /** A slug of the wrong shape names no monitor, and is refused before it becomes part of a key. */
    private static String valid(String slug) {
        if (!Slugs.isValid(slug)) {
            throw new FieldError("slug", "Invalid slug: 1 to 50 lower-case letters, digits, '-' or '_', not only digits.");
        }
        return slug;
    }

    private void reschedule(Monitor before, Monitor after) {
        MonitorConfig old = before.config();
        MonitorConfig now = after.config();
        boolean scheduleChanged = !old.schedule().equals(now.schedule()) || !old.zone().equals(now.zone())
                || !old.margin().equals(now.margin()) || before.status() != after.status();
        boolean runtimeChanged = !old.runtimeLimit().equals(now.runtimeLimit());
        if (!scheduleChanged && !runtimeChanged) return;
        Instant at = clock.instant();
        for (MonitorEnvironment env : store.environments(after.key())) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                MonitorEnvironment current = attempt == 1 ? env : reload(env);
                if (current == null || store.commit(rescheduled(current, after, at, runtimeChanged))) break;
            }
        }
    }

    private Changes rescheduled(MonitorEnvironment env, Monitor monitor, Instant at, boolean runtimeChanged) {
        MonitorConfig config = monitor.config();
        Transition t = new Transition(monitor, env, false);
        if (monitor.isDisabled()) {
            // A disabled monitor expects nothing: it leaves the clock's index until enabled again.
            t.environment(env.withTimes(env.lastCheckIn(), null, null));
        } else if (env.lastCheckIn() != null || env.nextCheckIn() != null) {
            Instant next = config.schedule().nextAfter(at, config.zone());
            t.environment(env.withTimes(env.lastCheckIn(), next, next.plus(config.margin())));
        }
        if (runtimeChanged) {
            for (CheckIn run : env.openRuns()) {
                Instant timeoutAt = run.dateAdded().truncatedTo(ChronoUnit.MINUTES).plus(config.runtimeLimit());
                t.checkIn(run.withStatus(CheckInStatus.IN_PROGRESS, run.durationMs(), timeoutAt, run.dateUpdated()));
            }
        }
        return t.changes(null, null);
    }

    private MonitorEnvironment reload(MonitorEnvironment env) {
        return store.environments(env.monitor()).stream()
                .filter(e -> e.name().equals(env.name())).findFirst().orElse(null);
    }

    private static Changes monitorOnly(Monitor monitor) {
        return new Changes(monitor, null, List.of(), List.of(), null, List.of(), null, null);
    }

}
