package dev.cronwatch.core.rules;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.ConfigPatch;
import dev.cronwatch.core.monitor.CountedCreate;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorState;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.OrganizationMonitors;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.schedule.SimpleSchedule;
import dev.cronwatch.core.validation.Nearest;
import dev.cronwatch.core.validation.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Applies one check-in message to its monitor's state (Sentry's {@code _process_checkin}): upsert,
 * environment, rate limit, create or update the check-in, then mark ok or failed. Every time it uses
 * is the message's receive time. A check-in id names a check-in only within its monitor: it is looked
 * up among the open runs and newest results of the monitor's environments, never anywhere else.
 */
public final class CheckInRules {
    private static final long MAX_DURATION_MS = Integer.MAX_VALUE;
    private static final MonitorConfigParser CONFIG = new MonitorConfigParser("monitor_config.");
    /** Healthchecks' model defaults: {@code timeout} 1 day, {@code grace} 1 hour, {@code tz} UTC. */
    private static final MonitorConfig AUTO_CREATED = MonitorConfig.healthchecks(SimpleSchedule.daily(), "UTC", 3600);

    /** Monitors an organization's check-ins may create in one minute, unless the operator says otherwise. */
    public static final int DEFAULT_NEW_MONITORS_PER_MINUTE = 60;

    private final int rateLimitPerMinute;
    private final int maxMonitorsPerOrganization;
    private final int maxNewMonitorsPerMinute;
    private final int maxEnvironmentsPerMonitor;

    public CheckInRules(int rateLimitPerMinute, int maxMonitorsPerOrganization) {
        this(rateLimitPerMinute, maxMonitorsPerOrganization, DEFAULT_NEW_MONITORS_PER_MINUTE, Monitor.MAX_ENVIRONMENTS);
    }

    /** {@code maxEnvironmentsPerMonitor}: at most {@link Monitor#MAX_ENVIRONMENTS}, what one load is sized for. */
    public CheckInRules(int rateLimitPerMinute, int maxMonitorsPerOrganization, int maxNewMonitorsPerMinute,
                        int maxEnvironmentsPerMonitor) {
        if (rateLimitPerMinute < 1) throw new IllegalArgumentException("rate limit must be at least 1");
        if (maxMonitorsPerOrganization < 1) throw new IllegalArgumentException("monitor limit must be at least 1");
        if (maxNewMonitorsPerMinute < 1) throw new IllegalArgumentException("new monitors per minute must be at least 1");
        if (maxEnvironmentsPerMonitor < 1 || maxEnvironmentsPerMonitor > Monitor.MAX_ENVIRONMENTS) {
            throw new IllegalArgumentException("environments per monitor must be 1 to " + Monitor.MAX_ENVIRONMENTS);
        }
        this.rateLimitPerMinute = rateLimitPerMinute;
        this.maxMonitorsPerOrganization = maxMonitorsPerOrganization;
        this.maxNewMonitorsPerMinute = maxNewMonitorsPerMinute;
        this.maxEnvironmentsPerMonitor = maxEnvironmentsPerMonitor;
    }

    /**
     * The writes one message comes to: the applied check-in with its consequences, or a processing
     * error and nothing else. {@code monitorsInOrganization} is asked only when the message would
     * create a monitor, {@code projectSlugs} only when it names no monitor (for a "did you mean").
     */
    public Changes apply(CheckInMessage message, MonitorState state, MonitorCount monitorsInOrganization,
                         ProjectSlugs projectSlugs) {
        try {
            return decide(message, state, monitorsInOrganization);
        } catch (Rejection rejection) {
            Rejection explained = rejection.type == ProcessingErrorType.MONITOR_NOT_FOUND
                    ? rejection.withSuggestion(message.monitor().slug(), projectSlugs)
                    : rejection;
            return Changes.rejected(processingError(message, explained.type, explained.data));
        }
    }

    /** The organization's monitor counter in the minute of the check-in; read only when it would create a monitor. */
    @FunctionalInterface
    public interface MonitorCount {
        OrganizationMonitors get();
    }

