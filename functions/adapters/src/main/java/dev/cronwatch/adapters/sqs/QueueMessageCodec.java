package dev.cronwatch.adapters.sqs;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.hash.Sha256;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.queue.QueueMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Queue messages as JSON; versioned so a later format can be told apart. A check-in is version 1 (as
 * wave 1 wrote them, so messages in flight across an upgrade still read); a judgement says so in
 * {@code kind}. A check-in's {@code monitorConfig} travels as the client sent it: the processor
 * validates it.
 */
public final class QueueMessageCodec {
    private static final int VERSION = 1;
    private static final String JUDGEMENT = "judgement";

    public String encode(QueueMessage message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", VERSION);
        json.put("organization", message.monitor().organization());
        json.put("slug", message.monitor().slug());
        if (message instanceof Judgement j) {
            json.put("kind", JUDGEMENT);
            json.put("environment", j.environment());
            json.put("dueAt", j.dueAt().toString());
            json.put("tick", j.tick().toString());
            return Json.write(json);
        }
        CheckInMessage m = (CheckInMessage) message;
        json.put("messageId", m.messageId());
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
    public QueueMessage decode(String body) {
        try {
            Map<String, Object> json = Json.parseObject(body);
            if (!(json.get("v") instanceof Number v) || v.intValue() != VERSION) {
                throw new IllegalArgumentException("unknown message version " + json.get("v"));
            }
            MonitorKey monitor = new MonitorKey(required(json, "organization"), required(json, "slug"));
            if (JUDGEMENT.equals(json.get("kind"))) {
                return new Judgement(monitor, required(json, "environment"), Instant.parse(required(json, "dueAt")),
                        Instant.parse(required(json, "tick")));
            }
            Number duration = (Number) json.get("durationMs");
            Map<String, Object> config = (Map<String, Object>) json.get("monitorConfig");
            return new CheckInMessage(
                    required(json, "messageId"),
                    monitor,
                    required(json, "projectId"),
                    required(json, "checkInId"),
                    Boolean.TRUE.equals(json.get("latest")),
                    CheckInStatus.fromWire(required(json, "status")),
                    (String) json.get("environment"),
                    duration == null ? null : duration.longValue(),
                    config,
                    Instant.parse(required(json, "receivedAt")));
        } catch (RuntimeException e) {
            throw new MalformedMessageException(e.getMessage(), e);
        }
    }

    /** The same environment and deadline is the same judgement: the queue keeps it once. */
    public static String deduplicationId(Judgement j) {
        String key = JUDGEMENT + "\n" + j.monitor().organization() + "\n" + j.monitor().slug() + "\n"
                + j.environment() + "\n" + j.dueAt();
        return Sha256.hex(key);
    }

    private static String required(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (!(value instanceof String s)) throw new IllegalArgumentException("missing " + key);
        return s;
    }
}
