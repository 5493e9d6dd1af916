package dev.cronwatch.core.healthchecks;

import dev.cronwatch.core.monitor.Ping;
import java.time.Instant;

/**
 * One line of a check's ping log as Healthchecks' API lists it.
 *
 * @param type       Healthchecks' kind: {@code success}, {@code start}, {@code fail}, {@code log} or {@code ign}
 * @param n          the ping's number among the check's pings
 * @param ping       who sent it and how; null for a Sentry check-in to the check
 * @param durationMs for a success or fail that ended a run, the run's length; else null
 * @param bodyId     the attachment id its body is kept under; null when it came without one
 */
public record PingLogEntry(String type, Instant date, long n, Ping ping, Long durationMs, String bodyId) {
}
