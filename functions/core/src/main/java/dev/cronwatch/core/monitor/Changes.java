package dev.cronwatch.core.monitor;

import dev.cronwatch.core.alert.PendingAlert;
import java.time.Instant;
import java.util.List;

/**
 * Everything one decision writes, to be stored all together or not at all. The monitor and the
 * environment carry the version they were read at; the store writes them only if they are still at
 * that version, so a concurrent change makes the whole set fail and the decision is taken again on
 * fresh state. Check-ins, incidents and alerts change only with their environment, so its version
 * guards them too.
 */
public record Changes(
        Monitor monitor,
        MonitorEnvironment environment,
        List<CheckIn> checkIns,
        List<Incident> incidents,
        ProcessingError processingError,
        List<PendingAlert> alerts,
        MonitorKey appliedFor,
        Instant appliedAt) {

    public Changes {
        checkIns = List.copyOf(checkIns);
        incidents = List.copyOf(incidents);
        alerts = List.copyOf(alerts);
    }

    public boolean isEmpty() {
        return monitor == null && environment == null && checkIns.isEmpty() && incidents.isEmpty()
                && processingError == null && alerts.isEmpty() && appliedFor == null;
    }
}
