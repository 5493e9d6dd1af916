package dev.cronwatch.core.service;

import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import java.util.List;

/** Told by the processor when a committed message changed a monitor's badge state (rare: not per check-in). */
@FunctionalInterface
public interface BadgeStateListener {
    BadgeStateListener NONE = (monitor, environments) -> { };

    void changed(Monitor monitor, List<MonitorEnvironment> environments);
}
