package dev.cronwatch.core.service;

import dev.cronwatch.core.ingest.Slugs;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.EnvironmentNames;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.OrganizationMonitors;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.port.ManagementStore;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.ProcessingErrorLog;
import dev.cronwatch.core.port.ProjectDirectory;
import dev.cronwatch.core.rules.SettingsChangeRules;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Nearest;
import dev.cronwatch.core.validation.SlugRule;
import dev.cronwatch.core.validation.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The management API's use cases. Every call is scoped to the caller's organization. A delete keeps the
 * project's badges in step: a deleted monitor leaves them, a deleted environment's state leaves its monitor's.
 */
public final class MonitorService {
    private static final int MAX_NAME_LENGTH = 128;
    public static final int DEFAULT_MAX_MONITORS_PER_ORGANIZATION = 10_000;

    private final DecisionStore decisions;
    private final ManagementStore management;
    private final ProcessingErrorLog errors;
    private final ProjectDirectory tenants;
    private final BadgeService badges;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final int maxMonitorsPerOrganization;

    public MonitorService(DecisionStore decisions, ManagementStore management, ProcessingErrorLog errors,
                          ProjectDirectory tenants, BadgeService badges, Clock clock, Supplier<UUID> ids) {
        this(decisions, management, errors, tenants, badges, clock, ids, DEFAULT_MAX_MONITORS_PER_ORGANIZATION);
    }

    public MonitorService(DecisionStore decisions, ManagementStore management, ProcessingErrorLog errors,
                          ProjectDirectory tenants, BadgeService badges, Clock clock, Supplier<UUID> ids,
                          int maxMonitorsPerOrganization) {
        this.decisions = decisions;
        this.management = management;
        this.errors = errors;
        this.tenants = tenants;
        this.badges = badges;
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
        return create(organization, project, name, slug, config, null);
    }

    /**
     * A Healthchecks check made through API v3: a monitor with its ping options ({@code ping}: its code is
     * random and new). Null {@code ping}: a Sentry monitor.
     */
    public MonitorView create(String organization, String project, String name, String slug, MonitorConfig config,
                              PingCheck ping) {
        if (project == null || project.isEmpty()) throw new FieldError("project", "This field is required.");
        Project owner = tenants.project(organization, ProjectService.reference(project, "project"))
                .orElseThrow(() -> new FieldError("project", "Project not found: " + project));
        if (name == null || name.isBlank()) throw new FieldError("name", "This field is required.");
        checkName(name);
        String chosen = slug != null ? slug : Slugs.slugify(name);
        (ping != null ? SlugRule.CHECK : SlugRule.MONITOR).check(chosen, "slug");
        Monitor monitor = new Monitor(new MonitorKey(organization, chosen), ids.get().toString(), owner.id(), name,
                MonitorStatus.ACTIVE, false, config, clock.instant(), List.of(), 0).withPing(ping);
        OnConflict.retry("creating monitor " + chosen, () -> {
            OrganizationMonitors counted = decisions.organizationMonitors(organization, monitor.dateCreated());
            if (counted.monitors() >= maxMonitorsPerOrganization) {
                throw new FieldError("organization", "This organization has reached its limit of "
                        + maxMonitorsPerOrganization + " monitors.");
            }
            Monitor placed = monitor.withOrdinal(counted.nextOrdinal());
            // counted in its minute's creates, which refuse only a check-in's create
            if (decisions.commit(Changes.created(placed, counted.created(maxMonitorsPerOrganization, Integer.MAX_VALUE)))) {
                return Optional.of(placed);
            }
            // Sentry's monitor API refuses a slug in use as it refuses a malformed one
            if (management.monitor(monitor.key()).isPresent()) {
                throw new FieldError("slug", "The slug \"" + chosen + "\" is already in use.");
            }
            return Optional.empty(); // another create reached the limit meanwhile: count again
        });
        return get(organization, chosen);
    }

    /**
     * A Healthchecks check's change through API v3: its whole config and ping options as they are to be,
     * and its name unless null; pending deadlines move as for any change ({@link SettingsChangeRules}).
     */
    public MonitorView updateCheck(String organization, String slug, String name, MonitorConfig config, PingCheck ping) {
        if (name != null) checkName(name);
        return change(organization, slug, before -> before.withSettings(name != null ? name : before.name(),
                before.status(), before.muted(), config).withPing(ping));
    }

    /**
     * Applies a change, and moves each environment's pending deadlines as {@link SettingsChangeRules} says;
     * the monitor's badge entry is then made from the environments as they were written.
     */
    public MonitorView update(String organization, String slug, MonitorUpdate update) {
        if (update.name() != null) {
            if (update.name().isBlank()) throw new FieldError("name", "This field may not be blank.");
            checkName(update.name());
        }
        return change(organization, slug, before -> before.withSettings(
                update.name() != null ? update.name() : before.name(),
                update.status() != null ? update.status() : before.status(),
                update.muted() != null ? update.muted() : before.muted(),
                update.config() != null ? update.config().applyTo(before.config(), before.isPingCheck()) : before.config()));
    }

