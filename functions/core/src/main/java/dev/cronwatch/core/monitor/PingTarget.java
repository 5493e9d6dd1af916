package dev.cronwatch.core.monitor;

/** The monitor a Healthchecks ping code names, and its project (the code's index entry). */
public record PingTarget(String pingCode, MonitorKey monitor, String projectId) {
}
