package dev.cronwatch.core.rules;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state one decision works on and the writes it has made so far. Rules change it step by step;
 * {@link #changes} turns it into the set of writes to store atomically.
 */
public final class Transition {
    private Monitor monitor;
    private final boolean monitorChangedAtStart;
    private boolean monitorChanged;
    private MonitorEnvironment environment;
    private final Map<String, CheckIn> checkIns = new LinkedHashMap<>();
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final List<PendingAlert> alerts = new ArrayList<>();

    public Transition(Monitor monitor, MonitorEnvironment environment, boolean monitorChanged) {
        this.monitor = monitor;
        this.environment = environment;
        this.monitorChangedAtStart = monitorChanged;
        this.monitorChanged = monitorChanged;
    }

    public Monitor monitor() {
        return monitor;
    }

    public MonitorEnvironment environment() {
        return environment;
    }

    public void environment(MonitorEnvironment updated) {
        this.environment = updated;
    }

    public void monitor(Monitor updated) {
        this.monitor = updated;
        this.monitorChanged = true;
    }

    /** Stores the check-in and keeps the environment's recent list in step with it. */
    public void checkIn(CheckIn checkIn) {
        checkIns.put(checkIn.id(), checkIn);
        environment = environment.withCheckIn(checkIn, Thresholds.historyNeeded(monitor.config()));
    }

    public void incident(Incident incident) {
        incidents.put(incident.id(), incident);
    }

    public void alert(PendingAlert alert) {
        alerts.add(alert);
    }

    public List<PendingAlert> alerts() {
        return List.copyOf(alerts);
    }

    public Changes changes(MonitorKey appliedFor, Instant appliedAt) {
        return new Changes(monitorChanged || monitorChangedAtStart ? monitor : null, environment,
                new ArrayList<>(checkIns.values()), new ArrayList<>(incidents.values()), null, alerts,
                appliedFor, appliedAt);
    }
}
