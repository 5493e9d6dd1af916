package dev.cronwatch.core.service;

import dev.cronwatch.core.ingest.Slugs;
import dev.cronwatch.core.changes.Changes;
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
import dev.cronwatch.core.rules.Deadlines;
import dev.cronwatch.core.rules.Thresholds;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.validation.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
        if (!store.commit(Changes.of(monitor))) {
            throw new FieldError("slug", "The slug \"" + chosen + "\" is already in use.", 400);
        }
        return get(organization, chosen);
    }

    /**
     * Applies a change. As in Sentry's API, a new schedule (or schedule type) takes effect from now:
     * expected times are recomputed from this moment. Any other change keeps a pending deadline: a
     * new margin moves only how late the expected check-in may be, a new runtime limit moves the
     * timeouts of the runs in progress (from their start), and a new timezone applies from the next
     * check-in. Disabling clears every deadline; enabling again expects the next slot from now.
     */
    public MonitorView update(String organization, String slug, MonitorUpdate update) {
        Revision revision = OnConflict.retry("updating monitor " + slug, () -> {
            Monitor before = find(organization, slug);
            Monitor after = before.withSettings(
                    update.name() != null ? update.name() : before.name(),
                    update.status() != null ? update.status() : before.status(),
                    update.muted() != null ? update.muted() : before.muted(),
                    update.config() != null ? update.config() : before.config());
            return store.commit(Changes.of(after)) ? Optional.of(new Revision(before, after)) : Optional.empty();
        });
        reschedule(revision.before(), revision.after());
        return get(organization, slug);
    }

    public void delete(String organization, String slug) {
        store.deleteMonitor(find(organization, slug).key());
    }

    public Page<CheckIn> checkIns(String organization, String slug, String environment, String cursor, int limit) {
        return store.checkIns(find(organization, slug).key(), environment, cursor, limit);
    }

    public List<Incident> incidents(String organization, String slug) {
        return store.incidents(find(organization, slug).key());
    }

    /** Errors are kept by slug, so they can be read even for a monitor that was never created. */
    public List<ProcessingError> processingErrors(String organization, String slug) {
        return store.processingErrors(new MonitorKey(organization, slug), clock.instant());
    }

    /** Every monitor's, those that do not exist included: a check-in for a mistyped slug shows up here. */
    public Page<ProcessingError> organizationProcessingErrors(String organization, String cursor, int limit) {
        return store.organizationProcessingErrors(organization, clock.instant(), cursor, limit);
    }

    private Monitor find(String organization, String slug) {
        return store.monitor(new MonitorKey(organization, slug))
                .orElseThrow(() -> new NotFoundException("monitor " + slug));
    }

    private record Revision(Monitor before, Monitor after) {
    }

    private void reschedule(Monitor before, Monitor after) {
        Instant at = clock.instant();
        for (MonitorEnvironment listed : store.environments(after.key())) {
            OnConflict.retry("rescheduling " + after.key() + "/" + listed.name(), () -> {
                MonitorEnvironment env = store.load(after.key(), listed.name()).environment();
                if (env == null) return Optional.of(true);
                MonitorEnvironment next = rescheduled(env, before, after, at);
                return next.equals(env) || store.commit(Changes.of(next)) ? Optional.of(true) : Optional.empty();
            });
        }
    }

    static MonitorEnvironment rescheduled(MonitorEnvironment env, Monitor before, Monitor after, Instant at) {
        MonitorConfig old = before.config();
        MonitorConfig now = after.config();
        if (after.isDisabled()) {
            // A disabled monitor expects nothing: it leaves the clock's index until enabled again.
            MonitorEnvironment cleared = env.withTimes(env.lastCheckIn(), null, null);
            for (CheckIn run : env.openRuns()) {
                cleared = cleared.withCheckIn(run.withStatus(CheckInStatus.IN_PROGRESS, run.durationMs(), null,
                        run.dateUpdated()), Thresholds.historyNeeded(now));
            }
            return cleared;
        }
        boolean scheduleChanged = !old.schedule().equals(now.schedule()) || before.isDisabled();
        MonitorEnvironment result = env;
        if (scheduleChanged && (env.lastCheckIn() != null || env.nextCheckIn() != null)) {
            result = Deadlines.expectNextAfter(now, env, env.lastCheckIn(), at);
        } else if (!old.margin().equals(now.margin()) && env.nextCheckIn() != null) {
            result = env.withTimes(env.lastCheckIn(), env.nextCheckIn(), Deadlines.latest(now, env.nextCheckIn()));
        }
        if (!old.runtimeLimit().equals(now.runtimeLimit())) {
            for (CheckIn run : result.openRuns()) {
                result = result.withCheckIn(run.withStatus(CheckInStatus.IN_PROGRESS, run.durationMs(),
                        Deadlines.runTimeout(now, run.dateAdded()), run.dateUpdated()), Thresholds.historyNeeded(now));
            }
        }
        return result;
    }

}
