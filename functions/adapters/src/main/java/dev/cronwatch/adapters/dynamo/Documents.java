package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.adapters.alert.AlertJson;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents stored in the {@code doc} attribute. Versions are not in them: the {@code ver}
 * attribute is the one the conditions check, so it is the one read back. Whatever the item's key
 * already says (organization, monitor, environment, check-in id) is not repeated inside.
 *
 * <p>The environment and check-in documents are written on every check-in, and DynamoDB bills a write
 * by the kilobyte: they use short keys, leave out empty values, and write times as epoch
 * milliseconds. The environment stays well under 1 KB for a usual monitor.
 */
final class Documents {
    /** Stored configs passed validation when written; parsing them again restores defaults-as-null exactly. */
    private static final MonitorConfigParser CONFIG = new MonitorConfigParser("config.");

    private Documents() {
    }

    // ---- monitor ----

    static String monitor(Monitor m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", m.id());
        d.put("projectId", m.projectId());
        d.put("name", m.name());
        d.put("status", m.status().wireName());
        d.put("muted", m.muted());
        d.put("config", m.config() == null ? null : m.config().toWire());
        d.put("dateCreated", time(m.dateCreated()));
        d.put("environments", m.environments());
        if (m.lastSequence() != null) d.put("lastSequence", m.lastSequence());
        return Json.write(d);
    }

    @SuppressWarnings("unchecked")
    static Monitor monitor(MonitorKey key, String json, long version) {
        Map<String, Object> d = Json.parseObject(json);
        Map<String, Object> config = (Map<String, Object>) d.get("config");
        return new Monitor(key, str(d, "id"), str(d, "projectId"), str(d, "name"),
                MonitorStatus.fromWire(str(d, "status")), Boolean.TRUE.equals(d.get("muted")),
                config == null ? null : CONFIG.parse(config), instant(d, "dateCreated"), strings(d.get("environments")),
                str(d, "lastSequence"), version);
    }

    // ---- environment ----

    /** The project is the monitor's; said once for all the runs held (they are all of it). */
    static String environment(MonitorEnvironment e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("st", e.status().wireName());
        if (e.muted()) d.put("mu", true);
        if (!e.recent().isEmpty()) d.put("p", e.recent().get(0).projectId());
        put(d, "dc", e.dateCreated());
        put(d, "lc", e.lastCheckIn());
        put(d, "lo", e.lastOk());
        put(d, "nx", e.nextCheckIn());
        put(d, "nl", e.nextCheckInLatest());
        if (e.activeIncident() != null) d.put("ai", activeIncident(e.activeIncident()));
        d.put("r", e.recent().stream().map(Documents::recentCheckIn).toList());
        put(d, "rm", e.rateMinute());
        if (e.rateCount() != 0) d.put("rc", e.rateCount());
        put(d, "sq", e.lastSequence());
        return Json.write(d);
    }

    @SuppressWarnings("unchecked")
    static MonitorEnvironment environment(MonitorKey key, String name, String json, long version) {
        Map<String, Object> d = Json.parseObject(json);
        String projectId = str(d, "p");
        List<CheckIn> recent = new ArrayList<>();
        for (Object o : (List<Object>) d.get("r")) recent.add(recentCheckIn((List<Object>) o, key, name, projectId));
        Object rate = d.get("rc");
        Map<String, Object> incident = (Map<String, Object>) d.get("ai");
        return new MonitorEnvironment(key, name, EnvironmentStatus.fromWire(str(d, "st")),
                Boolean.TRUE.equals(d.get("mu")), instant(d, "dc"), instant(d, "lc"), instant(d, "lo"),
                instant(d, "nx"), instant(d, "nl"), incident == null ? null : activeIncident(incident, key, name),
                recent, instant(d, "rm"), rate == null ? 0 : ((Number) rate).intValue(), str(d, "sq"), version);
    }

    /**
     * A run as the rules need it: {@code [id, status, start, updated, duration, expected, timeout, slots]},
     * trailing empty values left out (slots only when a check-in stands for more than one).
     */
    private static List<Object> recentCheckIn(CheckIn c) {
        List<Object> row = new ArrayList<>();
        row.add(c.id());
        row.add(code(c.status()));
        row.add(time(c.dateAdded()));
        row.add(c.dateUpdated() == null || c.dateUpdated().equals(c.dateAdded()) ? null : time(c.dateUpdated()));
        row.add(c.durationMs());
        row.add(time(c.expectedTime()));
        row.add(time(c.timeoutAt()));
        row.add(c.slots() == 1 ? null : c.slots());
        while (row.get(row.size() - 1) == null) row.remove(row.size() - 1);
        return row;
    }

    private static CheckIn recentCheckIn(List<Object> row, MonitorKey key, String environment, String projectId) {
        Instant dateAdded = instant(row.get(2));
        Instant dateUpdated = at(row, 3);
        Object duration = row.size() > 4 ? row.get(4) : null;
        Object slots = row.size() > 7 ? row.get(7) : null;
        return new CheckIn((String) row.get(0), key, projectId, environment, status((String) row.get(1)), dateAdded,
                dateUpdated == null ? dateAdded : dateUpdated, duration == null ? null : ((Number) duration).longValue(),
                at(row, 5), at(row, 6), slots == null ? 1 : ((Number) slots).longValue());
    }

    private static Instant at(List<Object> row, int index) {
        return row.size() > index ? instant(row.get(index)) : null;
    }

