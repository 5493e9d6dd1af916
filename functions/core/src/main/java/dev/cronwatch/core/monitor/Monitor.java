package dev.cronwatch.core.monitor;

import java.time.Instant;
import java.util.List;

/**
 * A monitor. {@code environments} names its environments (so their number can be limited without a
 * query); {@code version} is the optimistic-lock counter every store write checks (0 = not stored).
 * {@code lastSequence} is set only by a queue message refused before any environment existed to
 * remember it (see {@link MonitorEnvironment#lastSequence()}): the queue applies the monitor's
 * messages in order, so any message at or below it was applied already. {@code ping} is set for a
 * Healthchecks check only (docs/spec.md §14): its ping code and Healthchecks' options.
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
        String lastSequence,
        PingCheck ping,
        long version) {

    public static final int MAX_ENVIRONMENTS = 100;

    public Monitor {
        environments = List.copyOf(environments);
    }

    public Monitor(MonitorKey key, String id, String projectId, String name, MonitorStatus status, boolean muted,
                   MonitorConfig config, Instant dateCreated, List<String> environments, long version) {
        this(key, id, projectId, name, status, muted, config, dateCreated, environments, null, null, version);
    }

    public Monitor(MonitorKey key, String id, String projectId, String name, MonitorStatus status, boolean muted,
                   MonitorConfig config, Instant dateCreated, List<String> environments, String lastSequence,
                   long version) {
        this(key, id, projectId, name, status, muted, config, dateCreated, environments, lastSequence, null, version);
    }

    /** True for a Healthchecks check. */
    public boolean isPingCheck() {
        return ping != null;
    }

    public Monitor withPing(PingCheck newPing) {
        return new Monitor(key, id, projectId, name, status, muted, config, dateCreated, environments, lastSequence, newPing, version);
    }

    public boolean hasApplied(String sequence) {
        return Sequences.covers(lastSequence, sequence);
    }

    public Monitor withApplied(String sequence) {
        if (sequence == null || hasApplied(sequence)) return this;
        return new Monitor(key, id, projectId, name, status, muted, config, dateCreated, environments, sequence, ping, version);
    }

    public Monitor withConfig(MonitorConfig newConfig) {
        return new Monitor(key, id, projectId, name, status, muted, newConfig, dateCreated, environments, lastSequence, ping, version);
    }

    public Monitor withEnvironment(String environment) {
        if (environments.contains(environment)) return this;
        List<String> names = new java.util.ArrayList<>(environments);
        names.add(environment);
        return new Monitor(key, id, projectId, name, status, muted, config, dateCreated, names, lastSequence, ping, version);
    }

    public Monitor withoutEnvironment(String environment) {
        List<String> names = new java.util.ArrayList<>(environments);
        names.remove(environment);
        return new Monitor(key, id, projectId, name, status, muted, config, dateCreated, names, lastSequence, ping, version);
    }

    public Monitor withSettings(String newName, MonitorStatus newStatus, boolean newMuted, MonitorConfig newConfig) {
        return new Monitor(key, id, projectId, newName, newStatus, newMuted, newConfig, dateCreated, environments, lastSequence, ping, version);
    }

    public boolean isDisabled() {
        return status == MonitorStatus.DISABLED;
    }
}