    /** The slugs of the monitors of the check-in's project; read only when the check-in names none of them. */
    @FunctionalInterface
    public interface ProjectSlugs {
        List<String> get();
    }

    private Changes decide(CheckInMessage message, MonitorState state, MonitorCount monitorsInOrganization) {
        Instant receivedAt = message.receivedAt();
        MonitorConfig sent = null;
        FieldError invalidConfig = null;
        try {
            sent = message.monitorConfig() == null ? null : applicable(CONFIG.patch(message.monitorConfig()), state.monitor());
        } catch (FieldError e) {
            invalidConfig = e;
        }
        Counted upserted = upsert(message, state.monitor(), sent, invalidConfig, monitorsInOrganization);
        Monitor monitor = upserted.monitor();
        boolean monitorChanged = monitor != state.monitor();
        if (monitor.status() == MonitorStatus.DISABLED) throw new Rejection(ProcessingErrorType.MONITOR_DISABLED);

        String envName = message.environmentOrDefault();
        MonitorEnvironment env = state.environment();
        if (env == null) {
            if (monitor.environments().size() >= maxEnvironmentsPerMonitor && !monitor.environments().contains(envName)) {
                throw new Rejection(ProcessingErrorType.MONITOR_ENVIRONMENT_LIMIT_EXCEEDED, Map.of("reason",
                        "You may not exceed " + maxEnvironmentsPerMonitor + " environments per monitor"));
            }
            env = MonitorEnvironment.create(monitor, envName, receivedAt);
            if (!monitor.environments().contains(envName)) {
                monitor = monitor.withEnvironment(envName);
                monitorChanged = true;
            }
        }
        env = countAgainstRateLimit(env, receivedAt);

        Outcome o = Outcome.of(monitor, env, monitorChanged);
        if (message.ping() != null && (monitor.isPingCheck() || message.status() == null)) {
            return PingRules.apply(o, message).withMonitorCount(upserted.monitorCount());
        }
        CheckIn existing = findExisting(message, env, state.others());
        CheckIn result = existing == null ? create(message, o) : update(message, existing, o);
        if (result != null && monitor.isPingCheck()) {
            o = o.withEnvironment(o.environment().withPingCounted());
            result = PingRules.countedCheckIn(result, message.status(), o.environment().pings());
        }
        if (result != null) {
            o = o.withCheckIn(result);
            if (result.status() == CheckInStatus.ERROR) {
                o = IncidentRules.markFailed(o, result, receivedAt);
            } else if (result.status() == CheckInStatus.IN_PROGRESS && monitor.isPingCheck()) {
                o = PingRules.started(o, result, receivedAt);
            } else {
                o = IncidentRules.markOk(o, result, receivedAt);
            }
        }
        Changes changes = o.toChanges().withMonitorCount(upserted.monitorCount());
        if (invalidConfig == null) return changes;
        return changes.withProcessingError(processingError(message, ProcessingErrorType.MONITOR_INVALID_CONFIG,
                invalidConfig(invalidConfig, "The check-in was applied; the monitor keeps its stored config"
                        + " until a valid one is sent.")));
    }

    /** The monitor a check-in applies to and, when it creates one, its organization's counter after it. */
    private record Counted(Monitor monitor, CountedCreate monitorCount) {
        Counted(Monitor existing) {
            this(existing, null);
        }
    }

    /**
     * {@code sent}: the config the check-in gives the monitor, null when it sent none or an invalid one.
     * A config that fails validation is ignored for a monitor that exists, as Sentry does, and its
     * status applied; the processing error says what to fix. Without a monitor nothing can be applied.
     * A new monitor must fit the organization's limits, total and per minute, counted by one read.
     */
    private Counted upsert(CheckInMessage message, Monitor stored, MonitorConfig sent, FieldError invalidConfig,
                           MonitorCount monitorsInOrganization) {
        if (stored != null && !stored.projectId().equals(message.projectId())) {
            // The slug is taken by another project of the organization: this DSN cannot reach it.
            throw new Rejection(ProcessingErrorType.MONITOR_NOT_FOUND);
        }
        if (sent == null) {
            if (stored != null) return new Counted(stored);
            if (message.ping() != null && message.ping().create() != null) {
                return create(message, AUTO_CREATED, message.ping().create(), monitorsInOrganization);
            }
            if (invalidConfig == null) throw new Rejection(ProcessingErrorType.MONITOR_NOT_FOUND);
            throw new Rejection(ProcessingErrorType.MONITOR_INVALID_CONFIG, invalidConfig(invalidConfig, "No monitor \""
                    + message.monitor().slug() + "\" exists, so nothing was applied: a check-in with a valid config"
                    + " creates it."));
        }
        if (stored == null) return create(message, sent, null, monitorsInOrganization);
        return new Counted(sent.equals(stored.config()) ? stored : stored.withConfig(sent));
    }

