package dev.cronwatch.core.ingest;

import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;
import java.util.Map;

/**
 * A validated check-in as it travels on the queue. {@code checkInId} is final (the client already has
 * it); {@code latest} means "the newest run in progress, or a new one with that id".
 * {@code receivedAt} is stamped by the HTTP function and is the only time the rules use.
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
        Instant receivedAt) {

    public String environmentOrDefault() {
        return environment == null || environment.isEmpty()
                ? dev.cronwatch.core.monitor.MonitorEnvironment.DEFAULT_NAME : environment;
    }
}
