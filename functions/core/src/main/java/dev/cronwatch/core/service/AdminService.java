package dev.cronwatch.core.service;

import dev.cronwatch.core.ingest.Slugs;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentNames;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.port.ManagementStore;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.ProcessingErrorLog;
import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.rules.Deadlines;
import dev.cronwatch.core.rules.Thresholds;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.TenantNames;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Text;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The management API's use cases. Every call is scoped to the caller's organization. */
public final class AdminService {
    private static final int MAX_NAME_LENGTH = 128;
    public static final int DEFAULT_MAX_MONITORS_PER_ORGANIZATION = 10_000;

    private final DecisionStore decisions;
    private final ManagementStore management;
    private final ProcessingErrorLog errors;
    private final TenantDirectory tenants;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final int maxMonitorsPerOrganization;

    public AdminService(DecisionStore decisions, ManagementStore management, ProcessingErrorLog errors,
                        TenantDirectory tenants, Clock clock, Supplier<UUID> ids) {
        this(decisions, management, errors, tenants, clock, ids, DEFAULT_MAX_MONITORS_PER_ORGANIZATION);
    }

    public AdminService(DecisionStore decisions, ManagementStore management, ProcessingErrorLog errors,
                        TenantDirectory tenants, Clock clock, Supplier<UUID> ids, int maxMonitorsPerOrganization) {
        this.decisions = decisions;
        this.management = management;
        this.errors = errors;
        this.tenants = tenants;
        this.clock = clock;
        this.ids = ids;
        this.maxMonitorsPerOrganization = maxMonitorsPerOrganization;
    }

    /**
     * One page of monitors in slug order, with their environments (the management API's list and the
     * dashboard's summaries): one query for the page and one batch read for all its environments,
     * never one read per monitor, so a list costs what a page costs, whatever the organization holds.
     */
    public Page<MonitorView> list(String organization, String cursor, int limit) {
        Page<Monitor> page = management.monitors(organization, cursor, limit);
        Map<MonitorKey, List<MonitorEnvironment>> environments = management.environmentsOf(page.items());
        return new Page<>(page.items().stream()
                .map(m -> new MonitorView(m, environments.getOrDefault(m.key(), List.of()))).toList(), page.nextCursor());
    }

    public MonitorView get(String organization, String slug) {
        Monitor monitor = find(organization, slug);
        return new MonitorView(monitor, management.environments(monitor.key()));
    }

    public MonitorView create(String organization, String project, String name, String slug, MonitorConfig config) {
        if (project == null || project.isEmpty()) throw new FieldError("project", "This field is required.");
        if (!TenantNames.isProjectId(project) && !TenantNames.isSlug(project)) {
            throw new FieldError("project", "A project is named by its id or its slug.");
        }
        Project owner = tenants.project(organization, project)
                .orElseThrow(() -> new FieldError("project", "Project not found: " + project));
        if (name == null || name.isBlank()) throw new FieldError("name", "This field is required.");
        checkName(name);
        String chosen = slug != null ? slug : Slugs.slugify(name);
        if (!Slugs.isValid(chosen)) {
            throw new FieldError("slug", "Invalid slug \"" + chosen + "\": 1 to 50 lower-case letters, digits, '-' or '_', not only digits.");
        }
        // Counted before the write: two creates racing at the limit may both pass, by one monitor.
        if (decisions.monitorCount(organization) >= maxMonitorsPerOrganization) {
            throw new FieldError("organization", "This organization has reached its limit of "
                    + maxMonitorsPerOrganization + " monitors.");
        }
        Monitor monitor = new Monitor(new MonitorKey(organization, chosen), ids.get().toString(), owner.id(), name,
                MonitorStatus.ACTIVE, false, config, clock.instant(), List.of(), 0);
        if (!decisions.commit(Changes.of(monitor))) {
            throw new FieldError("slug", "The slug \"" + chosen + "\" is already in use.", 400);
        }
        return get(organization, chosen);
    }

    /**
     * Applies a change. As in Sentry's API, a new schedule (or schedule type) takes effect from now:
     * expected times are recomputed from this moment. Any other change keeps a pending deadline: a
     * new margin moves only how late the expected check-in may be, a new runtime limit moves the
     * timeouts of the runs in progress (from their start; one already past it times out now), and a
     * new timezone applies from the next check-in. Disabling clears every deadline; enabling again
     * expects the next slot from now.
     */
    public MonitorView update(String organization, String slug, MonitorUpdate update) {
        if (update.name() != null) {
            if (update.name().isBlank()) throw new FieldError("name", "This field may not be blank.");
            checkName(update.name());
        }
        Revision revision = OnConflict.retry("updating monitor " + slug, () -> {
            Monitor before = find(organization, slug);
            Monitor after = before.withSettings(
                    update.name() != null ? update.name() : before.name(),
                    update.status() != null ? update.status() : before.status(),
                    update.muted() != null ? update.muted() : before.muted(),
                    update.config() != null ? update.config().applyTo(before.config()) : before.config());
            return decisions.commit(Changes.of(after)) ? Optional.of(new Revision(before, after)) : Optional.empty();
        });
        reschedule(revision.before(), revision.after());
        return get(organization, slug);
    }

