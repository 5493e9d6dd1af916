package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.sqs.DeadLetterQueue;
import dev.cronwatch.adapters.sqs.QueueMessageCodec;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingMetrics;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.Metric;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.queue.QueueMessage;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ProcessorService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The processor on Lambda's SQS batch contract: partial failures, group order kept, only a message that
 * itself failed goes to the dead-letter queue; its figures and its log context.
 */
class ProcessorHandlerTest {
    final InMemoryMonitorStore memory = new InMemoryMonitorStore();
    final List<String> deadLetters = new ArrayList<>();
    final QueueMessageCodec codec = new QueueMessageCodec();
    volatile String brokenSlug = "broken";
    volatile Supplier<RuntimeException> failure = () -> new IllegalStateException("a bug of ours");
    volatile boolean losingRaces;

    /** The in-memory store, except that reading a chosen monitor fails the way {@link #failure} says. */
    final WholeStore store = (WholeStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{WholeStore.class}, (proxy, method, args) -> {
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
    final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
    final RecordingMetrics metrics = new RecordingMetrics();
    final RecordingPublisher publisher = new RecordingPublisher();
    final ProcessorService processor = new ProcessorService(store, new CheckInRules(6, 10_000),
            new AlertDispatcher(store, publisher, clock), clock);
    final DeadLetterQueue deadLetterQueue = (body, group, dedup, reason) -> deadLetters.add(group + ":" + body);
    final ProcessorHandler handler = new ProcessorHandler(processor, deadLetterQueue,
            new ProcessorMetrics(metrics, clock), metrics);
    long sequence;

    SQSEvent.SQSMessage record(String id, String slug, String body) {
        return delivered(id, slug, body != null ? body : codec.encode(checkIn(id, slug, CheckInStatus.OK,
                Map.of("schedule", "0 * * * *"), "2026-01-01T00:00:00Z")));
    }

    SQSEvent.SQSMessage record(String id, String slug, QueueMessage message) {
        return delivered(id, slug, codec.encode(message));
    }

    private SQSEvent.SQSMessage delivered(String id, String slug, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        m.setAttributes(Map.of("MessageGroupId", "acme/" + slug, "MessageDeduplicationId", "d-" + id,
                "SequenceNumber", Long.toString(1_000_000 + id.hashCode() % 1000 + 1000 * (++sequence))));
        return m;
    }

    static CheckInMessage checkIn(String id, String slug, CheckInStatus status, Map<String, Object> config,
                                  String receivedAt) {
        return new CheckInMessage(id, new MonitorKey("acme", slug), "1",
                java.util.UUID.nameUUIDFromBytes(id.getBytes()).toString(), false, status, null, null,
                config,
                Instant.parse(receivedAt));
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
                record("a1", "alpha", (String) null),
                record("x1", "broken", (String) null),
                record("b1", "beta", (String) null),
                record("x2", "broken", (String) null),
                record("a2", "alpha", (String) null));
        assertThat(failed(response)).containsExactly("x1", "x2");
        assertThat(memory.allCheckIns(new MonitorKey("acme", "alpha"))).hasSize(2);
        assertThat(memory.allCheckIns(new MonitorKey("acme", "beta"))).hasSize(1);
        assertThat(deadLetters).isEmpty();
    }

    /** Issue 22: the status of a check-in whose config is refused is applied, and its error counted. */
    @Test
    void aBadConfigForAnExistingMonitor_isAppliedWithoutIt_andCountedAsAProcessingError() {
        MonitorKey alpha = new MonitorKey("acme", "alpha");
        handle(record("c1", "alpha", (String) null));
        handle(record("c2", "alpha", checkIn("c2", "alpha", CheckInStatus.ERROR,
                Map.of("schedule", "0 * * * *", "timezone", "UTC+2"), "2026-01-01T00:00:10Z")));
        assertThat(memory.allCheckIns(alpha)).extracting(c -> c.status()).containsExactlyInAnyOrder(CheckInStatus.OK,
                CheckInStatus.ERROR);
        assertThat(memory.processingErrors(alpha, clock.instant())).singleElement()
                .satisfies(e -> assertThat(e.type().name()).isEqualTo("MONITOR_INVALID_CONFIG"));
        assertThat(metrics.sum(Metric.CHECK_INS_APPLIED)).isEqualTo(2.0);
        assertThat(metrics.sum(Metric.PROCESSING_ERRORS)).isEqualTo(1.0);
    }

    @Test
    void poisonGoesToTheDeadLetterQueueAndItsGroupGoesOn() {
        SQSBatchResponse response = handle(record("p1", "alpha", "{not a check-in"), record("a1", "alpha", (String) null));
        assertThat(failed(response)).isEmpty();
        assertThat(deadLetters).containsExactly("acme/alpha:{not a check-in");
        assertThat(memory.allCheckIns(new MonitorKey("acme", "alpha"))).hasSize(1);
    }

    @Test
    void aMessageThatFailsThreeTimesByItsOwnFault_isSetAside_andWhatWasHeldBehindItIsNot() {
        SQSEvent.SQSMessage x1 = record("x1", "broken", (String) null);
        SQSEvent.SQSMessage x2 = record("x2", "broken", (String) null);
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
        SQSEvent.SQSMessage x1 = record("x1", "broken", (String) null);
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
        handle(record("a1", "alpha", (String) null));
        losingRaces = true;
        SQSEvent.SQSMessage a2 = record("a2", "alpha", (String) null);
        SQSEvent.SQSMessage b1 = record("b1", "beta", (String) null); // a new environment: its first write has nothing to race
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
        SQSEvent.SQSMessage a1 = record("a1", "alpha", (String) null);
        SQSEvent.SQSMessage a2 = record("a2", "alpha", (String) null);
        handle(a1, a2);
        handle(a1, a2);
        assertThat(memory.allCheckIns(new MonitorKey("acme", "alpha"))).hasSize(2);
        assertThat(memory.commits()).isEqualTo(2);
    }

    @Test
    void countsWhatEachMessageDid_andFlushesOncePerInvocation() {
        clock.set(Instant.parse("2026-01-01T00:00:01.500Z"));
        Map<String, Object> failFast = Map.of("schedule", "0 * * * *", "failure_issue_threshold", 1);
        assertThat(failed(handle(record("a1", "alpha", checkIn("a1", "alpha", CheckInStatus.OK, failFast,
                        "2026-01-01T00:00:00Z")),
                record("a2", "alpha", checkIn("a2", "alpha", CheckInStatus.ERROR, null, "2026-01-01T00:00:01Z")),
                record("n1", "nobody", checkIn("n1", "nobody", CheckInStatus.OK, null, "2026-01-01T00:00:01Z"))))).isEmpty();
        assertThat(metrics.sum(Metric.CHECK_INS_APPLIED)).isEqualTo(2);
        assertThat(metrics.values()).filteredOn(v -> v.metric() == Metric.APPLY_LAG_MS).extracting(RecordingMetrics.Value::value)
                .containsExactly(1500.0, 500.0);
        assertThat(metrics.sum(Metric.PROCESSING_ERRORS)).as("a check-in for a monitor that does not exist").isEqualTo(1);
        assertThat(metrics.sum(Metric.INCIDENTS_OPENED)).isEqualTo(1);
        assertThat(metrics.sum(Metric.ALERTS_PUBLISHED)).isEqualTo(1);
        assertThat(metrics.flushes()).isEqualTo(1);

        SQSEvent.SQSMessage ok = record("a3", "alpha", checkIn("a3", "alpha", CheckInStatus.OK, null, "2026-01-01T00:00:01Z"));
        handle(ok);
        handle(ok);
        assertThat(metrics.sum(Metric.INCIDENTS_RESOLVED)).isEqualTo(1);
        assertThat(metrics.sum(Metric.ALERTS_PUBLISHED)).isEqualTo(2);
        assertThat(metrics.sum(Metric.CHECK_INS_APPLIED)).as("the redelivery counts nothing").isEqualTo(3);
        assertThat(metrics.sum(Metric.ALERTS_FAILED)).isZero();
        assertThat(metrics.flushes()).isEqualTo(3);
    }

    @Test
    void countsTheMissesAndTimeoutsAJudgementFinds() {
        handle(record("r1", "runner", checkIn("r1", "runner", CheckInStatus.IN_PROGRESS,
                Map.of("schedule", "0 * * * *", "failure_issue_threshold", 1), "2026-01-01T00:00:00Z")));
        clock.set(Instant.parse("2026-01-01T03:00:05Z"));
        // the run times out at 00:30, the 01:00 and 02:00 check-ins are missed at 01:01 and 02:01
        handle(record("j1", "runner", new Judgement(new MonitorKey("acme", "runner"), "production",
                Instant.parse("2026-01-01T00:30:00Z"), Instant.parse("2026-01-01T03:00:00Z"))));
        assertThat(metrics.sum(Metric.TIMEOUTS_DETECTED)).isEqualTo(1);
        assertThat(metrics.sum(Metric.MISSES_DETECTED)).isEqualTo(2);
        assertThat(metrics.sum(Metric.INCIDENTS_OPENED)).as("the timeout opens it, the miss joins it").isEqualTo(1);
        assertThat(metrics.sum(Metric.CHECK_INS_APPLIED)).isEqualTo(1);
    }

    @Test
    void aMessageSetAside_isCountedAsADeadLetterForward() {
        handle(record("p1", "alpha", "{not a check-in"));
        assertThat(metrics.sum(Metric.DEAD_LETTER_FORWARDS)).isEqualTo(1);
        assertThat(metrics.flushes()).isEqualTo(1);
    }

    @Test
    void eachMessageLogsWithItsMonitor_andTheInvocationLeavesNothingBehind() throws Exception {
        DeployedMdc.during(this::logsEachMessageWithItsMonitor);
    }

    private void logsEachMessageWithItsMonitor() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>()); // groups are applied at once
        ProcessorHandler listening = new ProcessorHandler(processor, deadLetterQueue,
                (message, applied) -> seen.add(MDC.get(LogContext.ORGANIZATION) + "/" + MDC.get(LogContext.MONITOR)),
                metrics);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record("a1", "alpha", (String) null), record("b1", "beta", (String) null)));
        MDC.put(LogContext.MONITOR, "left over by another invocation");
        listening.handleRequest(event, null);
        assertThat(seen).containsExactlyInAnyOrder("acme/alpha", "acme/beta");
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
}