    /**
     * The config a patch gives the monitor, or a new one (its own rules: a grace or a simple schedule is
     * a Healthchecks check's, and a check keeps its grace), or a refusal naming the field.
     */
    private static MonitorConfig applicable(ConfigPatch patch, Monitor stored) {
        return stored == null ? patch.applyTo(null, false) : patch.applyTo(stored.config(), stored.isPingCheck());
    }

    /**
     * A new monitor, within the organization's limits, total and per minute, counted by one read. A
     * Healthchecks check made by {@code ?create=1} ({@code ping} set) has Healthchecks' defaults (a ping
     * a day, an hour's grace, UTC) and is named after its slug.
     */
    private Counted create(CheckInMessage message, MonitorConfig config, PingCheck ping,
                           MonitorCount monitorsInOrganization) {
        OrganizationMonitors counted = monitorsInOrganization.get();
        if (counted.monitors() >= maxMonitorsPerOrganization) {
            throw new Rejection(ProcessingErrorType.MONITOR_LIMIT_EXCEEDED, Map.of("reason",
                    "You may not exceed " + maxMonitorsPerOrganization + " monitors per organization"));
        }
        if (counted.createdInMinute() >= maxNewMonitorsPerMinute) {
            throw new Rejection(ProcessingErrorType.MONITOR_LIMIT_EXCEEDED, Map.of("reason",
                    "You may not create more than " + maxNewMonitorsPerMinute + " monitors per minute",
                    "limit", maxNewMonitorsPerMinute, "per", "minute"));
        }
        Monitor created = new Monitor(message.monitor(),
                Ids.derive("monitor", message.monitor().toString(), message.messageId()), message.projectId(),
                message.monitor().slug(), MonitorStatus.ACTIVE, false, config, message.receivedAt(), List.of(),
                null, null, ping, counted.nextOrdinal(), 0);
        return new Counted(created, counted.created(maxMonitorsPerOrganization, maxNewMonitorsPerMinute));
    }

    private MonitorEnvironment countAgainstRateLimit(MonitorEnvironment env, Instant receivedAt) {
        Instant minute = receivedAt.truncatedTo(ChronoUnit.MINUTES);
        int count = minute.equals(env.rateMinute()) ? env.rateCount() : 0;
        if (count >= rateLimitPerMinute) {
            throw new Rejection(ProcessingErrorType.MONITOR_ENVIRONMENT_RATELIMITED,
                    Map.of("limit", rateLimitPerMinute, "per", "minute"));
        }
        return env.withRate(minute, count + 1);
    }

    private static CheckIn findExisting(CheckInMessage message, MonitorEnvironment env,
                                       List<MonitorEnvironment> others) {
        if (message.latest()) return env.latestInProgress().orElse(null);
        CheckIn found = env.find(message.checkInId()).orElse(null);
        if (found != null) return found;
        for (MonitorEnvironment other : others) {
            if (other.find(message.checkInId()).isPresent()) {
                throw new Rejection(ProcessingErrorType.CHECKIN_ENVIRONMENT_MISMATCH,
                        Map.of("existingEnvironment", other.name()));
            }
        }
        return null;
    }

