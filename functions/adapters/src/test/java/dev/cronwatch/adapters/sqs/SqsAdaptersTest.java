package dev.cronwatch.adapters.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.adapters.testing.ElasticMqFixture;
import dev.cronwatch.core.ingest.CheckInMessage;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/** The codec, the FIFO queue and the dead-letter queue on ElasticMQ. */
class SqsAdaptersTest {
    static ElasticMqFixture mq;
    final CheckInMessageCodec codec = new CheckInMessageCodec();

    @BeforeAll
    static void start() {
        mq = new ElasticMqFixture();
    }

    @AfterAll
    static void stop() {
        mq.close();
    }

    static CheckInMessage message(String id, String slug, CheckInStatus status) {
        return new CheckInMessage("m-" + id, new MonitorKey("acme", slug), "1", id, false, status, null, 1500L,
                Map.of("schedule", "0 * * * *", "checkin_margin", 5), Instant.parse("2026-01-01T00:00:00.123Z"));
    }

    @Test
    void codecRoundTripsEveryField() {
        CheckInMessage m = message("c1", "backup", CheckInStatus.IN_PROGRESS);
        assertThat(codec.decode(codec.encode(m))).isEqualTo(m);
        CheckInMessage bare = new CheckInMessage("m2", new MonitorKey("acme", "x"), "1", "c2", true, CheckInStatus.OK,
                "dev", null, null, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(codec.decode(codec.encode(bare))).isEqualTo(bare);
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> codec.decode("{\"v\": 2}")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> codec.decode(codec.encode(m).replace("in_progress", "sleeping")))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void oneGroupPerMonitorInOrderAndDuplicatesKeptOnce() {
        String url = mq.createFifoQueue("checkins-order.fifo");
        SqsCheckInQueue queue = new SqsCheckInQueue(mq.sqs(), url);
        queue.send(message("a1", "alpha", CheckInStatus.IN_PROGRESS), "d-a1");
        queue.send(message("b1", "beta", CheckInStatus.OK), "d-b1");
        queue.send(message("a2", "alpha", CheckInStatus.OK), "d-a2");
        queue.send(message("a2", "alpha", CheckInStatus.OK), "d-a2"); // a client retry
        List<Message> received = receiveAll(url);
        assertThat(received).hasSize(3); // the retry was kept once
        // order holds within a group (FIFO promises nothing across groups)
        assertThat(received).filteredOn(m -> "acme/alpha".equals(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)))
                .extracting(m -> codec.decode(m.body()).checkInId()).containsExactly("a1", "a2");
        assertThat(received).filteredOn(m -> "acme/beta".equals(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)))
                .extracting(m -> codec.decode(m.body()).checkInId()).containsExactly("b1");
    }

    @Test
    void deadLettersKeepBodyGroupAndReason() {
        String url = mq.createFifoQueue("checkins-dlq-test.fifo");
        SqsDeadLetterQueue dlq = new SqsDeadLetterQueue(mq.sqs(), url);
        dlq.forward("garbage", "acme/alpha", "", "unreadable: x");
        dlq.forward("garbage", "acme/alpha", "", "unreadable: x"); // forwarded again on redelivery: one copy
        List<Message> received = mq.sqs().receiveMessage(ReceiveMessageRequest.builder().queueUrl(url)
                .maxNumberOfMessages(10).messageAttributeNames("All").build()).messages();
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("garbage");
            assertThat(m.messageAttributes().get("reason").stringValue()).isEqualTo("unreadable: x");
        });
    }

    private static List<Message> receiveAll(String url) {
        List<Message> all = new java.util.ArrayList<>();
        for (int i = 0; i < 10 && all.size() < 3; i++) {
            List<Message> batch = mq.sqs().receiveMessage(ReceiveMessageRequest.builder().queueUrl(url)
                    .maxNumberOfMessages(10).messageSystemAttributeNames(MessageSystemAttributeName.ALL).build()).messages();
            batch.forEach(m -> mq.sqs().deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle())));
            all.addAll(batch);
        }
        return all;
    }
}
