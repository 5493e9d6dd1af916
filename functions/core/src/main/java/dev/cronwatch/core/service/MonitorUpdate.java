package dev.cronwatch.core.service;

import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorStatus;

/** A management API change to a monitor; null fields stay as they are. */
public record MonitorUpdate(String name, MonitorStatus status, Boolean muted, MonitorConfig config) {
}