    private static Map<String, Object> activeIncident(Incident i) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", i.id());
        put(d, "ds", i.dateStarted());
        if (i.reason() != null) d.put("r", code(i.reason()));
        put(d, "fr", i.failureReason());
        put(d, "sc", i.startingCheckIn());
        return d;
    }

    private static Incident activeIncident(Map<String, Object> d, MonitorKey key, String environment) {
        Object reason = d.get("r");
        return new Incident(str(d, "id"), key, environment, instant(d, "ds"), null,
                reason == null ? null : status((String) reason), str(d, "fr"), str(d, "sc"), null);
    }

    // ---- check-in ----

    static String checkIn(CheckIn c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", c.id());
        put(d, "p", c.projectId());
        d.put("st", code(c.status()));
        put(d, "da", c.dateAdded());
        put(d, "du", c.dateUpdated());
        if (c.durationMs() != null) d.put("d", c.durationMs());
        put(d, "x", c.expectedTime());
        put(d, "to", c.timeoutAt());
        if (c.slots() != 1) d.put("sl", c.slots());
        return Json.write(d);
    }

    static CheckIn checkIn(MonitorKey key, String environment, String json) {
        Map<String, Object> d = Json.parseObject(json);
        Object duration = d.get("d");
        Object slots = d.get("sl");
        return new CheckIn(str(d, "id"), key, str(d, "p"), environment, status(str(d, "st")), instant(d, "da"),
                instant(d, "du"), duration == null ? null : ((Number) duration).longValue(), instant(d, "x"),
                instant(d, "to"), slots == null ? 1 : ((Number) slots).longValue());
    }

    // ---- incident ----

    static String incident(Incident i) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", i.id());
        d.put("environment", i.environment());
        d.put("dateStarted", time(i.dateStarted()));
        d.put("dateResolved", time(i.dateResolved()));
        d.put("reason", i.reason() == null ? null : i.reason().wireName());
        d.put("failureReason", i.failureReason());
        d.put("startingCheckIn", i.startingCheckIn());
        d.put("resolvingCheckIn", i.resolvingCheckIn());
        return Json.write(d);
    }

    static Incident incident(MonitorKey key, String json) {
        Map<String, Object> d = Json.parseObject(json);
        String reason = str(d, "reason");
        return new Incident(str(d, "id"), key, str(d, "environment"), instant(d, "dateStarted"),
                instant(d, "dateResolved"), reason == null ? null : CheckInStatus.fromWire(reason),
                str(d, "failureReason"), str(d, "startingCheckIn"), str(d, "resolvingCheckIn"));
    }

    // ---- processing error ----

    static String processingError(ProcessingError e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", e.id());
        d.put("type", e.type().name());
        d.put("data", e.data());
        d.put("checkInId", e.checkInId());
        d.put("receivedAt", time(e.receivedAt()));
        return Json.write(d);
    }

    @SuppressWarnings("unchecked")
    static ProcessingError processingError(MonitorKey key, String json) {
        Map<String, Object> d = Json.parseObject(json);
        Object data = d.get("data");
        return new ProcessingError(str(d, "id"), key, ProcessingErrorType.valueOf(str(d, "type")),
                data == null ? Map.of() : (Map<String, Object>) data, str(d, "checkInId"), instant(d, "receivedAt"));
    }

    // ---- pending alert (its attempts and next attempt are attributes of the item) ----

    static String alert(PendingAlert a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", a.id());
        d.put("incidentId", a.incidentId());
        d.put("type", a.type().name());
        d.put("body", AlertJson.toMap(a.message().body()));
        d.put("attributes", a.message().attributes());
        d.put("createdAt", time(a.createdAt()));
        return Json.write(d);
    }

    @SuppressWarnings("unchecked")
    static PendingAlert alert(MonitorKey key, String json, int attempts, Instant nextAttemptAt) {
        Map<String, Object> d = Json.parseObject(json);
        Map<String, String> attributes = new LinkedHashMap<>();
        ((Map<String, Object>) d.get("attributes")).forEach((k, v) -> attributes.put(k, String.valueOf(v)));
        return new PendingAlert(str(d, "id"), str(d, "incidentId"), key, AlertType.valueOf(str(d, "type")),
                new AlertMessage(AlertJson.fromMap((Map<String, Object>) d.get("body")), attributes),
                instant(d, "createdAt"), attempts, nextAttemptAt);
    }

    // ---- values ----

    private static String code(CheckInStatus status) {
        return switch (status) {
            case IN_PROGRESS -> "i";
            case OK -> "o";
            case ERROR -> "e";
            case MISSED -> "m";
            case TIMEOUT -> "t";
        };
    }

    private static CheckInStatus status(String code) {
        return switch (code) {
            case "i" -> CheckInStatus.IN_PROGRESS;
            case "o" -> CheckInStatus.OK;
            case "e" -> CheckInStatus.ERROR;
            case "m" -> CheckInStatus.MISSED;
            case "t" -> CheckInStatus.TIMEOUT;
            default -> throw new IllegalArgumentException("unknown status code " + code);
        };
    }

    private static void put(Map<String, Object> d, String key, Object value) {
        if (value instanceof Instant instant) {
            d.put(key, time(instant));
        } else if (value != null) {
            d.put(key, value);
        }
    }

    /** Whole milliseconds as a number; anything finer as exact ISO text, so nothing is rounded. */
    private static Object time(Instant instant) {
        if (instant == null) return null;
        return instant.getNano() % 1_000_000 == 0 ? (Object) instant.toEpochMilli() : instant.toString();
    }

    private static Instant instant(Map<String, Object> d, String name) {
        return instant(d.get(name));
    }

    private static Instant instant(Object value) {
        if (value == null) return null;
        if (value instanceof Number n) return Instant.ofEpochMilli(n.longValue());
        return Instant.parse((String) value);
    }

    private static String str(Map<String, Object> d, String name) {
        Object value = d.get(name);
        return value == null ? null : value.toString();
    }

    private static List<String> strings(Object list) {
        return list == null ? List.of() : ((List<?>) list).stream().map(Object::toString).toList();
    }
}
