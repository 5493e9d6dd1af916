package dev.cronwatch.core.monitor;

import java.time.Instant;
import java.util.List;

/**
 * A monitor. {@code environments} names its environments (so their number can be limited without a
 * query); {@code version} is the optimistic-lock counter every store write checks (0 = not stored).
 * {@code lastSequence} is set only by a queue message refused before any environment existed to
 * remember it (see {@link MonitorEnvironment#lastSequence()}): the queue applies the monitor's
 * messages in order, so any message at or below it was applied already. {@code pendingReschedule} is
 * a settings change whose environments may not all have been rescheduled yet (docs/spec.md §8.4).
 * {@code ping} is set for a Healthchecks check only (docs/spec.md §14): its ping code and
 * Healthchecks' options. {@code ordinal} is its place among its organization's monitors when it was
 * created (the count before it, plus one): the clock reads a minute's deadlines in this order, so an
 * organization's first monitors come before another's thousandth (docs/spec.md §8.2); 0 for a
 * monitor made before monitors had one.
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
        PendingReschedule pendingReschedule,
        PingCheck ping,
        long ordinal,
        long version) {

    public static final int MAX_ENVIRONMENTS = 100;

    /**
     * The settings a change replaced, and when it was made: written with the change, in the monitor's
     * one write, and cleared once every environment's deadlines follow the new settings.
     */
    public record PendingReschedule(MonitorStatus statusBefore, MonitorConfig configBefore, Instant at) {
    }

    public Monitor {
        environments = List.copyOf(environments);
    }

    public Monitor(MonitorKey key, String id, String projectId, String name, MonitorStatus status, boolean muted,
                   MonitorConfig config, Instant dateCreated, List<String> environments, long version) {
        this(key, id, projectId, name, status, muted, config, dateCreated, environments, null, null, null, 0, version);
    }

    /** True for a Healthchecks check. */
    public boolean isPingCheck() {
        return ping != null;
    }

    /** The monitor as the {@code ordinal}-th of its organization's: its create counts the monitors before it. */
    public Monitor withOrdinal(long newOrdinal) {
        return new Monitor(key, id, projectId, name, status, muted, config, dateCreated, environments, lastSequence,
                pendingReschedule, ping, newOrdinal, version);
    }

    public Monitor withPing(PingCheck newPing) {
        return new Monitor(key, id, projectId, name, status, muted, config, dateCreated, environments, lastSequence,
                pendingReschedule, newPing, ordinal, version);
    }

    public boolean hasApplied(String sequence) {
        return Sequences.covers(lastSequence, sequence);
    }

    public Monitor withApplied(String sequence) {
        if (sequence == null || hasApplied(sequence)) return this;
        return new Monitor(key, id, projectId, name, status, muted, config, dateCreated, environments, sequence,
                pendingReschedule, ping, ordinal, version);
    }

    public Monitor withConfig(MonitorConfig newConfig) {
        return new Monitor(key, id, projectId, name, status, muted, newConfig, dateCreated, environments, lastSequence,
                pendingReschedule, ping, ordinal, version);
    }

    public Monitor withEnvironment(String environment) {
        if (environments.contains(environment)) return this;
        List<String> names = new java.util.ArrayList<>(environments);
        names.add(environment);
        return new Monitor(key, id, projectId, name, status, muted, config, dateCreated, names, lastSequence,
                pendingReschedule, ping, ordinal, version);
    }

    public Monitor withoutEnvironment(String environment) {
        List<String> names = new java.util.ArrayList<>(environments);
        names.remove(environment);
        return new Monitor(key, id, projectId, name, status, muted, config, dateCreated, names, lastSequence,
                pendingReschedule, ping, ordinal, version);
    }

    public Monitor withSettings(String newName, MonitorStatus newStatus, boolean newMuted, MonitorConfig newConfig) {
        return new Monitor(key, id, projectId, newName, newStatus, newMuted, newConfig, dateCreated, environments,
                lastSequence, pendingReschedule, ping, ordinal, version);
    }

    public Monitor withPendingReschedule(PendingReschedule pending) {
        return new Monitor(key, id, projectId, name, status, muted, config, dateCreated, environments, lastSequence,
                pending, ping, ordinal, version);
    }

    /** The monitor as it was before its pending change: the settings the environments not yet rescheduled follow. */
    public Monitor beforePendingChange() {
        return pendingReschedule == null ? this
                : withSettings(name, pendingReschedule.statusBefore(), muted, pendingReschedule.configBefore());
    }

    public boolean isDisabled() {
        return status == MonitorStatus.DISABLED;
    }
}
