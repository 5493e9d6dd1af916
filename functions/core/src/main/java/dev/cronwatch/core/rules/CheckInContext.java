package dev.cronwatch.core.rules;

import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;

/**
 * What the processor reads before applying a check-in: the monitor, the environment named and the
 * check-in with the message's id wherever it lives. Each may be null (not stored yet).
 */
public record CheckInContext(Monitor monitor, MonitorEnvironment environment, CheckIn checkInById) {
}
