package dev.cronwatch.core.alert;

import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
        AlertBody.MonitorPart monitorPart = new AlertBody.MonitorPart(monitor.key().slug(), monitor.name(),
                monitor.config().schedule().wireValue(), zoneName(monitor.config().zone()));
        List<AlertBody.CheckInPart> listed = checkIns.subList(Math.max(0, checkIns.size() - MAX_CHECK_INS), checkIns.size())
                .stream().map(c -> new AlertBody.CheckInPart(c.id(), c.status().wireName(), c.dateAdded(), c.expectedTime()))
                .toList();
        AlertBody body = new AlertBody(type, incident.id(), monitor.key().organization(), monitor.projectId(), monitorPart,
                env.name(), incident.reason().wireName(), incident.failureReason(), incident.dateStarted(),
                incident.dateResolved(), env.lastOk(), listed, false);

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("type", type.wireName());
        attributes.put("organization", monitor.key().organization());
        attributes.put("project", monitor.projectId());
        attributes.put("monitor", monitor.key().slug());
        attributes.put("environment", env.name());
        attributes.put("reason", incident.reason().wireName());

        return PendingAlert.of(incident.id(), monitor.key(), type, new AlertMessage(body, attributes), at);
    }

    /** A monitor without a timezone runs in UTC; {@code ZoneOffset.UTC}'s own id, "Z", reads as a typo. */
    public static String zoneName(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }
}
