package dev.cronwatch.core.service;

import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import java.util.List;

/** A monitor with its environments, as the management API shows it. */
public record MonitorView(Monitor monitor, List<MonitorEnvironment> environments) {
}
