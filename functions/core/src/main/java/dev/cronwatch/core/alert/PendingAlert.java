package dev.cronwatch.core.alert;

import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;

/**
 * An alert written in the same transaction as the incident transition it reports (an outbox entry).
 * Its id, incident id plus type, is what makes a publish safe to repeat. {@code attempts} counts the
 * publishes that failed; {@code nextAttemptAt} is when a sweep may take it: a new alert is held by
 * the worker that made it until then, a failed one waits out its backoff.
 */
public record PendingAlert(
        String id,
        String incidentId,
        MonitorKey monitor,
        AlertType type,
        AlertMessage message,
        Instant createdAt,
        int attempts,
        Instant nextAttemptAt) {

    public static PendingAlert of(String incidentId, MonitorKey monitor, AlertType type, AlertMessage message,
                                  Instant createdAt) {
        return new PendingAlert(idOf(incidentId, type), incidentId, monitor, type, message, createdAt, 0, createdAt);
    }

    public static String idOf(String incidentId, AlertType type) {
        return incidentId + ":" + type.wireName();
    }

    /** The alert that must have gone out before this one: an incident's opening before its resolution. */
    public String predecessorId() {
        return type == AlertType.RESOLVED ? idOf(incidentId, AlertType.OPENED) : null;
    }

    public PendingAlert heldUntil(Instant at) {
        return new PendingAlert(id, incidentId, monitor, type, message, createdAt, attempts, at);
    }

    public PendingAlert failedOnce(Instant retryAt) {
        return new PendingAlert(id, incidentId, monitor, type, message, createdAt, attempts + 1, retryAt);
    }
}
