package dev.cronwatch.adapters.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.adapters.testing.ElasticMqFixture;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.queue.QueueMessage;
import dev.cronwatch.core.queue.ShardTick;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** The codec, the FIFO queue and the dead-letter queue on ElasticMQ. */
class SqsAdaptersTest {
    static ElasticMqFixture mq;
    final QueueMessageCodec codec = new QueueMessageCodec();

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
                Map.of("schedule", "0 * * * *", "checkin_margin", 5),
                Instant.parse("2026-01-01T00:00:00.123Z"));
    }

    @Test
    void codecRoundTripsEveryField() {
        CheckInMessage m = message("c1", "backup", CheckInStatus.IN_PROGRESS);
        assertThat(codec.decode(codec.encode(m))).isEqualTo(m);
        CheckInMessage bare = new CheckInMessage("m2", new MonitorKey("acme", "x"), "1", "c2", true, CheckInStatus.OK,
                "dev", null, null, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(codec.decode(codec.encode(bare))).isEqualTo(bare);
        Judgement judgement = new Judgement(new MonitorKey("acme", "x"), "dev#1 ✓", Instant.parse("2026-01-01T00:05:00Z"),
                Instant.parse("2026-01-01T00:06:00Z"));
        assertThat(codec.decode(codec.encode(judgement))).isEqualTo(judgement);
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> codec.decode("{\"v\": 2}")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> codec.decode(codec.encode(m).replace("in_progress", "sleeping")))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void shardTicksRoundTrip_aTailPassWithItsOrganizations_andAMalformedOneIsPoison() {
        ShardTick head = new ShardTick(3, Instant.parse("2026-01-01T01:02:00Z"));
        ShardTick tail = new ShardTick(3, head.tick(), java.util.Set.of("big", "bigger"));
        assertThat(SqsShardTicks.decode(SqsShardTicks.encode(head))).isEqualTo(head);
        assertThat(SqsShardTicks.decode(SqsShardTicks.encode(tail))).isEqualTo(tail);
        assertThatThrownBy(() -> SqsShardTicks.decode("{\"shard\": 3, \"tick\": \"2026-01-01T01:02:00Z\", "
                + "\"organizations\": [\"big\", 7]}")).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("organizations");
    }

    @Test
    void tailPassesHandedOverAfterADelayAreSentWithItInWholeSeconds() {
        List<SendMessageBatchRequest> sent = new java.util.ArrayList<>();
        SqsClient recording = (SqsClient) java.lang.reflect.Proxy.newProxyInstance(SqsClient.class.getClassLoader(),
                new Class<?>[] {SqsClient.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("sendMessageBatch")) throw new UnsupportedOperationException(method.getName());
                    @SuppressWarnings("unchecked")
                    SendMessageBatchRequest request = args[0] instanceof SendMessageBatchRequest r ? r
                            : SendMessageBatchRequest.builder()
                                    .applyMutation((java.util.function.Consumer<SendMessageBatchRequest.Builder>) args[0]).build();
                    sent.add(request);
                    return SendMessageBatchResponse.builder().build();
                });
        SqsShardTicks ticks = new SqsShardTicks(() -> recording, "https://sqs.example/shards");
        ShardTick head = new ShardTick(3, Instant.parse("2026-01-01T01:02:00Z"));
        ShardTick tail = new ShardTick(3, head.tick(), java.util.Set.of("big"));

        ticks.send(List.of(head));
        ticks.sendAfter(List.of(tail), java.time.Duration.ofMillis(1_200));

        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).entries()).extracting(e -> e.delaySeconds() == null ? 0 : e.delaySeconds()).containsOnly(0);
        assertThat(sent.get(1).entries()).extracting(e -> e.delaySeconds()).as("rounded up").containsOnly(2);
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
                .extracting(m -> checkInId(codec.decode(m.body()))).containsExactly("a1", "a2");
        assertThat(received).filteredOn(m -> "acme/beta".equals(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)))
                .extracting(m -> checkInId(codec.decode(m.body()))).containsExactly("b1");
    }

    private static String checkInId(QueueMessage message) {
        return ((CheckInMessage) message).checkInId();
    }

    /** The processor's exactly-once rests on this: a group's sequence numbers grow in send order. */
    @Test
    void judgementsQueueBehindTheGroupsCheckIns_withGrowingSequenceNumbers_andOnceEach() {
        String url = mq.createFifoQueue("checkins-judge.fifo");
        SqsCheckInQueue queue = new SqsCheckInQueue(mq.sqs(), url);
        queue.send(message("a1", "alpha", CheckInStatus.OK), "d-a1");
        List<Judgement> judgements = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            judgements.add(new Judgement(new MonitorKey("acme", i == 0 ? "alpha" : "m" + i), "production",
                    Instant.parse("2026-01-01T00:05:00Z"), Instant.parse("2026-01-01T00:06:00Z")));
        }
        queue.sendJudgements(judgements);
        queue.sendJudgements(judgements.subList(0, 3)); // the next tick sends again what is still due: kept once
        queue.send(message("a2", "alpha", CheckInStatus.OK), "d-a2");

        List<Message> received = receiveAll(url, 27);
        assertThat(received).hasSize(27);
        List<Message> alpha = received.stream()
                .filter(m -> "acme/alpha".equals(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))).toList();
        assertThat(alpha).extracting(m -> codec.decode(m.body()).getClass().getSimpleName())
                .containsExactly("CheckInMessage", "Judgement", "CheckInMessage");
        List<String> sequences = alpha.stream()
                .map(m -> m.attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER)).toList();
        assertThat(sequences).doesNotContainNull();
        for (int i = 1; i < sequences.size(); i++) {
            assertThat(dev.cronwatch.core.monitor.Sequences.compare(sequences.get(i - 1), sequences.get(i))).isNegative();
        }
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
        return receiveAll(url, 3);
    }

    private static List<Message> receiveAll(String url, int expected) {
        List<Message> all = new java.util.ArrayList<>();
        for (int i = 0; i < 20 && all.size() < expected; i++) {
            List<Message> batch = mq.sqs().receiveMessage(ReceiveMessageRequest.builder().queueUrl(url)
                    .maxNumberOfMessages(10).messageSystemAttributeNames(MessageSystemAttributeName.ALL).build()).messages();
            batch.forEach(m -> mq.sqs().deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle())));
            all.addAll(batch);
        }
        return all;
    }
}
