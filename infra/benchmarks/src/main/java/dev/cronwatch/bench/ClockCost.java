package dev.cronwatch.bench;

import dev.cronwatch.adapters.aws.Connections;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.dynamo.BulkLoader;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.adapters.testing.RequestCounter;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.service.ClockService;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One clock tick over many monitors, few of them due: what it reads and how long it takes. The
 * deadlines are laid out so that three ticks of one table find 0, 10 and 1,000 due.
 */
final class ClockCost {
    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
    private static final MonitorConfig DAILY = new MonitorConfigParser("").parse(Map.of("schedule", "0 0 * * *"));

    private final DynamoDbLocal dynamo;
    private final Report report;

    ClockCost(DynamoDbLocal dynamo, Report report) {
        this.dynamo = dynamo;
        this.report = report;
    }

    void run(int... monitorCounts) {
        report.section("2. Clock cost: what one tick reads and sends (it queues judgements; the workers judge)");
        for (int monitors : monitorCounts) {
            RequestCounter counter = new RequestCounter();
            DynamoDbClient client = dynamo.client(counter);
            String table = DynamoDbLocalFixture.newTable(client);
            long seedStart = System.nanoTime();
            seed(client, table, monitors);
            report.line("%,d monitors seeded in %.1f s (BatchWriteItem)", monitors, (System.nanoTime() - seedStart) / 1e9);
            CountingQueue queue = new CountingQueue();
            ClockService clock = JudgingServices.clock(Wiring.builder(Settings.forTable("us-east-1", table, null),
                    Clock.fixed(T, ZoneOffset.UTC)).connections(Connections.of(client, null, null)).queue(queue)
                    .publisher(alert -> { }).metrics(Metrics.NONE).build().ports());
            tick(clock, queue, counter, monitors, T.minus(Duration.ofMinutes(20)), 0);
            tick(clock, queue, counter, monitors, T.minus(Duration.ofMinutes(9)), 10);
            // nothing judges here, so the first 10 are still due (8 minutes late: queued again, not judged here)
            tick(clock, queue, counter, monitors, T.minus(Duration.ofMinutes(2)), 1_000);
        }
        report.line("before the redesign the tick judged each miss itself: 10 due = 33 requests (164 ms), 1,000 due ="
                + " 3,051 requests, 2,150 RCU, 8.8 to 9.0 s; 0 due = 2 requests");
    }

    private void tick(ClockService clock, CountingQueue queue, RequestCounter counter, int monitors, Instant at,
                      int expectedDue) {
        Map<String, Integer> before = counter.requests();
        int items = counter.totalItemsRead();
        double rcu = counter.readCapacity();
        int judgements = queue.judgements;
        int sends = queue.sendRequests;
        long began = System.nanoTime();
        var result = clock.tick(at);
        double ms = (System.nanoTime() - began) / 1e6;
        String label = String.format("%,d monitors, %,d due", monitors, result.due());
        if (result.due() != expectedDue) throw new IllegalStateException(label + ", expected " + expectedDue);
        Map<String, Integer> delta = new java.util.TreeMap<>();
        counter.requests().forEach((op, n) -> {
            if (n > before.getOrDefault(op, 0)) delta.put(op, n - before.getOrDefault(op, 0));
        });
        report.figure("tick reads: " + label, delta.values().stream().mapToInt(Integer::intValue).sum(), "requests",
                String.format("%s: %,d keys, %.1f RCU (due index in 10 shards, outbox in 10)", delta,
                        counter.totalItemsRead() - items, counter.readCapacity() - rcu));
        report.figure("tick sends: " + label, queue.sendRequests - sends, "requests",
                String.format("%,d judgements in SendMessageBatch of 10", queue.judgements - judgements));
        report.figure("tick wall time: " + label, ms, "ms", "reads and the queue's bookkeeping; SQS not included");
    }

    /** The clock's queue, measured apart: only how many judgements a tick sends. */
    private static final class CountingQueue implements CheckInQueue {
        int judgements;
        int sendRequests;

        @Override
        public void send(CheckInMessage message, String deduplicationId) {
            throw new UnsupportedOperationException("the clock sends no check-ins");
        }

        @Override
        public void sendJudgements(List<Judgement> sent) {
            judgements += sent.size();
            sendRequests += (sent.size() + 9) / 10;
        }
    }

    /** 10 due at T-10 min, 990 at T-3 min, the rest spread over the 10 hours after T+2 h. */
    private static void seed(DynamoDbClient client, String table, int monitors) {
        BulkLoader loader = new BulkLoader(client, table);
        List<Monitor> batchMonitors = new ArrayList<>();
        List<MonitorEnvironment> batchEnvs = new ArrayList<>();
        Instant created = T.minus(Duration.ofDays(1));
        for (int m = 0; m < monitors; m++) {
            MonitorKey key = new MonitorKey("bench", "job-" + m);
            Instant latest = m < 10 ? T.minus(Duration.ofMinutes(10))
                    : m < 1_000 ? T.minus(Duration.ofMinutes(3))
                    : T.plus(Duration.ofHours(2)).plus(Duration.ofSeconds(m % 36_000));
            batchMonitors.add(new Monitor(key, "id-" + m, "1", "Job " + m, MonitorStatus.ACTIVE, false, DAILY, created,
                    List.of("production"), 1));
            batchEnvs.add(MonitorEnvironment.create(key, "production", created)
                    .withTimes(created, latest.minusSeconds(60), latest));
            if (batchEnvs.size() == 5_000) {
                loader.load(batchMonitors, batchEnvs);
                batchMonitors.clear();
                batchEnvs.clear();
            }
        }
        loader.load(batchMonitors, batchEnvs);
    }
}
