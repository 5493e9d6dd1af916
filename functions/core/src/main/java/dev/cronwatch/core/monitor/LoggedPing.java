package dev.cronwatch.core.monitor;

import java.time.Instant;

/**
 * A Healthchecks ping that changes no state (a log ping, or one the check's settings set aside), kept
 * for the check's ping log. Its body, if any, is its attachment under {@code id}.
 */
public record LoggedPing(MonitorKey monitor, String environment, String id, Instant receivedAt, Ping ping) {
}
