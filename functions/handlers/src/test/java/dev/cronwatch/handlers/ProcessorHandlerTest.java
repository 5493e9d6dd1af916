package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.sqs.CheckInMessageCodec;
import dev.cronwatch.adapters.sqs.DeadLetterQueue;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.fakes.MutableClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.ingest.CheckInMessage;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ProcessorService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lambda's SQS batch contract: partial failures, group order kept, poison forwarded. */
class ProcessorHandlerTest {
    final InMemoryMonitorStore memory = new InMemoryMonitorStore();
    final List<String> deadLetters = new ArrayList<>();
    final CheckInMessageCodec codec = new CheckInMessageCodec();
    volatile String brokenSlug = "broken";

    /** The in-memory store, except that reading a chosen monitor fails as a throttled table would. */
    final MonitorStore store = (MonitorStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{MonitorStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("loadCheckInContext") && ((MonitorKey) args[0]).slug().equals(brokenSlug)) {
                    throw new IllegalStateException("throttled");
                }
                try {
                    return method.invoke(memory, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    final ProcessorHandler handler = new ProcessorHandler(
            new ProcessorService(store, new CheckInRules(6), new AlertDispatcher(store, new RecordingPublisher(), clock)),
            (DeadLetterQueue) (body, group, dedup, reason) -> deadLetters.add(group + ":" + body));

    SQSEvent.SQSMessage record(String id, String slug, String body, int receiveCount) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body != null ? body : codec.encode(new CheckInMessage(id, new MonitorKey("acme", slug), "1",
                java.util.UUID.nameUUIDFromBytes(id.getBytes()).toString(), false, CheckInStatus.OK, null, null,
                Map.of("schedule", "0 * * * *"), Instant.parse("2026-01-01T00:00:00Z"))));
        m.setAttributes(Map.of("MessageGroupId", "acme/" + slug, "MessageDeduplicationId", "d-" + id,
                "ApproximateReceiveCount", String.valueOf(receiveCount)));
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
                record("a1", "alpha", null, 1),
                record("x1", "broken", null, 1),
                record("b1", "beta", null, 1),
                record("x2", "broken", null, 1),
                record("a2", "alpha", null, 1));
        assertThat(failed(response)).containsExactly("x1", "x2");
        assertThat(memory.allCheckIns(new MonitorKey("acme", "alpha"))).hasSize(2);
        assertThat(memory.allCheckIns(new MonitorKey("acme", "beta"))).hasSize(1);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void poisonGoesToTheDeadLetterQueueAndItsGroupGoesOn() {
        SQSBatchResponse response = handle(
                record("p1", "alpha", "{not a check-in", 1),
                record("a1", "alpha", null, 1));
        assertThat(failed(response)).isEmpty();
        assertThat(deadLetters).containsExactly("acme/alpha:{not a check-in");
        assertThat(memory.allCheckIns(new MonitorKey("acme", "alpha"))).hasSize(1);
    }

    @Test
    void aMessageThatKeepsFailingIsForwardedAfterThreeAttempts() {
        assertThat(failed(handle(record("x1", "broken", null, 2)))).containsExactly("x1");
        assertThat(failed(handle(record("x1", "broken", null, 3), record("x2", "broken", null, 1)))).containsExactly("x2");
        assertThat(deadLetters).hasSize(1);
        brokenSlug = "none";
        assertThat(failed(handle(record("x2", "broken", null, 2)))).isEmpty();
        assertThat(memory.allCheckIns(new MonitorKey("acme", "broken"))).hasSize(1);
    }
}
