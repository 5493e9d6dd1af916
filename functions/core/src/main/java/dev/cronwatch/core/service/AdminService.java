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
import dev.cronwatch.core.validation.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** The management API's use cases. Every call is scoped to the caller's organization. */
public final class AdminService {
    private static final int MAX_NAME_LENGTH = 128;

    private final MonitorStore store;
    private final TenantDirectory tenants;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public AdminService(MonitorStore store, TenantDirectory tenants, Clock clock, Supplier<UUID> ids) {
        this.store = store;
        this.tenants = tenants;
        this.clock = clock;
        this.ids = ids;
    }

    public List<MonitorView> list(String organization) {
        return store.monitors(organization).stream()
                .map(m -> new MonitorView(m, store.environments(m.key())))
                .toList();
    }

    public MonitorView get(String organization, String slug) {
        Monitor monitor = find(organization, slug);
        return new MonitorView(monitor, store.environments(monitor.key()));
    }

    public MonitorView create(String organization, String project, String name, String slug, MonitorConfig config) {
        Project owner = tenants.project(organization, project == null ? "" : project)
                .orElseThrow(() -> new FieldError("project", "Project not found: " + project));
        if (name == null || name.isBlank()) throw new FieldError("name", "This field is required.");
        if (name.length() > MAX_NAME_LENGTH) throw new FieldError("name", "Ensure this field has no more than 128 characters.");
        String chosen = slug != null ? slug : Slugs.slugify(name);
        if (!Slugs.isValid(chosen)) {
            throw new FieldError("slug", "Invalid slug \"" + chosen + "\": 1 to 50 lower-case letters, digits, '-' or '_', not only digits.");
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

    /** Newest first; {@code since} (null: no bound) keeps the runs that started at or after it. */
    public Page<CheckIn> checkIns(String organization, String slug, String environment, Instant since, String cursor,
                                  int limit) {
        return store.checkInsSince(find(organization, slug).key(), environment, since, cursor, limit);
    }

    /**
     * A page of monitors with their environments, for the dashboard: one query for the page and one
     * batch read for all its environments, never one read per monitor.
     */
    public Page<MonitorView> summaries(String organization, String cursor, int limit) {
        Page<Monitor> page = store.monitorPage(organization, cursor, limit);
        Map<MonitorKey, List<MonitorEnvironment>> environments = store.environmentsOf(page.items());
        return new Page<>(page.items().stream()
                .map(m -> new MonitorView(m, environments.getOrDefault(m.key(), List.of()))).toList(), page.nextCursor());
    }

    /** Mutes or unmutes one environment: it keeps recording and opening incidents, it sends no alert. */
    public MonitorView muteEnvironment(String organization, String slug, String environment, boolean muted) {
        Monitor monitor = find(organization, slug);
        for (int attempt = 1; ; attempt++) {
            MonitorEnvironment env = environment(monitor, environment);
            if (env.muted() == muted || store.commit(environmentOnly(env.withMuted(muted)))) return get(organization, slug);
            if (attempt == 3) throw new ConcurrentChangeException("environment " + environment + " keeps changing");
        }
    }

    /**
     * Removes an environment with its check-ins and incidents. The name leaves the monitor's list
     * first, so the monitor never lists an environment that is gone; a later check-in naming it
     * starts it afresh.
     */
    public void deleteEnvironment(String organization, String slug, String environment) {
        for (int attempt = 1; ; attempt++) {
            Monitor monitor = find(organization, slug);
            if (!monitor.environments().contains(environment)) {
                environment(monitor, environment); // not listed but stored: still removed
                store.deleteEnvironment(monitor.key(), environment);
                return;
            }
            if (store.commit(monitorOnly(monitor.withoutEnvironment(environment)))) {
                store.deleteEnvironment(monitor.key(), environment);
                return;
            }
            if (attempt == 3) throw new ConcurrentChangeException("monitor " + slug + " keeps changing");
        }
    }

    public List<Incident> incidents(String organization, String slug) {
        return store.incidents(find(organization, slug).key());
    }

    /** Errors are kept by slug, so they can be read even for a monitor that was never created. */
    public List<ProcessingError> processingErrors(String organization, String slug) {
        return store.processingErrors(new MonitorKey(organization, slug), clock.instant());
    }

    private MonitorEnvironment environment(Monitor monitor, String name) {
        return store.environments(monitor.key()).stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("environment " + name));
    }

    private Monitor find(String organization, String slug) {
        return store.monitor(new MonitorKey(organization, slug))
                .orElseThrow(() -> new NotFoundException("monitor " + slug));
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

    private static Changes environmentOnly(MonitorEnvironment environment) {
        return new Changes(null, environment, List.of(), List.of(), null, List.of(), null, null);
    }

}
