package dev.cronwatch.core.queue;

import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;
import java.util.Map;

/**
 * A validated check-in as it travels on the queue. {@code checkInId} is final (the client already has
 * it); {@code latest} means "the newest run in progress, or a new one with that id".
 * {@code receivedAt} is stamped by the HTTP function and is the only time the rules use.
 * {@code monitorConfig} is as the client sent it (the keys a config has): the processor validates it.
 * {@code ping} is set for a Healthchecks ping only (docs/spec.md §14.1).
 */
public record CheckInMessage(
        String messageId,
        MonitorKey monitor,
        String projectId,
        String checkInId,
        boolean latest,
        CheckInStatus status,
        String environment,
        Long durationMs,
        Map<String, Object> monitorConfig,
        Instant receivedAt,
        PingRequest ping) implements QueueMessage {

    /** A Sentry check-in. */
    public CheckInMessage(String messageId, MonitorKey monitor, String projectId, String checkInId, boolean latest,
                          CheckInStatus status, String environment, Long durationMs, Map<String, Object> monitorConfig,
                          Instant receivedAt) {
        this(messageId, monitor, projectId, checkInId, latest, status, environment, durationMs, monitorConfig,
                receivedAt, null);
    }

    @Override
    public String environmentOrDefault() {
        return environment == null || environment.isEmpty() ? MonitorEnvironment.DEFAULT_NAME : environment;
    }
}
