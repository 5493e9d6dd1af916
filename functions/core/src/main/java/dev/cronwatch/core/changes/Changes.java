package dev.cronwatch.core.changes;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CountedCreate;
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
 * guards them too. A monitor created carries its part in its organization's counter ({@code monitorCount}),
 * added in the same commit under the organization's limits; the store refuses a new monitor without it. A
 * Healthchecks ping adds its body ({@code attachment}) and, when it changes no state, its record
 * ({@code loggedPing}).
 */
public record Changes(
        Monitor monitor,
        MonitorEnvironment environment,
        List<CheckIn> checkIns,
        List<Incident> incidents,
        ProcessingError processingError,
        List<PendingAlert> alerts,
        CountedCreate monitorCount,
        Attachment attachment,
        LoggedPing loggedPing) {

    public Changes {
        checkIns = List.copyOf(checkIns);
        incidents = List.copyOf(incidents);
        alerts = List.copyOf(alerts);
    }

    /** Writes that create no monitor and carry no ping. */
    public Changes(Monitor monitor, MonitorEnvironment environment, List<CheckIn> checkIns, List<Incident> incidents,
                   ProcessingError processingError, List<PendingAlert> alerts) {
        this(monitor, environment, checkIns, incidents, processingError, alerts, null, null, null);
    }

    /** A new monitor, counted in its organization's counter. */
    public static Changes created(Monitor monitor, CountedCreate counted) {
        return of(monitor).withMonitorCount(counted);
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
        return new Changes(monitor, updated, checkIns, incidents, processingError, alerts, monitorCount, attachment,
                loggedPing);
    }

    public Changes withMonitor(Monitor updated) {
        return new Changes(updated, environment, checkIns, incidents, processingError, alerts, monitorCount, attachment,
                loggedPing);
    }

    /** A check-in applied that still has something to tell its user ({@code MONITOR_INVALID_CONFIG}). */
    public Changes withProcessingError(ProcessingError error) {
        return new Changes(monitor, environment, checkIns, incidents, error, alerts, monitorCount, attachment,
                loggedPing);
    }

    /** A Healthchecks ping's body and, for a ping that changes nothing, its record. */
    public Changes withPing(Attachment body, LoggedPing logged) {
        return new Changes(monitor, environment, checkIns, incidents, processingError, alerts, monitorCount, body,
                logged);
    }

    public Changes withAlerts(List<PendingAlert> updated) {
        return new Changes(monitor, environment, checkIns, incidents, processingError, updated, monitorCount,
                attachment, loggedPing);
    }

    /** This commit's new monitor, counted in its organization's counter. */
    public Changes withMonitorCount(CountedCreate counted) {
        return new Changes(monitor, environment, checkIns, incidents, processingError, alerts, counted, attachment,
                loggedPing);
    }
}
