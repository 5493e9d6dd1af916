package dev.cronwatch.handlers.http;

import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.service.MonitorView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The management API's JSON, field for field as docs/spec.md §4 (and Sentry's monitor API) names them. */
final class Views {
    /** Enough for the list's "last runs" before the timeline window is read. */
    static final int RECENT_IN_SUMMARY = 10;

    private Views() {
    }

    static Map<String, Object> monitor(MonitorView view) {
        return monitor(view, Views::environment);
    }

    private static Map<String, Object> monitor(MonitorView view,
                                               BiFunction<MonitorEnvironment, Boolean, Map<String, Object>> environment) {
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
        if (m.ping() != null) json.put("healthchecks", healthchecks(m));
        json.put("environments", view.environments().stream().map(e -> environment.apply(e, m.muted())).toList());
        return json;
    }

    /**
     * A Healthchecks check's own part (docs/spec.md §14): its ping code, which the setup help builds
     * ping URLs from, and its options. Only a token of the organization reads it, as it reads DSN keys.
     */
    private static Map<String, Object> healthchecks(Monitor m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pingCode", m.ping().pingCode());
        json.put("grace", m.config().graceSeconds());
        json.put("manualResume", m.ping().manualResume());
        json.put("methods", m.ping().postOnly() ? "POST" : "");
        json.put("tags", m.ping().tags());
        json.put("desc", m.ping().description());
        return json;
    }

    /** Muted when its monitor is (Sentry's older model) or on its own (the newer one). */
    private static Map<String, Object> environment(MonitorEnvironment e, boolean monitorMuted) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", e.name());
        json.put("status", e.status().wireName());
        json.put("isMuted", monitorMuted || e.muted());
        json.put("dateCreated", time(e.dateCreated()));
        json.put("lastCheckIn", time(e.lastCheckIn()));
        json.put("nextCheckIn", time(e.nextCheckIn()));
        json.put("nextCheckInLatest", time(e.nextCheckInLatest()));
        json.put("activeIncident", e.activeIncident() == null ? null : activeIncident(e.activeIncident()));
        return json;
    }

    private static Map<String, Object> activeIncident(Incident incident) {
        Map<String, Object> active = new LinkedHashMap<>();
        active.put("id", incident.id());
        active.put("dateStarted", time(incident.dateStarted()));
        return active;
    }

    /**
     * A monitor as the dashboard's list shows it: the monitor, and for each environment what answers
     * "what is broken and since when": the open incident's reason, the last success and the newest
     * runs (newest first) that the environment item already holds, so no check-in is read for it.
     */
    static Map<String, Object> summary(MonitorView view) {
        return monitor(view, Views::environmentSummary);
    }

    private static Map<String, Object> environmentSummary(MonitorEnvironment e, boolean monitorMuted) {
        Map<String, Object> json = environment(e, monitorMuted);
        json.put("lastOk", time(e.lastOk()));
        Incident incident = e.activeIncident();
        if (incident != null) {
            Map<String, Object> active = activeIncident(incident);
            active.put("reason", incident.reason() == null ? null : incident.reason().wireName());
            active.put("failureReason", incident.failureReason());
            json.put("activeIncident", active);
        }
        List<CheckIn> recent = e.recent();
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int j = recent.size() - 1; j >= 0 && runs.size() < RECENT_IN_SUMMARY; j--) {
            CheckIn c = recent.get(j);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("id", c.id());
            run.put("status", c.status().wireName());
            run.put("dateAdded", time(c.dateAdded()));
            run.put("duration", c.durationMs());
            runs.add(run);
        }
        json.put("recentCheckIns", runs);
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
        // how many slots a missed check-in stands for: more than one for the older part of a long gap (§8.3)
        json.put("missedSlots", c.status() == CheckInStatus.MISSED ? c.slots() : null);
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
