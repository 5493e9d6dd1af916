package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.sqs.DeadLetterQueue;
import dev.cronwatch.adapters.sqs.QueueMessageCodec;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.fakes.MutableClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ProcessorService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Lambda's SQS batch contract: partial failures, group order kept, and only a message that itself
 * failed goes to the dead-letter queue.
 */
class ProcessorHandlerTest {
    final InMemoryMonitorStore memory = new InMemoryMonitorStore();
    final List<String> deadLetters = new ArrayList<>();
    final QueueMessageCodec codec = new QueueMessageCodec();
    volatile String brokenSlug = "broken";
    volatile Supplier<RuntimeException> failure = () -> new IllegalStateException("a bug of ours");
    volatile boolean losingRaces;

    /** The in-memory store, except that reading a chosen monitor fails the way {@link #failure} says. */
    final MonitorStore store = (MonitorStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{MonitorStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("load") && ((MonitorKey) args[0]).slug().equals(brokenSlug)) {
                    throw failure.get();
                }
                if (method.getName().equals("commit") && losingRaces
                        && ((dev.cronwatch.core.changes.Changes) args[0]).environment() != null
                        && ((dev.cronwatch.core.changes.Changes) args[0]).environment().version() > 0) {
                    return false; // another writer got there first, every time
                }
                try {
                    return method.invoke(memory, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    final ProcessorHandler handler = new ProcessorHandler(
            new ProcessorService(store, new CheckInRules(6, 10_000),
                    new AlertDispatcher(store, new RecordingPublisher(), clock), clock),
            (DeadLetterQueue) (body, group, dedup, reason) -> deadLetters.add(group + ":" + body), ProcessorEvents.NONE);
    long sequence;

    SQSEvent.SQSMessage record(String id, String slug, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body != null ? body : codec.encode(new CheckInMessage(id, new MonitorKey("acme", slug), "1",
                java.util.UUID.nameUUIDFromBytes(id.getBytes()).toString(), false, CheckInStatus.OK, null, null,
                new MonitorConfigParser("monitor_config.").patch(Map.of("schedule", "0 * * * *")),
                Instant.parse("2026-01-01T00:00:00Z"))));
        m.setAttributes(Map.of("MessageGroupId", "acme/" + slug, "MessageDeduplicationId", "d-" + id,
                "SequenceNumber", Long.toString(1_000_000 + id.hashCode() % 1000 + 1000 * (++sequence))));
        return m;
    }

    SQSBatchResponse handle(SQSEvent.SQSMessage... records) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(records));
        return handler.handleRequest(event, null);
    }

    static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void aFailureReportsItselfAndEveryLaterMessageOfItsGroupOnly() {
        SQSBatchResponse response = handle(
                record("a1", "alpha", null),
                record("x1", "broken", null),
                record("b1", "beta", null),
                record("x2", "broken", null),
                record("a2", "alpha", null));
        assertThat(failed(response)).containsExactly("x1", "x2");
        assertThat(memory.allCheckIns(new MonitorKey("acme", "alpha"))).hasSize(2);
        assertThat(memory.allCheckIns(new MonitorKey("acme", "beta"))).hasSize(1);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void poisonGoesToTheDeadLetterQueueAndItsGroupGoesOn() {
        SQSBatchResponse response = handle(record("p1", "alpha", "{not a check-in"), record("a1", "alpha", null));
        assertThat(failed(response)).isEmpty();
        assertThat(deadLetters).containsExactly("acme/alpha:{not a check-in");
        assertThat(memory.allCheckIns(new MonitorKey("acme", "alpha"))).hasSize(1);
    }

    @Test
    void aMessageThatFailsThreeTimesByItsOwnFault_isSetAside_andWhatWasHeldBehindItIsNot() {
        SQSEvent.SQSMessage x1 = record("x1", "broken", null);
        SQSEvent.SQSMessage x2 = record("x2", "broken", null);
        for (int receive = 1; receive <= 2; receive++) {
            received(receive, x1, x2);
            assertThat(failed(handle(x1, x2))).containsExactly("x1", "x2");
        }
        received(3, x1, x2); // x2 has come back as often as x1, but has never been tried
        assertThat(failed(handle(x1, x2))).as("x1's third failure sets it aside; x2 fails once, its first")
                .containsExactly("x2");
        assertThat(deadLetters).singleElement().asString().contains("\"messageId\":\"x1\"");
        brokenSlug = "none";
        received(4, x2);
        assertThat(failed(handle(x2))).isEmpty();
        assertThat(memory.allCheckIns(new MonitorKey("acme", "broken"))).hasSize(1);
    }

    static void received(int count, SQSEvent.SQSMessage... records) {
        for (SQSEvent.SQSMessage r : records) {
            Map<String, String> attributes = new java.util.HashMap<>(r.getAttributes());
            attributes.put("ApproximateReceiveCount", Integer.toString(count));
            r.setAttributes(attributes);
        }
    }

    @Test
    void anOutage_isRetriedForever_andSendsNothingToTheDeadLetterQueue() {
        failure = () -> DynamoDbException.builder().statusCode(500).message("internal server error").build();
        SQSEvent.SQSMessage x1 = record("x1", "broken", null);
        for (int i = 0; i < 20; i++) assertThat(failed(handle(x1))).containsExactly("x1");
        failure = () -> DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("ThrottlingException").build()).message("slow down").build();
        for (int i = 0; i < 20; i++) assertThat(failed(handle(x1))).containsExactly("x1");
        assertThat(deadLetters).isEmpty();
        brokenSlug = "none";
        assertThat(failed(handle(x1))).isEmpty();
        assertThat(memory.allCheckIns(new MonitorKey("acme", "broken"))).hasSize(1);
    }

    @Test
    void aMessageThatKeepsLosingTheRaceForItsEnvironment_isRetriedWithoutCounting_andAppliedOnceItWins() {
        handle(record("a1", "alpha", null));
        losingRaces = true;
        SQSEvent.SQSMessage a2 = record("a2", "alpha", null);
        SQSEvent.SQSMessage b1 = record("b1", "beta", null); // a new environment: its first write has nothing to race
        for (int receive = 1; receive <= 10; receive++) {
            received(receive, a2);
            assertThat(failed(handle(a2, b1))).as("five conflicts in a row give up, and the queue retries").containsExactly("a2");
        }
        assertThat(deadLetters).isEmpty();
        losingRaces = false;
        assertThat(failed(handle(a2))).isEmpty();
        assertThat(memory.allCheckIns(new MonitorKey("acme", "alpha"))).hasSize(2);
    }

    @Test
    void aRedeliveredBatch_isAppliedOnce() {
        SQSEvent.SQSMessage a1 = record("a1", "alpha", null);
        SQSEvent.SQSMessage a2 = record("a2", "alpha", null);
        handle(a1, a2);
        handle(a1, a2);
        assertThat(memory.allCheckIns(new MonitorKey("acme", "alpha"))).hasSize(2);
        assertThat(memory.commits()).isEqualTo(2);
    }

    @Test
    void whenTimeRunsShort_theRestIsReportedBackUntouched() {
        AtomicBoolean timeLeft = new AtomicBoolean(true);
        List<SQSEvent.SQSMessage> records = List.of(record("a1", "alpha", null), record("b1", "beta", null),
                record("a2", "alpha", null));
        List<String> seen = new ArrayList<>();
        SQSBatchResponse response = FifoBatch.process(records, r -> {
            seen.add(r.getMessageId());
            timeLeft.set(false);
            return true;
        }, timeLeft::get);
        assertThat(seen).containsExactly("a1");
        assertThat(failed(response)).containsExactly("b1", "a2");
    }
}
