package dev.cronwatch.core.alert;

import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the alert message of an incident transition (docs/spec.md §12.1). */
public final class AlertComposer {
    /**
     * The newest check-ins of the window that are listed: a threshold may be 720, and the whole
     * message, sent in several forms at once, must stay far below SNS's 256 KB.
     */
    public static final int MAX_CHECK_INS = 20;

    private AlertComposer() {
    }

    public static PendingAlert compose(AlertType type, Incident incident, Monitor monitor, MonitorEnvironment env,
                                       List<CheckIn> checkIns, Instant at) {
        String subject = AlertRenderer.subject(type == AlertType.OPENED, monitor.name(), env.name(),
                incident.failureReason());

        Map<String, Object> monitorPart = new LinkedHashMap<>();
        monitorPart.put("slug", monitor.key().slug());
        monitorPart.put("name", monitor.name());
        monitorPart.put("schedule", monitor.config().schedule().wireValue());
        monitorPart.put("timezone", zoneName(monitor.config().zone()));

        List<Map<String, Object>> checkInParts = new ArrayList<>();
        for (CheckIn c : checkIns.subList(Math.max(0, checkIns.size() - MAX_CHECK_INS), checkIns.size())) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("id", c.id());
            part.put("status", c.status().wireName());
            part.put("dateAdded", iso(c.dateAdded()));
            part.put("expectedTime", iso(c.expectedTime()));
            checkInParts.add(part);
        }

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wireName());
        body.put("incidentId", incident.id());
        body.put("organization", monitor.key().organization());
        body.put("project", monitor.projectId());
        body.put("monitor", monitorPart);
        body.put("environment", env.name());
        body.put("reason", incident.reason().wireName());
        body.put("failureReason", incident.failureReason());
        body.put("dateStarted", iso(incident.dateStarted()));
        body.put("dateResolved", iso(incident.dateResolved()));
        body.put("lastSuccessfulCheckIn", iso(env.lastOk()));
        body.put("checkIns", checkInParts);

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("type", type.wireName());
        attributes.put("organization", monitor.key().organization());
        attributes.put("project", monitor.projectId());
        attributes.put("monitor", monitor.key().slug());
        attributes.put("environment", env.name());
        attributes.put("reason", incident.reason().wireName());

        return PendingAlert.of(incident.id(), monitor.key(), type, new AlertMessage(subject, body, attributes), at);
    }

    /** A monitor without a timezone runs in UTC; {@code ZoneOffset.UTC}'s own id, "Z", reads as a typo. */
    static String zoneName(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
