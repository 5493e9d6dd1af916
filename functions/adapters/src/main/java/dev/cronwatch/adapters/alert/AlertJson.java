package dev.cronwatch.adapters.alert;

import dev.cronwatch.core.alert.AlertBody;
import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.TestAlerts;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert's body as the JSON of docs/spec.md §12.1, a tree of maps and lists in the spec's field
 * order, and back. The outbox stores this form, so {@link #fromMap} reads any body stored since the
 * outbox began, and tolerates one with fields missing (each reads as null, a missing type as opened).
 */
public final class AlertJson {
    private AlertJson() {
    }

    public static Map<String, Object> toMap(AlertBody body) {
        AlertBody.MonitorPart m = body.monitor();
        Map<String, Object> monitor = new LinkedHashMap<>();
        monitor.put("slug", m.slug());
        monitor.put("name", m.name());
        monitor.put("schedule", m.schedule());
        monitor.put("timezone", m.timezone());

        List<Map<String, Object>> checkIns = new ArrayList<>();
        for (AlertBody.CheckInPart c : body.checkIns()) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("id", c.id());
            part.put("status", c.status());
            part.put("dateAdded", iso(c.dateAdded()));
            part.put("expectedTime", iso(c.expectedTime()));
            checkIns.add(part);
        }

        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", body.type().wireName());
        map.put("incidentId", body.incidentId());
        map.put("organization", body.organization());
        map.put("project", body.project());
        map.put("monitor", monitor);
        map.put("environment", body.environment());
        map.put("reason", body.reason());
        map.put("failureReason", body.failureReason());
        map.put("dateStarted", iso(body.dateStarted()));
        map.put("dateResolved", iso(body.dateResolved()));
        map.put("lastSuccessfulCheckIn", iso(body.lastSuccessfulCheckIn()));
        map.put("checkIns", checkIns);
        if (body.test()) map.put(TestAlerts.MARKER, true);
        return map;
    }

    public static AlertBody fromMap(Map<?, ?> map) {
        Map<?, ?> m = map.get("monitor") instanceof Map<?, ?> monitor ? monitor : Map.of();
        AlertBody.MonitorPart monitor = new AlertBody.MonitorPart(str(m.get("slug")), str(m.get("name")),
                m.get("schedule"), str(m.get("timezone")));
        List<AlertBody.CheckInPart> checkIns = new ArrayList<>();
        if (map.get("checkIns") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> c) {
                    checkIns.add(new AlertBody.CheckInPart(str(c.get("id")), str(c.get("status")),
                            instant(c.get("dateAdded")), instant(c.get("expectedTime"))));
                }
            }
        }
        AlertType type = AlertType.RESOLVED.wireName().equals(map.get("type")) ? AlertType.RESOLVED : AlertType.OPENED;
        return new AlertBody(type, str(map.get("incidentId")), str(map.get("organization")), str(map.get("project")),
                monitor, str(map.get("environment")), str(map.get("reason")), str(map.get("failureReason")),
                instant(map.get("dateStarted")), instant(map.get("dateResolved")),
                instant(map.get("lastSuccessfulCheckIn")), checkIns, Boolean.TRUE.equals(map.get(TestAlerts.MARKER)));
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    private static Instant instant(Object value) {
        if (value == null) return null;
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
