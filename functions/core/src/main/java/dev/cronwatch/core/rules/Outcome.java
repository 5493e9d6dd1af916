package dev.cronwatch.core.rules;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A decision in progress, as a value: the state it has reached and what it has produced so far.
 * Each rule takes one and returns the next; {@link #toChanges} is the set of writes it comes to.
 */
public record Outcome(
        Monitor monitor,
        boolean monitorChanged,
        MonitorEnvironment environment,
        List<CheckIn> checkIns,
        List<Incident> incidents,
        List<PendingAlert> alerts) {

    public Outcome {
        checkIns = List.copyOf(checkIns);
        incidents = List.copyOf(incidents);
        alerts = List.copyOf(alerts);
    }

    public static Outcome of(Monitor monitor, MonitorEnvironment environment, boolean monitorChanged) {
        return new Outcome(monitor, monitorChanged, environment, List.of(), List.of(), List.of());
    }

    public Outcome withEnvironment(MonitorEnvironment updated) {
        return new Outcome(monitor, monitorChanged, updated, checkIns, incidents, alerts);
    }

    /** Records a check-in's new state, here and in the environment's recent runs. */
    public Outcome withCheckIn(CheckIn checkIn) {
        return new Outcome(monitor, monitorChanged,
                environment.withCheckIn(checkIn, Thresholds.historyNeeded(monitor.config())),
                replacing(checkIns, checkIn, CheckIn::id), incidents, alerts);
    }

    public Outcome withIncident(Incident incident) {
        return new Outcome(monitor, monitorChanged, environment, checkIns,
                replacing(incidents, incident, Incident::id), alerts);
    }

    public Outcome withAlert(PendingAlert alert) {
        List<PendingAlert> more = new ArrayList<>(alerts);
        more.add(alert);
        return new Outcome(monitor, monitorChanged, environment, checkIns, incidents, more);
    }

    public Changes toChanges() {
        return new Changes(monitorChanged ? monitor : null, environment, checkIns, incidents, null, alerts);
    }

    /** The list with {@code item} in place of the entry with its id, or added at the end. */
    private static <T> List<T> replacing(List<T> list, T item, Function<T, String> id) {
        List<T> copy = new ArrayList<>();
        boolean replaced = false;
        for (T existing : list) {
            boolean same = id.apply(existing).equals(id.apply(item));
            copy.add(same ? item : existing);
            replaced |= same;
        }
        if (!replaced) copy.add(item);
        return copy;
    }
}
