package dev.cronwatch.core.monitor;

import java.util.List;

/**
 * What a decision about one environment reads first: the monitor and the environment named (each
 * null when not stored yet), and the monitor's other environments, where a check-in id sent to the
 * wrong environment is found.
 */
public record MonitorState(Monitor monitor, MonitorEnvironment environment, List<MonitorEnvironment> others) {
    public MonitorState {
        others = List.copyOf(others);
    }
}
