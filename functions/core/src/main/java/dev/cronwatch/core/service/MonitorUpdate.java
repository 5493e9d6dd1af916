package dev.cronwatch.core.service;

import dev.cronwatch.core.monitor.ConfigPatch;
import dev.cronwatch.core.monitor.MonitorStatus;

/** A management API change to a monitor; null fields stay as they are, and so do config keys not sent. */
public record MonitorUpdate(String name, MonitorStatus status, Boolean muted, ConfigPatch config) {
}
