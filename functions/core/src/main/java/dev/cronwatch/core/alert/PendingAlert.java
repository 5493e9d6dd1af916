package dev.cronwatch.core.alert;

import java.time.Instant;

/**
 * An alert written in the same transaction as the incident transition it reports (an outbox entry).
 * Its id, incident id plus type, is what makes a publish safe to repeat.
 */
public record PendingAlert(String id, String incidentId, AlertType type, AlertMessage message, Instant createdAt) {
    public static PendingAlert of(String incidentId, AlertType type, AlertMessage message, Instant createdAt) {
        return new PendingAlert(incidentId + ":" + type.wireName(), incidentId, type, message, createdAt);
    }
}
