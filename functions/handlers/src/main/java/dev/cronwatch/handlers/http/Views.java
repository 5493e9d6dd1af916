package dev.cronwatch.handlers.http;

import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.service.MonitorView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The management API's JSON, field for field as SPEC (and Sentry's monitor API) names them. */
final class Views {
    private Views() {
    }

    static Map<String, Object> monitor(MonitorView view) {
        Monitor m = view.monitor();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id());
        json.put("slug", m.key().slug());
        json.put("name", m.name());
        json.put("status", m.status().wireName());
        json.put("isMuted", m.muted());
        json.put("project", m.projectId());
        json.put("dateCreated", time(m.dateCreated()));
        json.put("config", m.config().toWire());
        json.put("environments", view.environments().stream().map(e -> environment(e, m.muted())).toList());
        return json;
    }

    private static Map<String, Object> environment(MonitorEnvironment e, boolean muted) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", e.name());
        json.put("status", e.status().wireName());
        json.put("isMuted", muted);
        json.put("dateCreated", time(e.dateCreated()));
        json.put("lastCheckIn", time(e.lastCheckIn()));
        json.put("nextCheckIn", time(e.nextCheckIn()));
        json.put("nextCheckInLatest", time(e.nextCheckInLatest()));
        Incident incident = e.activeIncident();
        if (incident == null) {
            json.put("activeIncident", null);
        } else {
            Map<String, Object> active = new LinkedHashMap<>();
            active.put("id", incident.id());
            active.put("dateStarted", time(incident.dateStarted()));
            json.put("activeIncident", active);
        }
        return json;
    }

    static Map<String, Object> checkIn(CheckIn c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id());
        json.put("environment", c.environment());
        json.put("status", c.status().wireName());
        json.put("duration", c.durationMs());
        json.put("dateAdded", time(c.dateAdded()));
        json.put("dateUpdated", time(c.dateUpdated()));
        json.put("expectedTime", time(c.expectedTime()));
        json.put("timeoutAt", time(c.timeoutAt()));
        return json;
    }

    static Map<String, Object> incident(Incident i) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", i.id());
        json.put("environment", i.environment());
        json.put("dateStarted", time(i.dateStarted()));
        json.put("dateResolved", time(i.dateResolved()));
        json.put("reason", i.reason().wireName());
        json.put("failureReason", i.failureReason());
        json.put("startingCheckIn", i.startingCheckIn());
        json.put("resolvingCheckIn", i.resolvingCheckIn());
        return json;
    }

    static Map<String, Object> processingError(ProcessingError e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id());
        json.put("type", e.type().code());
        json.put("name", e.type().name());
        json.put("monitor", e.monitor().slug());
        json.put("checkInId", e.checkInId());
        json.put("data", e.data());
        json.put("dateAdded", time(e.receivedAt()));
        return json;
    }

    static <T> List<Map<String, Object>> all(List<T> items, java.util.function.Function<T, Map<String, Object>> view) {
        return items.stream().map(view).toList();
    }

    /** ISO-8601 UTC with {@code Z}, whole seconds unless the instant has a fraction. */
    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