    private static CheckIn create(CheckInMessage message, Outcome o) {
        Instant receivedAt = message.receivedAt();
        Long duration = message.durationMs();
        Instant dateAdded = duration == null ? receivedAt : receivedAt.minusMillis(duration);
        Instant timeoutAt = message.status() != CheckInStatus.IN_PROGRESS ? null
                : o.monitor().isPingCheck() ? PingRules.startDeadline(o, dateAdded)
                : Deadlines.runTimeout(o.monitor().config(), dateAdded);
        return new CheckIn(message.checkInId(), message.monitor(), message.projectId(), o.environment().name(),
                message.status(), dateAdded, receivedAt, duration, o.environment().nextCheckIn(), timeoutAt);
    }

    /**
     * Sentry's rules for a check-in that exists; null when the message is ignored without error. An
     * in_progress to a check's open run restarts it, as a start with its rid does (§14.2).
     */
    private static CheckIn update(CheckInMessage message, CheckIn existing, Outcome o) {
        CheckInStatus incoming = message.status();
        if (existing.status().isUserTerminal() || existing.status() == CheckInStatus.MISSED) {
            if (incoming == CheckInStatus.IN_PROGRESS) return null; // a start arriving after its end
            throw new Rejection(ProcessingErrorType.CHECKIN_FINISHED);
        }
        Instant receivedAt = message.receivedAt();
        long duration = message.durationMs() != null
                ? message.durationMs()
                : Math.abs(Duration.between(existing.dateAdded(), receivedAt).toMillis());
        if (duration > MAX_DURATION_MS) {
            throw new Rejection(ProcessingErrorType.CHECKIN_INVALID_DURATION, Map.of("duration", Long.toString(duration)));
        }
        if (existing.status() == CheckInStatus.TIMEOUT && incoming != CheckInStatus.IN_PROGRESS) {
            return existing.withStatus(CheckInStatus.TIMEOUT, duration, null, receivedAt);
        }
        Instant timeoutAt = incoming != CheckInStatus.IN_PROGRESS ? null
                : o.monitor().isPingCheck() ? PingRules.startDeadline(o, receivedAt)
                : Deadlines.heartbeatTimeout(o.monitor().config(), existing.dateAdded(), receivedAt);
        return existing.withStatus(incoming, duration, timeoutAt, receivedAt);
    }

    private static ProcessingError processingError(CheckInMessage message, ProcessingErrorType type,
                                                   Map<String, Object> data) {
        if (type.countedPerMinute()) return countedDrop(message, type, data);
        return new ProcessingError(message.messageId(), message.monitor(), type, data, message.checkInId(),
                message.receivedAt());
    }

    /**
     * The error that counts the drops of this message's monitor environment, type and minute; the same
     * for every drop of that minute, whose first sets its data and check-in id.
     */
    public static ProcessingError countedDrop(CheckInMessage message, ProcessingErrorType type,
                                              Map<String, Object> data) {
        Instant minute = message.receivedAt().truncatedTo(ChronoUnit.MINUTES);
        String id = Ids.derive("dropped", message.monitor().toString(), message.environmentOrDefault(), type.name(),
                minute.toString());
        return new ProcessingError(id, message.monitor(), type, data, message.checkInId(), minute);
    }

    /** Sentry's shape: {@code errors} maps each field to its messages; ours adds what became of the check-in. */
    private static Map<String, Object> invalidConfig(FieldError error, String reason) {
        return Map.of("errors", Map.of(error.field(), List.of(error.detail())), "reason", reason);
    }

    /** Drops the message with a processing error; unwinds the decision so nothing else is written. */
    private static final class Rejection extends RuntimeException {
        final ProcessingErrorType type;
        final Map<String, Object> data;

        Rejection(ProcessingErrorType type) {
            this(type, Map.of());
        }

        Rejection(ProcessingErrorType type, Map<String, Object> data) {
            super(type.name(), null, false, false);
            this.type = type;
            this.data = data;
        }

        /** A typo is the usual cause of an unknown slug: the nearest one of the project, if any is close. */
        Rejection withSuggestion(String slug, ProjectSlugs projectSlugs) {
            return Nearest.typoOf(slug, projectSlugs.get())
                    .map(nearest -> new Rejection(type, Map.<String, Object>of("suggestion", nearest)))
                    .orElse(this);
        }
    }
}
