package dev.cronwatch.bench;

import dev.cronwatch.adapters.aws.Connections;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.testing.RequestCounter;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.handlers.ProcessorHandler;
import dev.cronwatch.handlers.Wiring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The processor handler applying batches of 10 heartbeats across many monitors to DynamoDB Local,
 * beside the ceiling the same emulator reaches: conditional PutItem from one thread.
 */
final class ProcessorThroughput {
    private final DynamoLocal dynamo;
    private final Report report;

    ProcessorThroughput(DynamoLocal dynamo, Report report) {
        this.dynamo = dynamo;
        this.report = report;
    }

    void run(int monitors, int checkIns) {
        report.section("1. Processor throughput (DynamoDB Local, batches of 10 across " + monitors + " monitors)");
        RequestCounter counter = new RequestCounter();
        WrittenItems written = new WrittenItems();
        DynamoDbClient client = dynamo.client(counter, written);
        String table = DynamoLocal.newTable(client);
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        // alerts go nowhere; no SQS client, so a message set aside (poison, in a benchmark) fails the run
        Wiring wiring = Wiring.builder(Settings.forTable("us-east-1", table, null), clock)
                .connections(Connections.of(client, null, null)).publisher(alert -> { }).metrics(Metrics.NONE).build();
        ProcessorHandler handler = new ProcessorHandler(wiring.services().processor(), wiring.deadLetters(),
                wiring.processorEvents(), Metrics.NONE);

        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        applyRound(handler, monitors, start, Messages.HOURLY); // the monitors exist before the clock starts
        int rounds = Math.max(1, checkIns / monitors);
        int snapshot = counter.totalRequests();
        double writeUnits = counter.writeCapacity();
        long itemsWritten = written.items();
        long began = System.nanoTime();
        for (int r = 1; r <= rounds; r++) applyRound(handler, monitors, start.plus(Duration.ofMinutes(r)), null);
        double seconds = (System.nanoTime() - began) / 1e9;
        int applied = rounds * monitors;
        double throughput = applied / seconds;
        double requestsPerCheckIn = (double) (counter.totalRequests() - snapshot) / applied;
        double writesPerCheckIn = (double) (written.items() - itemsWritten) / applied;

        double ceiling = conditionalPutCeiling(client, table, applied);
        report.figure("processor check-ins/s", throughput, "/s", applied + " heartbeats");
        report.figure("ceiling: conditional PutItem/s (one thread)", ceiling, "/s", "same DynamoDB Local, same run");
        report.figure("DynamoDB requests per heartbeat (processor)", requestsPerCheckIn, "requests", "target <= 3 with the HTTP update");
        report.figure("items written per heartbeat (one transaction)", writesPerCheckIn, "items", null);
        report.figure("write units per heartbeat (DynamoDB Local's count)", (counter.writeCapacity() - writeUnits) / applied, "WCU", null);
        double ratio = throughput / (ceiling / writesPerCheckIn);
        report.figure("ratio throughput / (ceiling / items written per check-in)", ratio, "",
                ratio >= 0.8 ? "target >= 0.8: met" : "target >= 0.8: NOT met");
        report.figure("ratio throughput / (ceiling / requests per check-in)", throughput / (ceiling / requestsPerCheckIn), "",
                "the stricter reading: a transaction counted as one write");
        pathCosts(handler, counter, start.plus(Duration.ofMinutes(rounds + 1)));
    }

    private static void applyRound(ProcessorHandler handler, int monitors, Instant at, Map<String, Object> config) {
        List<CheckInMessage> batch = new ArrayList<>(10);
        for (int m = 0; m < monitors; m++) {
            batch.add(Messages.message("job-" + m, CheckInStatus.OK, null, at, config));
            if (batch.size() == 10 || m == monitors - 1) {
                var response = handler.handleRequest(Messages.event(batch), null);
                if (!response.getBatchItemFailures().isEmpty()) throw new IllegalStateException("batch failures: " + response);
                batch.clear();
            }
        }
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

    /** Requests and write units of the common paths, one message at a time. */
    private void pathCosts(ProcessorHandler handler, RequestCounter counter, Instant at) {
        report.line("DynamoDB requests and write units per message, by path (processor side):");
        Map<String, Object> failFast = Map.of("schedule", "0 * * * *", "failure_issue_threshold", 1);
        measure(handler, counter, "heartbeat (ok, no id)", Messages.message("path-a", CheckInStatus.OK, null, at, Messages.HOURLY));
        String run = UUID.randomUUID().toString();
        measure(handler, counter, "in_progress (start of a run)", Messages.message("path-b", CheckInStatus.IN_PROGRESS, run, at, Messages.HOURLY));
        measure(handler, counter, "ok closing that run", Messages.message("path-b", CheckInStatus.OK, run, at.plusSeconds(30), null));
        measure(handler, counter, "ok, creating its monitor", Messages.message("path-c", CheckInStatus.OK, null, at, failFast));
        measure(handler, counter, "error past threshold (opens, outbox, publish)", Messages.message("path-c", CheckInStatus.ERROR, null, at.plusSeconds(60), null));
    }

    private void measure(ProcessorHandler handler, RequestCounter counter, String path, CheckInMessage message) {
        Map<String, Integer> before = Map.copyOf(counter.requests());
        double wcu = counter.writeCapacity();
        handler.handleRequest(Messages.event(List.of(message)), null);
        Map<String, Integer> delta = new java.util.TreeMap<>();
        counter.requests().forEach((op, n) -> {
            int d = n - before.getOrDefault(op, 0);
            if (d > 0) delta.put(op, d);
        });
        int total = delta.values().stream().mapToInt(Integer::intValue).sum();
        report.figure("requests: " + path, total, "requests", delta.toString());
        report.figure("write units: " + path, counter.writeCapacity() - wcu, "WCU", null);
    }
}
