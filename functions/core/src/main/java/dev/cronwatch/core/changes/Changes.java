package dev.cronwatch.core.changes;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.LoggedPing;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.ProcessingError;
import java.util.List;

/**
 * Everything one decision writes, to be stored all together or not at all. The monitor and the
 * environment carry the version they were read at; the store writes them only if they are still at
 * that version, so a concurrent change makes the whole set fail and the decision is taken again on
 * fresh state. Check-ins, incidents and alerts change only with their environment, so its version
 * guards them too. A Healthchecks ping adds its body ({@code attachment}) and, when it changes no
 * state, its record ({@code loggedPing}).
 */
public record Changes(
        Monitor monitor,
        MonitorEnvironment environment,
        List<CheckIn> checkIns,
        List<Incident> incidents,
        ProcessingError processingError,
        List<PendingAlert> alerts,
        Attachment attachment,
        LoggedPing loggedPing) {

    public Changes {
        checkIns = List.copyOf(checkIns);
        incidents = List.copyOf(incidents);
        alerts = List.copyOf(alerts);
    }

    public Changes(Monitor monitor, MonitorEnvironment environment, List<CheckIn> checkIns, List<Incident> incidents,
                   ProcessingError processingError, List<PendingAlert> alerts) {
        this(monitor, environment, checkIns, incidents, processingError, alerts, null, null);
    }

    public static Changes of(Monitor monitor) {
        return new Changes(monitor, null, List.of(), List.of(), null, List.of());
    }

    public static Changes of(MonitorEnvironment environment) {
        return new Changes(null, environment, List.of(), List.of(), null, List.of());
    }

    public static Changes rejected(ProcessingError error) {
        return new Changes(null, null, List.of(), List.of(), error, List.of());
    }

    /** A check-in dropped: its processing error is all it writes. */
    public boolean isRejection() {
        return processingError != null && monitor == null && environment == null;
    }

    public boolean isEmpty() {
        return monitor == null && environment == null && checkIns.isEmpty() && incidents.isEmpty()
                && processingError == null && alerts.isEmpty() && attachment == null && loggedPing == null;
    }

    public Changes withEnvironment(MonitorEnvironment updated) {
        return new Changes(monitor, updated, checkIns, incidents, processingError, alerts, attachment, loggedPing);
    }

    public Changes withMonitor(Monitor updated) {
        return new Changes(updated, environment, checkIns, incidents, processingError, alerts, attachment, loggedPing);
    }

    /** A check-in applied that still has something to tell its user ({@code MONITOR_INVALID_CONFIG}). */
    public Changes withProcessingError(ProcessingError error) {
        return new Changes(monitor, environment, checkIns, incidents, error, alerts, attachment, loggedPing);
    }

    /** A Healthchecks ping's body and, for a ping that changes nothing, its record. */
    public Changes withPing(Attachment body, LoggedPing logged) {
        return new Changes(monitor, environment, checkIns, incidents, processingError, alerts, body, logged);
    }

    public Changes withAlerts(List<PendingAlert> updated) {
        return new Changes(monitor, environment, checkIns, incidents, processingError, updated, attachment, loggedPing);
    }
}
