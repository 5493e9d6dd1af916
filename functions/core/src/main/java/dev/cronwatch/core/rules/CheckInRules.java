package dev.cronwatch.core.rules;

import dev.cronwatch.core.ingest.CheckInMessage;
import dev.cronwatch.core.monitor.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import dev.cronwatch.core.validation.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Applies one check-in message to its monitor's state (Sentry's {@code _process_checkin}, §3):
 * upsert, environment, rate limit, create or update the check-in, then mark ok or failed.
 * Every time it uses is the message's receive time.
 */
public final class CheckInRules {
    private static final long MAX_DURATION_MS = Integer.MAX_VALUE;
    private static final MonitorConfigParser UPSERT_CONFIG = new MonitorConfigParser("monitor_config.");

    private final int rateLimitPerMinute;

    public CheckInRules(int rateLimitPerMinute) {
        if (rateLimitPerMinute < 1) throw new IllegalArgumentException("rate limit must be at least 1");
        this.rateLimitPerMinute = rateLimitPerMinute;
    }

    public CheckInDecision apply(CheckInMessage message, CheckInContext context) {
        MonitorEnvironment storedEnv = context.environment();
        if (storedEnv != null && storedEnv.hasApplied(message.messageId())) return CheckInDecision.DUPLICATE;
        try {
            return CheckInDecision.apply(decide(message, context));
        } catch (Rejection rejection) {
            ProcessingError error = new ProcessingError(message.messageId(), message.monitor(), rejection.type,
                    rejection.data, message.checkInId(), message.receivedAt());
            // Remembered like an applied message, so a redelivery is refused the same way even if it
            // would pass now (a rate limit whose minute has gone by, say).
            MonitorEnvironment remembered = storedEnv == null ? null : storedEnv.withApplied(message.messageId());
            return CheckInDecision.apply(new Changes(null, remembered, List.of(), List.of(), error, List.of(),
                    message.monitor(), message.receivedAt()));
        }
    }

    private Changes decide(CheckInMessage message, CheckInContext context) {
        Instant receivedAt = message.receivedAt();
        Monitor monitor = upsert(message, context.monitor());
        boolean monitorChanged = monitor != context.monitor();
        if (monitor.status() == MonitorStatus.DISABLED) throw new Rejection(ProcessingErrorType.MONITOR_DISABLED);

        String envName = message.environmentOrDefault();
        MonitorEnvironment env = context.environment();
        if (env == null) {
            if (monitor.environments().size() >= Monitor.MAX_ENVIRONMENTS && !monitor.environments().contains(envName)) {
                throw new Rejection(ProcessingErrorType.MONITOR_ENVIRONMENT_LIMIT_EXCEEDED, Map.of("reason",
                        "You may not exceed " + Monitor.MAX_ENVIRONMENTS + " environments per monitor"));
            }
            env = MonitorEnvironment.create(monitor.key(), envName, receivedAt);
            if (!monitor.environments().contains(envName)) {
                monitor = monitor.withEnvironment(envName);
                monitorChanged = true;
            }
        }
        env = countAgainstRateLimit(env, receivedAt);

        Transition t = new Transition(monitor, env.withApplied(message.messageId()), monitorChanged);
        CheckIn existing = findExisting(message, context, t.environment());
        CheckIn result = existing == null ? create(message, t) : update(message, existing, monitor.config());
        if (result != null) {
            t.checkIn(result);
            if (result.status() == CheckInStatus.ERROR) {
                IncidentRules.markFailed(t, result, receivedAt);
            } else {
                IncidentRules.markOk(t, result, receivedAt);
            }
        }
        return t.changes(message.monitor(), receivedAt);
    }

    private Monitor upsert(CheckInMessage message, Monitor stored) {
        Map<String, Object> wireConfig = message.monitorConfig();
        if (stored != null && !stored.projectId().equals(message.projectId())) {
            // The slug is taken by another project of the organization: this DSN cannot reach it.
            throw new Rejection(ProcessingErrorType.MONITOR_NOT_FOUND);
        }
        if (wireConfig == null) {
            if (stored == null) throw new Rejection(ProcessingErrorType.MONITOR_NOT_FOUND);
            return stored;
        }
        MonitorConfig config;
        try {
            config = UPSERT_CONFIG.merge(stored == null ? null : stored.config(), wireConfig);
        } catch (FieldError invalid) {
            // The HTTP edge validated this config; it can only fail here if the rules changed since.
            if (stored != null) return stored;
            throw new Rejection(ProcessingErrorType.MONITOR_INVALID_CONFIG,
                    Map.of("errors", Map.of(invalid.field(), List.of(invalid.detail()))));
        }
        if (stored == null) {
            return new Monitor(message.monitor(), Ids.derive("monitor", message.monitor().toString(), message.messageId()),
                    message.projectId(), message.monitor().slug(), MonitorStatus.ACTIVE, false, config,
                    message.receivedAt(), List.of(), 0);
        }
        return config.equals(stored.config()) ? stored : stored.withConfig(config);
    }

    private MonitorEnvironment countAgainstRateLimit(MonitorEnvironment env, Instant receivedAt) {
        Instant minute = receivedAt.truncatedTo(ChronoUnit.MINUTES);
        int count = minute.equals(env.rateMinute()) ? env.rateCount() : 0;
        if (count >= rateLimitPerMinute) throw new Rejection(ProcessingErrorType.MONITOR_ENVIRONMENT_RATELIMITED);
        return env.withRate(minute, count + 1);
    }

    private CheckIn findExisting(CheckInMessage message, CheckInContext context, MonitorEnvironment env) {
        if (message.latest()) return env.latestInProgress().orElse(null);
        CheckIn found = env.find(message.checkInId()).orElse(context.checkInById());
        if (found != null && !found.belongsTo(message.monitor(), env.name())) {
            throw new Rejection(ProcessingErrorType.CHECKIN_ENVIRONMENT_MISMATCH,
                    Map.of("existingEnvironment", found.environment()));
        }
        return found;
    }

    private CheckIn create(CheckInMessage message, Transition t) {
        Instant receivedAt = message.receivedAt();
        Long duration = message.durationMs();
        Instant dateAdded = duration == null ? receivedAt : receivedAt.minusMillis(duration);
        Instant timeoutAt = message.status() == CheckInStatus.IN_PROGRESS
                ? dateAdded.truncatedTo(ChronoUnit.MINUTES).plus(t.monitor().config().runtimeLimit())
                : null;
        return new CheckIn(message.checkInId(), message.monitor(), message.projectId(), t.environment().name(),
                message.status(), dateAdded, receivedAt, duration, t.environment().nextCheckIn(), timeoutAt);
    }

    /** Sentry §3.4; null when the message is ignored without error (a start arriving after its end). */
    private CheckIn update(CheckInMessage message, CheckIn existing, MonitorConfig config) {
        CheckInStatus incoming = message.status();
        if (existing.status().isUserTerminal() || existing.status() == CheckInStatus.MISSED) {
            if (incoming == CheckInStatus.IN_PROGRESS) return null;
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
        Instant timeoutAt = null;
        if (incoming == CheckInStatus.IN_PROGRESS) {
            Instant byHeartbeat = receivedAt.truncatedTo(ChronoUnit.MINUTES).plus(config.runtimeLimit());
            Instant cap = existing.dateAdded().truncatedTo(ChronoUnit.MINUTES)
                    .plus(Duration.ofMinutes(MonitorConfig.MAX_MINUTES));
            timeoutAt = byHeartbeat.isBefore(cap) ? byHeartbeat : cap;
        }
        return existing.withStatus(incoming, duration, timeoutAt, receivedAt);
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
    }
}
