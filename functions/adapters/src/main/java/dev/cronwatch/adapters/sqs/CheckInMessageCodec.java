package dev.cronwatch.adapters.sqs;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.ingest.CheckInMessage;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Check-in messages as JSON on the queue; versioned so a later format can be told apart. */
public final class CheckInMessageCodec {
    private static final int VERSION = 1;

    public String encode(CheckInMessage m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", VERSION);
        json.put("messageId", m.messageId());
        json.put("organization", m.monitor().organization());
        json.put("slug", m.monitor().slug());
        json.put("projectId", m.projectId());
        json.put("checkInId", m.checkInId());
        json.put("latest", m.latest());
        json.put("status", m.status().wireName());
        json.put("environment", m.environment());
        json.put("durationMs", m.durationMs());
        json.put("monitorConfig", m.monitorConfig());
        json.put("receivedAt", m.receivedAt().toString());
        return Json.write(json);
    }

    @SuppressWarnings("unchecked")
    public CheckInMessage decode(String body) {
        try {
            Map<String, Object> json = Json.parseObject(body);
            if (!Integer.valueOf(VERSION).equals(number(json.get("v")) == null ? null : number(json.get("v")).intValue())) {
                throw new IllegalArgumentException("unknown message version " + json.get("v"));
            }
            Number duration = number(json.get("durationMs"));
            return new CheckInMessage(
                    required(json, "messageId"),
                    new MonitorKey(required(json, "organization"), required(json, "slug")),
                    required(json, "projectId"),
                    required(json, "checkInId"),
                    Boolean.TRUE.equals(json.get("latest")),
                    CheckInStatus.fromWire(required(json, "status")),
                    (String) json.get("environment"),
                    duration == null ? null : duration.longValue(),
                    (Map<String, Object>) json.get("monitorConfig"),
                    Instant.parse(required(json, "receivedAt")));
        } catch (RuntimeException e) {
            throw new MalformedMessageException(e.getMessage(), e);
        }
    }

    private static Number number(Object value) {
        return (Number) value;
    }

    private static String required(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (!(value instanceof String s)) throw new IllegalArgumentException("missing " + key);
        return s;
    }
}
