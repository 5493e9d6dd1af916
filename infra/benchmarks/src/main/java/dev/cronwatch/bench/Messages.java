package dev.cronwatch.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.sqs.QueueMessageCodec;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.queue.QueueMessage;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.Ping;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.PingKind;
import dev.cronwatch.core.queue.PingRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Queue messages and SQS events as the processor receives them. */
final class Messages {
    static final Map<String, Object> HOURLY = Map.of("schedule", "0 * * * *", "checkin_margin", 5, "max_runtime", 30);
    private static final QueueMessageCodec CODEC = new QueueMessageCodec();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Messages() {
    }

    static CheckInMessage message(String slug, CheckInStatus status, String checkInId, Instant at,
                                  Map<String, Object> config) {
        String messageId = "bench-" + SEQUENCE.incrementAndGet();
        boolean latest = checkInId == null;
        String id = latest ? UUID.nameUUIDFromBytes(messageId.getBytes()).toString() : checkInId;
        return new CheckInMessage(messageId, new MonitorKey("bench", slug), "1", id, latest, status, null, null,
                config, at);
    }

    /** A Healthchecks ping as the ping URL queues it; {@code create}: the check {@code ?create=1} makes. */
    static CheckInMessage ping(String slug, PingKind kind, String rid, Instant at, PingCheck create, String body) {
        String messageId = "bench-" + SEQUENCE.incrementAndGet();
        String id = rid != null ? rid : UUID.nameUUIDFromBytes(messageId.getBytes()).toString();
        Ping ping = new Ping(kind, null, body.isEmpty() ? "GET" : "POST", "curl/8.5.0", "192.0.2.7", "https", rid);
        return new CheckInMessage(messageId, new MonitorKey("bench", slug), "1", id, rid == null, kind.checkInStatus(),
                null, null, null, at, new PingRequest(ping, body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/plain", create));
    }

    /** The same message as SQS hands it over again: same id and sequence number. */
    static SQSEvent redelivery(SQSEvent delivered) {
        SQSEvent again = new SQSEvent();
        again.setRecords(delivered.getRecords());
        return again;
    }

    private static SQSEvent.SQSMessage record(QueueMessage m, String id, String dedup, String sequence) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(id);
        record.setBody(CODEC.encode(m));
        record.setAttributes(Map.of("MessageGroupId", m.monitor().organization() + "/" + m.monitor().slug(),
                "MessageDeduplicationId", dedup, "ApproximateReceiveCount", "1", "SequenceNumber", sequence));
        return record;
    }

    static SQSEvent event(List<? extends QueueMessage> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (QueueMessage m : messages) {
            String id = m instanceof CheckInMessage c ? c.messageId() : "judgement-" + SEQUENCE.incrementAndGet();
            String dedup = m instanceof Judgement j ? QueueMessageCodec.deduplicationId(j) : id;
            records.add(record(m, id, dedup, Long.toString(SEQUENCE.incrementAndGet())));
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
