package dev.cronwatch.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.cronwatch.adapters.aws.Connections;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.adapters.testing.RequestCounter;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.handlers.ProcessorHandler;
import dev.cronwatch.handlers.Wiring;
import dev.cronwatch.emulators.DynamoDbLocal;
import dev.cronwatch.handlers.usecases.JudgingServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The processor handler applying batches of 10 heartbeats across many monitors to DynamoDB Local,
 * beside the ceiling the same emulator reaches: conditional PutItem from one thread.
 */
final class ProcessorThroughput {
    /** The figures of docs/benchmarks.md before the redesign (2 requests, 3 items in one transaction). */
    private static final double OLD_THROUGHPUT = 202;
    private static final double OLD_CEILING = 548;
    /** Deliveries of one message before the run gives up, as the queue's redrive would much later. */
    private static final int MAX_DELIVERIES = 10;

    private final DynamoDbLocal dynamo;
    private final Report report;

    ProcessorThroughput(DynamoDbLocal dynamo, Report report) {
        this.dynamo = dynamo;
        this.report = report;
    }

    void run(int monitors, int checkIns) {
        report.section("1. Processor throughput (DynamoDB Local, batches of 10 across " + monitors + " monitors)");
        RequestCounter counter = new RequestCounter();
        WrittenItems written = new WrittenItems();
        RequestTimer timer = new RequestTimer();
        DynamoDbClient client = dynamo.client(counter, written, timer);
        String table = DynamoDbLocalFixture.newTable(client);
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        // alerts go nowhere; no SQS client, so a message set aside (poison, in a benchmark) fails the run
        // the first round creates every monitor in one minute: the per-minute limit would refuse all but 60
        Wiring wiring = Wiring.builder(Settings.forTable("us-east-1", table, null).withMaxNewMonitorsPerMinute(monitors), clock)
                .connections(Connections.of(client, null, null)).publisher(alert -> { }).metrics(Metrics.NONE).build();
        ProcessorHandler handler = new ProcessorHandler(JudgingServices.processor(wiring.ports()), wiring.deadLetters(),
                wiring.processorEvents(), Metrics.NONE);

        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        // the monitors exist before the clock starts: the first round creates them, one organization's, in lanes at once
        int transactionsBefore = counter.requests("TransactWriteItems");
        long createsBegan = System.nanoTime();
        int redelivered = applyRound(handler, monitors, start, Messages.HOURLY);
        double createSeconds = (System.nanoTime() - createsBegan) / 1e9;
        report.figure("first round: monitors created/s", monitors / createSeconds, "/s", monitors
                + " creates of one organization, up to 5 lanes at once");
        report.figure("first round: commits per create", (double) (counter.requests("TransactWriteItems")
                - transactionsBefore) / monitors, "transactions", "1 when creates of one organization do not contend");
        report.figure("first round: messages reported back to the queue", redelivered, "messages",
                "a create that kept colliding on the organization's counter; target 0");
        int rounds = Math.max(1, checkIns / monitors);
        int snapshot = counter.totalRequests();
        double writeUnits = counter.writeCapacity();
        long itemsWritten = written.items();
        var timeBefore = timer.snapshot();
        long began = System.nanoTime();
        for (int r = 1; r <= rounds; r++) applyRound(handler, monitors, start.plus(Duration.ofMinutes(r)), null);
        double seconds = (System.nanoTime() - began) / 1e9;
        var spent = RequestTimer.since(timeBefore, timer.snapshot());
        int applied = rounds * monitors;
        double throughput = applied / seconds;
        double requestsPerCheckIn = (double) (counter.totalRequests() - snapshot) / applied;
        double writesPerCheckIn = (double) (written.items() - itemsWritten) / applied;

        double ceiling = conditionalPutCeiling(client, table, applied);
        StringBuilder per = new StringBuilder();
        double inRequests = 0;
        for (var e : spent.entrySet()) {
            per.append(String.format("%s %.1f x %.2f ms, ", e.getKey(), (double) e.getValue().calls() / (rounds * monitors),
                    e.getValue().meanMs()));
            inRequests += e.getValue().nanos() / 1e6;
        }
        int appliedCount = rounds * monitors;
        // a batch's groups run in lanes at once, so request time adds up to more than the wall time it took
        double wallMs = seconds * 1000 / appliedCount;
        report.line("per heartbeat: %s%.2f ms of wall time; %.1f requests in flight on average; a conditional put: %.2f ms",
                per, wallMs, inRequests / appliedCount / wallMs, 1000 / ceiling);
        report.figure("processor check-ins/s", throughput, "/s", applied + " heartbeats");
        report.figure("ceiling: conditional PutItem/s (one thread)", ceiling, "/s", "same DynamoDB Local, same run; the processor applies up to 5 groups at once");
        report.figure("DynamoDB requests per heartbeat (processor)", requestsPerCheckIn, "requests", "target <= 3; the HTTP function makes none");
        report.figure("items written per heartbeat", writesPerCheckIn, "items", "check-in, then the environment (plain puts)");
        report.figure("write units per heartbeat (DynamoDB Local's count)", (counter.writeCapacity() - writeUnits) / applied, "WCU", null);
        double ratio = throughput / (ceiling / writesPerCheckIn);
        report.figure("ratio throughput / (ceiling / items written per check-in)", ratio, "",
                ratio >= 0.8 ? "target >= 0.8: met" : "target >= 0.8: NOT met");
        report.figure("ratio throughput / (ceiling / requests per check-in)", throughput / (ceiling / requestsPerCheckIn), "",
                "the stricter reading: a transaction counted as one write");
        report.line("before the redesign (docs/benchmarks.md, 2026-11-24): %.0f check-ins/s against %.0f puts/s; "
                + "%d requests and %d items written per heartbeat; ratios %.2f by items, %.2f by requests",
                OLD_THROUGHPUT, OLD_CEILING, 2, 3, OLD_THROUGHPUT / (OLD_CEILING / 3), OLD_THROUGHPUT / (OLD_CEILING / 2));
        report.figure("throughput / ceiling", throughput / ceiling, "", String.format(
                "check-ins per conditional put; before the redesign %.2f: %s", OLD_THROUGHPUT / OLD_CEILING,
                throughput / ceiling >= OLD_THROUGHPUT / OLD_CEILING ? "not worse" : "WORSE"));
    }