    /** A name is shown in alerts, subjects and the dashboard, and travels in SNS attributes. */
    private static void checkName(String name) {
        if (name.length() > MAX_NAME_LENGTH) throw new FieldError("name", "Ensure this field has no more than 128 characters.");
        if (!Text.isPrintable(name)) throw new FieldError("name", "Use printable characters only.");
    }

    public void delete(String organization, String slug) {
        management.deleteMonitor(find(organization, slug).key());
    }

    /** Newest first; {@code since} (null: no bound) keeps the runs that started at or after it. */
    public Page<CheckIn> checkIns(String organization, String slug, String environment, Instant since, String cursor,
                                  int limit) {
        EnvironmentNames.check(environment, "environment");
        return management.checkInsSince(find(organization, slug).key(), environment, since, cursor, limit);
    }


    /** Mutes or unmutes one environment: it keeps recording and opening incidents, it sends no alert. */
    public MonitorView muteEnvironment(String organization, String slug, String environment, boolean muted) {
        EnvironmentNames.check(environment, "environment");
        Monitor monitor = find(organization, slug);
        OnConflict.retry("muting " + slug + "/" + environment, () -> {
            MonitorEnvironment env = environment(monitor, environment);
            return env.muted() == muted || decisions.commit(Changes.of(env.withMuted(muted))) ? Optional.of(true)
                    : Optional.empty();
        });
        return get(organization, slug);
    }

    /**
     * Removes an environment with its check-ins and incidents. The name leaves the monitor's list
     * first, so the monitor never lists an environment that is gone; a later check-in naming it
     * starts it afresh.
     */
    public void deleteEnvironment(String organization, String slug, String environment) {
        Monitor listed = OnConflict.retry("removing " + slug + "/" + environment, () -> {
            Monitor monitor = find(organization, slug);
            if (!monitor.environments().contains(environment)) {
                // a name the rule refuses is removed only if listed: stored before the rule existed
                EnvironmentNames.check(environment, "environment");
                environment(monitor, environment); // not listed but stored: still removed
                return Optional.of(monitor);
            }
            return decisions.commit(Changes.of(monitor.withoutEnvironment(environment))) ? Optional.of(monitor)
                    : Optional.empty();
        });
        decisions.deleteEnvironment(listed.key(), environment);
    }

    public Page<Incident> incidents(String organization, String slug, String cursor, int limit) {
        return management.incidents(find(organization, slug).key(), cursor, limit);
    }

    /** Errors are kept by slug, so they can be read even for a monitor that was never created. */
    public List<ProcessingError> processingErrors(String organization, String slug) {
        return errors.processingErrors(new MonitorKey(organization, valid(slug)), clock.instant());
    }

    /** Every monitor's, those that do not exist included: a check-in for a mistyped slug shows up here. */
    public Page<ProcessingError> organizationProcessingErrors(String organization, String cursor, int limit) {
        return errors.organizationProcessingErrors(organization, clock.instant(), cursor, limit);
    }

    private MonitorEnvironment environment(Monitor monitor, String name) {
        return management.environments(monitor.key()).stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("environment " + name));
    }

    private Monitor find(String organization, String slug) {
        return management.monitor(new MonitorKey(organization, valid(slug)))
                .orElseThrow(() -> new NotFoundException("monitor " + slug));
    }

    /** A slug of the wrong shape names no monitor, and is refused before it becomes part of a key. */
    private static String valid(String slug) {
        if (!Slugs.isValid(slug)) {
            throw new FieldError("slug", "Invalid slug: 1 to 50 lower-case letters, digits, '-' or '_', not only digits.");
        }
        return slug;
    }

    private record Revision(Monitor before, Monitor after) {
    }

    private void reschedule(Monitor before, Monitor after) {
        Instant at = clock.instant();
        for (MonitorEnvironment listed : management.environments(after.key())) {
            // the listing is as fresh as a load; only a lost race reads the environment again
            AtomicReference<MonitorEnvironment> current = new AtomicReference<>(listed);
            OnConflict.retry("rescheduling " + after.key() + "/" + listed.name(), () -> {
                MonitorEnvironment env = current.get();
                if (env == null) return Optional.of(true);
                MonitorEnvironment next = rescheduled(env, before, after, at);
                if (next.equals(env) || decisions.commit(withChangedRuns(env, next))) return Optional.of(true);
                current.set(decisions.load(after.key(), listed.name()).environment());
                return Optional.empty();
            });
        }
    }

    /** The environment with the runs whose deadlines moved: the check-in items are listed on their own. */
    private static Changes withChangedRuns(MonitorEnvironment env, MonitorEnvironment next) {
        List<CheckIn> changed = next.recent().stream().filter(run -> !env.recent().contains(run)).toList();
        return new Changes(null, next, changed, List.of(), null, List.of());
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
            // A run already past its new limit times out now, not back then: a timeout dated before the
            // deadlines already judged would count the schedule again from there (months back, for a
            // run left open while the monitor was disabled).
            Instant thisMinute = at.truncatedTo(ChronoUnit.MINUTES);
            for (CheckIn run : result.openRuns()) {
                Instant timeout = Deadlines.runTimeout(now, run.dateAdded());
                result = result.withCheckIn(run.withStatus(CheckInStatus.IN_PROGRESS, run.durationMs(),
                        timeout.isBefore(thisMinute) ? thisMinute : timeout, run.dateUpdated()),
                        Thresholds.historyNeeded(now));
            }
        }
        return result;
    }

}
