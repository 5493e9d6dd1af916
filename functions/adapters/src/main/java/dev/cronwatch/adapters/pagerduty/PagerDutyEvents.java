package dev.cronwatch.adapters.pagerduty;

import dev.cronwatch.adapters.alert.AlertJson;
import dev.cronwatch.adapters.alert.PlainText;
import dev.cronwatch.core.alert.AlertBody;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cronwatch's alert JSON to a PagerDuty Events API v2 event: an opened incident triggers, its
 * resolution resolves, and both carry the same {@code dedup_key}, so PagerDuty's incident opens and
 * closes with ours (and a redelivered alert changes nothing there).
 */
public final class PagerDutyEvents {
    /** PagerDuty's limits: summary 1024 characters, dedup key 255. */
    static final int MAX_SUMMARY = 1024;

    private PagerDutyEvents() {
    }

    /** The event for an alert; empty for anything else on the topic (it is not ours to forward). */
    public static Optional<Map<String, Object>> fromAlert(Map<String, Object> alert, String routingKey) {
        Object type = alert.get("type");
        Object incidentId = alert.get("incidentId");
        if (!(incidentId instanceof String id) || id.isEmpty()) return Optional.empty();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", routingKey);
        event.put("dedup_key", dedupKey(id));
        if ("incident.resolved".equals(type)) {
            event.put("event_action", "resolve");
            return Optional.of(event);
        }
        if (!"incident.opened".equals(type)) return Optional.empty();
        event.put("event_action", "trigger");
        event.put("payload", payload(AlertJson.fromMap(alert)));
        Object url = alert.get("dashboardUrl");
        if (url instanceof String link && !link.isEmpty()) {
            event.put("client", "cronwatch");
            event.put("client_url", link);
            event.put("links", List.of(Map.of("href", link, "text", "The monitor on cronwatch")));
        }
        return Optional.of(event);
    }

    static String dedupKey(String incidentId) {
        String key = "cronwatch-" + incidentId;
        return key.length() <= 255 ? key : key.substring(0, 255);
    }

    private static Map<String, Object> payload(AlertBody alert) {
        Map<String, Object> json = AlertJson.toMap(alert);
        String slug = PlainText.shown(alert.monitor().slug());
        String name = alert.monitor().name() == null ? slug : PlainText.shown(alert.monitor().name());
        String environment = PlainText.shown(alert.environment());
        String reason = PlainText.shown(alert.reason());
        // the summary is what people read (and what PagerDuty's Slack integration posts): shown, not interpreted
        String summary = name + " [" + environment + "] failing: " + PlainText.shown(alert.failureReason());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("failure_reason", alert.failureReason());
        details.put("schedule", alert.monitor().schedule());
        details.put("timezone", alert.monitor().timezone());
        details.put("failing_since", json.get("dateStarted"));
        details.put("last_successful_check_in", json.get("lastSuccessfulCheckIn"));
        details.put("check_ins", json.get("checkIns"));
        details.put("organization", alert.organization());
        details.put("project", alert.project());
        details.put("incident_id", alert.incidentId());

        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…");
        payload.put("source", PlainText.shown(alert.organization()) + "/" + slug);
        // a job that did not run or did not finish is worse than one that reported its own failure
        payload.put("severity", "error".equals(reason) ? "error" : "critical");
        if (alert.dateStarted() != null) payload.put("timestamp", json.get("dateStarted"));
        payload.put("component", slug);
        payload.put("group", environment);
        payload.put("class", reason);
        payload.put("custom_details", details);
        return payload;
    }
}
