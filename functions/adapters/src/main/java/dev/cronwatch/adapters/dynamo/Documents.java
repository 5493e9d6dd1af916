package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.alert.AlertMessage;
import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents stored in the {@code doc} attribute. Versions are not in them: the {@code ver}
 * attribute is the one the conditions check, so it is the one read back.
 *
 * <p>A check-in inside an environment's {@code recent} list leaves out its monitor and environment
 * (the environment's own): the list may hold hundreds of runs, and the item must stay far below
 * DynamoDB's 400 KB.
 */
final class Documents {
    /** Stored configs passed validation when written; parsing them again restores defaults-as-null exactly. */
    private static final MonitorConfigParser CONFIG = new MonitorConfigParser("config.");

    private Documents() {
    }

    // ---- monitor ----

    static String monitor(Monitor m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("organization", m.key().organization());
        d.put("slug", m.key().slug());
        d.put("id", m.id());
        d.put("projectId", m.projectId());
        d.put("name", m.name());
        d.put("status", m.status().wireName());
        d.put("muted", m.muted());
        d.put("config", m.config() == null ? null : m.config().toWire());
        d.put("dateCreated", time(m.dateCreated()));
        d.put("environments", m.environments());
        return Json.write(d);
    }

    @SuppressWarnings("unchecked")
    static Monitor monitor(String json, long version) {
        Map<String, Object> d = Json.parseObject(json);
        Map<String, Object> config = (Map<String, Object>) d.get("config");
        return new Monitor(new MonitorKey(str(d, "organization"), str(d, "slug")), str(d, "id"),
                str(d, "projectId"), str(d, "name"), MonitorStatus.fromWire(str(d, "status")),
                Boolean.TRUE.equals(d.get("muted")), config == null ? null : CONFIG.parse(config),
                instant(d, "dateCreated"), strings(d.get("environments")), version);
    }

    // ---- environment ----

    static String environment(MonitorEnvironment e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("organization", e.monitor().organization());
        d.put("slug", e.monitor().slug());
        d.put("name", e.name());
        d.put("status", e.status().wireName());
        d.put("dateCreated", time(e.dateCreated()));
        d.put("lastCheckIn", time(e.lastCheckIn()));
        d.put("lastOk", time(e.lastOk()));
        d.put("nextCheckIn", time(e.nextCheckIn()));
        d.put("nextCheckInLatest", time(e.nextCheckInLatest()));
        d.put("activeIncident", e.activeIncident() == null ? null : incidentMap(e.activeIncident()));
        d.put("recent", e.recent().stream().map(Documents::embeddedCheckIn).toList());
        d.put("rateMinute", time(e.rateMinute()));
        d.put("rateCount", e.rateCount());
        d.put("appliedMessages", e.appliedMessages());
        d.put("muted", e.muted());
        return Json.write(d);
    }

    @SuppressWarnings("unchecked")
    static MonitorEnvironment environment(String json, long version) {
        Map<String, Object> d = Json.parseObject(json);
        MonitorKey key = new MonitorKey(str(d, "organization"), str(d, "slug"));
        String name = str(d, "name");
        Map<String, Object> incident = (Map<String, Object>) d.get("activeIncident");
        List<CheckIn> recent = ((List<Object>) d.get("recent")).stream()
                .map(o -> checkIn((Map<String, Object>) o, key, name)).toList();
        return new MonitorEnvironment(key, name, EnvironmentStatus.fromWire(str(d, "status")),
                instant(d, "dateCreated"), instant(d, "lastCheckIn"), instant(d, "lastOk"),
                instant(d, "nextCheckIn"), instant(d, "nextCheckInLatest"),
                incident == null ? null : incident(incident), recent, instant(d, "rateMinute"),
                ((Number) d.get("rateCount")).intValue(), strings(d.get("appliedMessages")),
                Boolean.TRUE.equals(d.get("muted")), version);
    }

    // ---- check-in ----

    static String checkIn(CheckIn c) {
        Map<String, Object> d = embeddedCheckIn(c);
        d.put("organization", c.monitor().organization());
        d.put("slug", c.monitor().slug());
        d.put("environment", c.environment());
        return Json.write(d);
    }

    static CheckIn checkIn(String json) {
        Map<String, Object> d = Json.parseObject(json);
        return checkIn(d, new MonitorKey(str(d, "organization"), str(d, "slug")), str(d, "environment"));
    }

    private static Map<String, Object> embeddedCheckIn(CheckIn c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", c.id());
        d.put("projectId", c.projectId());
        d.put("status", c.status().wireName());
        d.put("dateAdded", time(c.dateAdded()));
        d.put("dateUpdated", time(c.dateUpdated()));
        d.put("durationMs", c.durationMs());
        d.put("expectedTime", time(c.expectedTime()));
        d.put("timeoutAt", time(c.timeoutAt()));
        return d;
    }

    private static CheckIn checkIn(Map<String, Object> d, MonitorKey monitor, String environment) {
        Object duration = d.get("durationMs");
        return new CheckIn(str(d, "id"), monitor, str(d, "projectId"), environment,
                CheckInStatus.fromWire(str(d, "status")), instant(d, "dateAdded"), instant(d, "dateUpdated"),
                duration == null ? null : ((Number) duration).longValue(), instant(d, "expectedTime"),
                instant(d, "timeoutAt"));
    }

    // ---- incident ----

    static String incident(Incident i) {
        return Json.write(incidentMap(i));
    }

    static Incident incident(String json) {
        return incident(Json.parseObject(json));
    }

    private static Map<String, Object> incidentMap(Incident i) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", i.id());
        d.put("organization", i.monitor().organization());
        d.put("slug", i.monitor().slug());
        d.put("environment", i.environment());
        d.put("dateStarted", time(i.dateStarted()));
        d.put("dateResolved", time(i.dateResolved()));
        d.put("reason", i.reason() == null ? null : i.reason().wireName());
        d.put("failureReason", i.failureReason());
        d.put("startingCheckIn", i.startingCheckIn());
        d.put("resolvingCheckIn", i.resolvingCheckIn());
        return d;
    }

    private static Incident incident(Map<String, Object> d) {
        String reason = str(d, "reason");
        return new Incident(str(d, "id"), new MonitorKey(str(d, "organization"), str(d, "slug")),
                str(d, "environment"), instant(d, "dateStarted"), instant(d, "dateResolved"),
                reason == null ? null : CheckInStatus.fromWire(reason), str(d, "failureReason"),
                str(d, "startingCheckIn"), str(d, "resolvingCheckIn"));
    }

    // ---- processing error ----

    static String processingError(ProcessingError e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", e.id());
        d.put("organization", e.monitor().organization());
        d.put("slug", e.monitor().slug());
        d.put("type", e.type().name());
        d.put("data", e.data());
        d.put("checkInId", e.checkInId());
        d.put("receivedAt", time(e.receivedAt()));
        return Json.write(d);
    }

    @SuppressWarnings("unchecked")
    static ProcessingError processingError(String json) {
        Map<String, Object> d = Json.parseObject(json);
        Object data = d.get("data");
        return new ProcessingError(str(d, "id"), new MonitorKey(str(d, "organization"), str(d, "slug")),
                ProcessingErrorType.valueOf(str(d, "type")), data == null ? Map.of() : (Map<String, Object>) data,
                str(d, "checkInId"), instant(d, "receivedAt"));
    }

    // ---- pending alert ----

    static String alert(PendingAlert a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", a.id());
        d.put("incidentId", a.incidentId());
        d.put("type", a.type().name());
        d.put("subject", a.message().subject());
        d.put("body", a.message().body());
        d.put("attributes", a.message().attributes());
        d.put("createdAt", time(a.createdAt()));
        return Json.write(d);
    }

    @SuppressWarnings("unchecked")
    static PendingAlert alert(String json) {
        Map<String, Object> d = Json.parseObject(json);
        Map<String, String> attributes = new LinkedHashMap<>();
        ((Map<String, Object>) d.get("attributes")).forEach((k, v) -> attributes.put(k, String.valueOf(v)));
        return new PendingAlert(str(d, "id"), str(d, "incidentId"), AlertType.valueOf(str(d, "type")),
                new AlertMessage(str(d, "subject"), (Map<String, Object>) d.get("body"), attributes),
                instant(d, "createdAt"));
    }

    // ---- values ----

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(Map<String, Object> d, String name) {
        Object value = d.get(name);
        return value == null ? null : Instant.parse((String) value);
    }

    private static String str(Map<String, Object> d, String name) {
        Object value = d.get(name);
        return value == null ? null : value.toString();
    }

    private static List<String> strings(Object list) {
        return list == null ? List.of() : ((List<?>) list).stream().map(Object::toString).toList();
    }
}
