package dev.cronwatch.bench;

import dev.cronwatch.adapters.aws.Connections;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.dynamo.BulkLoader;
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

    private final DynamoLocal dynamo;
    private final Report report;

    ClockCost(DynamoLocal dynamo, Report report) {
        this.dynamo = dynamo;
        this.report = report;
    }

    void run(int... monitorCounts) {
        report.section("2. Clock cost: one tick, items read, read units, wall time");
        for (int monitors : monitorCounts) {
            RequestCounter counter = new RequestCounter();
            DynamoDbClient client = dynamo.client(counter);
            String table = DynamoLocal.newTable(client);
            long seedStart = System.nanoTime();
            seed(client, table, monitors);
            report.line("%,d monitors seeded in %.1f s (BatchWriteItem)", monitors, (System.nanoTime() - seedStart) / 1e9);
            ClockService clock = Wiring.builder(Settings.forTable("us-east-1", table, null), Clock.fixed(T, ZoneOffset.UTC))
                    .connections(Connections.of(client, null, null)).queue(new CountingQueue()).publisher(alert -> { })
                    .metrics(Metrics.NONE).build().services().clockService();
            tick(clock, counter, monitors, T.minus(Duration.ofMinutes(20)), 0);
            tick(clock, counter, monitors, T.minus(Duration.ofMinutes(9)), 10);
            tick(clock, counter, monitors, T.plus(Duration.ofMinutes(51)), 1010); // the 10 first queued are still due
        }
    }

    private void tick(ClockService clock, RequestCounter counter, int monitors, Instant at, int expectedDue) {
        int requests = counter.totalRequests();
        int items = counter.totalItemsRead();
        double rcu = counter.readCapacity();
        long began = System.nanoTime();
        var result = clock.tick(at);
        double ms = (System.nanoTime() - began) / 1e6;
        String label = String.format("%,d monitors, %,d due", monitors, result.due());
        if (result.due() != expectedDue) throw new IllegalStateException(label + ", expected " + expectedDue);
        report.figure("tick items read: " + label, counter.totalItemsRead() - items, "items", null);
        report.figure("tick read units: " + label, counter.readCapacity() - rcu, "RCU", null);
        report.figure("tick requests: " + label, counter.totalRequests() - requests, "requests",
                "the due index and the outbox; the judging is the workers'");
        report.figure("tick wall time: " + label, ms, "ms", null);
    }

    /** The clock's queue, measured apart: only how many judgements a tick sends. */
    private static final class CountingQueue implements CheckInQueue {
        int judgements;

        @Override
        public void send(CheckInMessage message, String deduplicationId) {
            throw new UnsupportedOperationException("the clock sends no check-ins");
        }

        @Override
        public void judge(List<Judgement> sent) {
            judgements += sent.size();
        }
    }

    /** 10 due at T-10 min, 1,000 at T+50 min, the rest spread over the 10 hours after T+2 h. */
    private static void seed(DynamoDbClient client, String table, int monitors) {
        BulkLoader loader = new BulkLoader(client, table);
        List<Monitor> batchMonitors = new ArrayList<>();
        List<MonitorEnvironment> batchEnvs = new ArrayList<>();
        Instant created = T.minus(Duration.ofDays(1));
        for (int m = 0; m < monitors; m++) {
            MonitorKey key = new MonitorKey("bench", "job-" + m);
            Instant latest = m < 10 ? T.minus(Duration.ofMinutes(10))
                    : m < 1010 ? T.plus(Duration.ofMinutes(50))
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