    /** Returns how many messages were reported back to the queue and delivered again. */
    private static int applyRound(ProcessorHandler handler, int monitors, Instant at, Map<String, Object> config) {
        List<CheckInMessage> batch = new ArrayList<>(10);
        int redelivered = 0;
        for (int m = 0; m < monitors; m++) {
            batch.add(Messages.message("job-" + m, CheckInStatus.OK, null, at, config));
            if (batch.size() == 10 || m == monitors - 1) {
                redelivered += deliverUntilDone(handler, batch);
                batch.clear();
            }
        }
        return redelivered;
    }

    /**
     * Delivers the messages a batch reported back again, as SQS would: the first round's creates of one
     * organization, applied in parallel lanes, may keep colliding on the organization's monitor counter.
     */
    private static int deliverUntilDone(ProcessorHandler handler, List<CheckInMessage> batch) {
        List<CheckInMessage> pending = batch;
        int redelivered = 0;
        for (int delivery = 1; !pending.isEmpty(); delivery++) {
            if (delivery > 1) redelivered += pending.size();
            var response = handler.handleRequest(Messages.event(pending), null);
            Set<String> failed = response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
            if (!failed.isEmpty() && delivery == MAX_DELIVERIES) throw new IllegalStateException("batch failures: " + response);
            pending = pending.stream().filter(m -> failed.contains(m.messageId())).toList();
        }
        return redelivered;
    }

    /** One thread of conditional puts of items of an environment's size: what one processor could reach at best. */
    private static double conditionalPutCeiling(DynamoDbClient client, String table, int operations) {
        String payload = "x".repeat(1500);
        long began = System.nanoTime();
        for (int i = 0; i < operations; i++) {
            client.putItem(PutItemRequest.builder().tableName(table)
                    .item(Map.of("pk", AttributeValue.fromS("CEIL#" + UUID.randomUUID()), "sk", AttributeValue.fromS("X"),
                            "doc", AttributeValue.fromS(payload)))
                    .conditionExpression("attribute_not_exists(pk)").build());
        }
        return operations / ((System.nanoTime() - began) / 1e9);
    }
}
