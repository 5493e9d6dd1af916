package dev.cronwatch.core.monitor;

import java.time.Instant;
import java.util.List;

/**
 * A monitor. {@code environments} names its environments (so their number can be limited without a
 * query); {@code version} is the optimistic-lock counter every store write checks (0 = not stored).
 */
public record Monitor(
        MonitorKey key,
        String id,
        String projectId,
        String name,
        MonitorStatus status,
        boolean muted,
        MonitorConfig config,
        Instant dateCreated,
        List<String> environments,
        long version) {

    public static final int MAX_ENVIRONMENTS = 100;

    public Monitor {
        environments = List.copyOf(environments);
    }

    public Monitor withConfig(MonitorConfig newConfig) {
        return new Monitor(key, id, projectId, name, status, muted, newConfig, dateCreated, environments, version);
    }

    public Monitor withEnvironment(String environment) {
        if (environments.contains(environment)) return this;
        List<String> names = new java.util.ArrayList<>(environments);
        names.add(environment);
        return new Monitor(key, id, projectId, name, status, muted, config, dateCreated, names, version);
    }

    public Monitor withoutEnvironment(String environment) {
        List<String> names = new java.util.ArrayList<>(environments);
        names.remove(environment);
        return new Monitor(key, id, projectId, name, status, muted, config, dateCreated, names, version);
    }

    public Monitor withSettings(String newName, MonitorStatus newStatus, boolean newMuted, MonitorConfig newConfig) {
        return new Monitor(key, id, projectId, newName, newStatus, newMuted, newConfig, dateCreated, environments, version);
    }

    public boolean isDisabled() {
        return status == MonitorStatus.DISABLED;
    }
}
