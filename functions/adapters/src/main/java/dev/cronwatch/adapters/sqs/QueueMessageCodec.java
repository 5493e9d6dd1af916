package dev.cronwatch.adapters.sqs;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.hash.Digest;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.Ping;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.PingKind;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.queue.PingRequest;
import dev.cronwatch.core.queue.QueueMessage;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Queue messages as JSON; versioned so a later format can be told apart. A check-in is version 1 (as
 * wave 1 wrote them, so messages in flight across an upgrade still read); a judgement says so in
 * {@code kind}. A check-in's {@code monitorConfig} travels as the client sent it: the processor
 * validates it. A Healthchecks ping adds {@code ping} (its body in base64); a ping that changes no
 * state has no {@code status}.
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
        json.put("status", m.status() == null ? null : m.status().wireName());
        json.put("environment", m.environment());
        json.put("durationMs", m.durationMs());
        json.put("monitorConfig", m.monitorConfig());
        json.put("receivedAt", m.receivedAt().toString());
        if (m.ping() != null) json.put("ping", encode(m.ping()));
        return Json.write(json);
    }

    private static Map<String, Object> encode(PingRequest request) {
        Ping p = request.ping();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", p.kind().wireName());
        json.put("exitStatus", p.exitStatus());
        json.put("method", p.method());
        json.put("userAgent", p.userAgent());
        json.put("remoteAddr", p.remoteAddr());
        json.put("scheme", p.scheme());
        json.put("rid", p.rid());
        if (request.body().length > 0) json.put("body", Base64.getEncoder().encodeToString(request.body()));
        json.put("contentType", request.contentType());
        if (request.create() != null) json.put("createWithCode", request.create().pingCode());
        return json;
    }

    private static PingRequest decodePing(Map<String, Object> json) {
        Number exit = (Number) json.get("exitStatus");
        Ping ping = new Ping(PingKind.fromWire(required(json, "kind")), exit == null ? null : exit.intValue(),
                (String) json.get("method"), (String) json.get("userAgent"), (String) json.get("remoteAddr"),
                (String) json.get("scheme"), (String) json.get("rid"));
        String body = (String) json.get("body");
        String code = (String) json.get("createWithCode");
        return new PingRequest(ping, body == null ? null : Base64.getDecoder().decode(body),
                (String) json.get("contentType"), code == null ? null : PingCheck.withCode(code));
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
            String status = (String) json.get("status");
            Map<String, Object> ping = (Map<String, Object>) json.get("ping");
            return new CheckInMessage(
                    required(json, "messageId"),
                    monitor,
                    required(json, "projectId"),
                    required(json, "checkInId"),
                    Boolean.TRUE.equals(json.get("latest")),
                    status == null ? null : CheckInStatus.fromWire(status),
                    (String) json.get("environment"),
                    duration == null ? null : duration.longValue(),
                    config,
                    Instant.parse(required(json, "receivedAt")),
                    ping == null ? null : decodePing(ping));
        } catch (RuntimeException e) {
            throw new MalformedMessageException(e.getMessage(), e);
        }
    }

    /** The same environment and deadline is the same judgement: the queue keeps it once. */
    public static String deduplicationId(Judgement j) {
        String key = JUDGEMENT + "\n" + j.monitor().organization() + "\n" + j.monitor().slug() + "\n"
                + j.environment() + "\n" + j.dueAt();
        return Digest.SHA_256.hex(key);
    }

    private static String required(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (!(value instanceof String s)) throw new IllegalArgumentException("missing " + key);
        return s;
    }
}