    private MonitorView change(String organization, String slug, UnaryOperator<Monitor> edit) {
        finishPendingReschedule(find(organization, slug));
        Instant at = clock.instant();
        Revision revision = OnConflict.retry("updating monitor " + slug, () -> {
            Monitor before = find(organization, slug);
            Monitor after = edit.apply(before);
            if (new Revision(before, after).movesDeadlines()) {
                // one write: the new settings and the mark that the environments' deadlines are yet to follow them
                after = after.withPendingReschedule(new Monitor.PendingReschedule(before.status(), before.config(), at));
            }
            return decisions.commit(Changes.of(after)) ? Optional.of(new Revision(before, after)) : Optional.empty();
        });
        if (revision.movesDeadlines()) {
            moveDeadlines(revision.after(), env -> SettingsChangeRules.rescheduled(env, revision.before(), revision.after(), at));
            clearPendingReschedule(revision.after());
        }
        // a new schedule or a disable clears a late mark, and the processor writes the entry only when a state it stores moves
        MonitorView changed = get(organization, slug);
        badges.changed(changed.monitor(), changed.environments());
        return changed;
    }

    /**
     * The environments a change's writer stopped before take the deadlines it gave them (the later of
     * theirs and the change's, as the clock judges them meanwhile), and the mark goes.
     */
    private void finishPendingReschedule(Monitor monitor) {
        if (monitor.pendingReschedule() == null) return;
        moveDeadlines(monitor, env -> SettingsChangeRules.pendingApplied(monitor, env));
        clearPendingReschedule(monitor);
    }

    /** Clears the mark {@code changed} wrote, unless another change has replaced it since. */
    private void clearPendingReschedule(Monitor changed) {
        OnConflict.retry("clearing the reschedule mark of " + changed.key(), () -> {
            Monitor now = management.monitor(changed.key()).orElse(null);
            if (now == null || !changed.pendingReschedule().equals(now.pendingReschedule())) return Optional.of(true);
            return decisions.commit(Changes.of(now.withPendingReschedule(null))) ? Optional.of(true) : Optional.empty();
        });
    }

    /** A name is shown in alerts, subjects and the dashboard, and travels in SNS attributes. */
    private static void checkName(String name) {
        if (name.length() > MAX_NAME_LENGTH) throw new FieldError("name", "Ensure this field has no more than 128 characters.");
        if (!Text.isPrintable(name)) throw new FieldError("name", "Use printable characters only.");
    }

    /** Removes the monitor with everything it owns; answers it as it was. */
    public Monitor delete(String organization, String slug) {
        Monitor monitor = find(organization, slug);
        management.deleteMonitor(monitor.key());
        badges.removed(monitor.key(), monitor.projectId());
        return monitor;
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
     * starts it afresh. The monitor's badge entry is then made from the environments left: an open
     * incident of the one deleted may be what made it down.
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
        badges.changed(listed, management.environments(listed.key()));
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

    /** The monitor; a slug of none costs a listing of the organization's, for a "did you mean". */
    private Monitor find(String organization, String slug) {
        return management.monitor(new MonitorKey(organization, valid(slug)))
                .orElseThrow(() -> NotFoundException.monitor(slug, Nearest.typoOf(slug,
                        decisions.monitors(organization).stream().map(m -> m.key().slug()).toList())));
    }

    /** A slug of the wrong shape names no monitor (a check's may be 100), and is refused before it becomes part of a key. */
    private static String valid(String slug) {
        return SlugRule.CHECK.check(slug, "slug");
    }

    private record Revision(Monitor before, Monitor after) {
        /** Only the status and the configuration move deadlines; a new name or muting does not. */
        boolean movesDeadlines() {
            return after.status() != before.status() || !Objects.equals(after.config(), before.config());
        }
    }

    /** Each environment of {@code monitor} as {@code rule} moves its deadlines, written where they moved. */
    private void moveDeadlines(Monitor monitor, UnaryOperator<MonitorEnvironment> rule) {
        for (MonitorEnvironment listed : management.environments(monitor.key())) {
            // the listing is as fresh as a load; only a lost race reads the environment again
            AtomicReference<MonitorEnvironment> current = new AtomicReference<>(listed);
            OnConflict.retry("rescheduling " + monitor.key() + "/" + listed.name(), () -> {
                MonitorEnvironment env = current.get();
                if (env == null) return Optional.of(true);
                MonitorEnvironment next = rule.apply(env);
                if (next.equals(env) || decisions.commit(SettingsChangeRules.changes(env, next))) return Optional.of(true);
                current.set(decisions.load(monitor.key(), listed.name()).environment());
                return Optional.empty();
            });
        }
    }
}
