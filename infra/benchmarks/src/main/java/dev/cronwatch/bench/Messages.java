package dev.cronwatch.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.sqs.QueueMessageCodec;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
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
                config == null ? null : new MonitorConfigParser("monitor_config.").patch(config), at);
    }

    static SQSEvent event(List<CheckInMessage> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (CheckInMessage m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setBody(CODEC.encode(m));
            record.setAttributes(Map.of("MessageGroupId", m.monitor().organization() + "/" + m.monitor().slug(),
                    "MessageDeduplicationId", m.messageId(), "ApproximateReceiveCount", "1",
                    "SequenceNumber", Long.toString(SEQUENCE.incrementAndGet())));
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
