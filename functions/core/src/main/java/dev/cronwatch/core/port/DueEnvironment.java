package dev.cronwatch.core.port;

import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.QueueProgress;

/** An environment whose deadline has come, with what the clock needs to judge it. */
public record DueEnvironment(Monitor monitor, MonitorEnvironment environment, QueueProgress progress) {
}
