package dev.cronwatch.bench;

import dev.cronwatch.adapters.alert.AlertRenderer;
import dev.cronwatch.adapters.dynamo.BulkLoader;
import dev.cronwatch.adapters.dynamo.DynamoStores;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.adapters.testing.RequestCounter;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.port.ShardTicks;
import dev.cronwatch.core.queue.ShardTick;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.handlers.ClockHandler;
import dev.cronwatch.handlers.ProcessorEvents;
import dev.cronwatch.handlers.ProcessorHandler;
import dev.cronwatch.handlers.usecases.JudgingServices;
import dev.cronwatch.handlers.usecases.Limits;
import dev.cronwatch.handlers.usecases.Ports;
import dev.cronwatch.local.LocalControls;
import dev.cronwatch.local.LocalOptions;
import dev.cronwatch.local.LocalSystem;
import dev.cronwatch.emulators.DynamoDbLocal;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 17: a whole cron host dies and every one of its monitors misses at the same minute. Local
 * mode (the deployed handlers, a queue pump of N workers as Lambda's concurrency, ElasticMQ) on the
 * benchmark's DynamoDB Local, the environments seeded in bulk, all due at one tick. Measured: the
 * clock invocation itself (reading the due index, queueing a judgement per environment), the time
 * from the tick to the last alert published by the workers, and that every environment alerted
 * exactly once.
 */
final class MassMiss {
    private static final Instant TICK = Instant.parse("2026-03-02T12:00:00Z");
    private static final MonitorConfig DAILY = new MonitorConfigParser("").parse(Map.of("schedule", "0 0 * * *"));
    private static final Duration PATIENCE_PER_ALERT = Duration.ofMillis(100);

    private final Report report;
    private boolean headed;

    MassMiss(Report report) {
        this.report = report;
    }

    /** Where the judgements wait: ElasticMQ as local mode runs it, or a FIFO queue in this JVM. */
    enum Queue {
        LOCAL_MODE("local mode, ElasticMQ"),
        IN_PROCESS("pump on an in-process FIFO queue");

        final String label;

        Queue(String label) {
            this.label = label;
        }
    }

    void run(int due, int workers, Queue queue) throws Exception {
        if (!headed) {
            report.section("8. Mass miss (issue 17): N environments due at one tick, judged by N workers on DynamoDB Local");
            report.line("before the redesign one tick judged every miss itself: 1,000 due took 6.6 to 9.0 s, linear");
            headed = true;
        }
        RequestCounter counter = new RequestCounter();
        RequestTimer timer = new RequestTimer();
        Alerts alerts = new Alerts();
        String label = String.format("%,d due, %d worker%s, %s", due, workers, workers == 1 ? "" : "s", queue.label);
        try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
            if (queue == Queue.LOCAL_MODE) {
                inLocalMode(dynamo, due, workers, counter, timer, alerts, label);
            } else {
                onInProcessQueue(dynamo, due, workers, counter, timer, alerts, label);
            }
        }
    }

    private void inLocalMode(DynamoDbLocal dynamo, int due, int workers, RequestCounter counter, RequestTimer timer,
                             Alerts alerts, String label) throws Exception {
        var dataDir = Files.createTempDirectory("cronwatch-bench-miss");
        try (LocalSystem system = new LocalSystem(LocalOptions.parse("--port", "0", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", TICK.minusSeconds(30).toString(), "--workers", Integer.toString(workers),
                "--rate-limit", "1000000"), new PrintStream(OutputStream.nullOutputStream()),
                BenchBackends.of(dynamo, counter, timer), LocalSystem.Seam.NONE.withTopic(topic -> alert -> {
                    topic.publish(alert);
                    alerts.publish(alert);
                }))) {
            LocalControls controls = system.controls();
            double seeded = seed(controls.backends().dynamoDb(), controls.backends().table(),
                    system.credentials().organization(), due);
            controls.setTime(TICK.plusSeconds(3));
            measure(label, due, workers, seeded, counter, timer, alerts, () -> controls.tickWithoutDraining(TICK),
                    controls::drainQueue);
        }
    }

    private void onInProcessQueue(DynamoDbLocal dynamo, int due, int workers, RequestCounter counter, RequestTimer timer,
                                  Alerts alerts, String label) throws Exception {
        DynamoDbClient client = dynamo.client(counter, timer);
        String table = DynamoDbLocalFixture.newTable(client);
        Clock clock = Clock.fixed(TICK.plusSeconds(3), ZoneOffset.UTC);
        InProcessFifo fifo = new InProcessFifo();
        AlertRenderer renderer = new AlertRenderer(null);
        Ports ports = Ports.of(DynamoStores.on(client, table, 90), DynamoStores.tenants(client, table),
                fifo, alert -> {
                    renderer.render(alert.message().body()); // as the SNS publisher does before its request
                    alerts.publish(alert);
                }, clock, UUID::randomUUID, new Limits(1_000_000, 1_000_000, Duration.ofMinutes(15)));
        ProcessorHandler handler = new ProcessorHandler(JudgingServices.processor(ports),
                (body, group, dedup, reason) -> { throw new IllegalStateException("dead letter in a benchmark: " + reason); },
                ProcessorEvents.NONE, Metrics.NONE);
        ClockService clockService = JudgingServices.clock(ports);
        ClockHandler clockHandler = new ClockHandler(clockService, ClockHandler.workersInThisThread(
                clockService, Metrics.NONE, ProcessorEvents.NONE), clock, Duration.ZERO, Metrics.NONE,
                ProcessorEvents.NONE);
        double seeded = seed(client, table, "bench", due);
        List<Thread> consumers = fifo.startConsumers(workers, handler);
        try {
            measure(label, due, workers, seeded, counter, timer, alerts, () -> clockHandler.tick(TICK), () -> {
                long until = System.nanoTime() + 60_000_000_000L;
                while (fifo.waiting() > 0 && System.nanoTime() < until) sleep(20);
            });
        } finally {
            consumers.forEach(Thread::interrupt);
            client.deleteTable(b -> b.tableName(table));
        }
    }

    private void measure(String label, int due, int workers, double seedSeconds, RequestCounter counter,
                         RequestTimer timer, Alerts alerts, java.util.function.Supplier<ClockService.TickResult> tickAction,
                         Runnable drain) throws Exception {
        Map<String, Integer> requestsBefore = counter.requests();
        Map<String, RequestTimer.Spent> timeBefore = timer.snapshot();
        String load = Report.loadAverage();
        long tickStart = System.nanoTime();
        ClockService.TickResult tick = tickAction.get();
        double clockSeconds = (System.nanoTime() - tickStart) / 1e9;
        if (tick.due() != due || tick.queued() != due) {
            throw new IllegalStateException("tick found " + tick.due() + " due, queued " + tick.queued() + " of " + due);
        }
        long deadline = System.nanoTime() + PATIENCE_PER_ALERT.multipliedBy(due).plusMinutes(1).toNanos();
        while (alerts.published.get() < due && System.nanoTime() < deadline) sleep(20);
        drain.run(); // anything left: a duplicate would show now
        double toLastAlert = (alerts.last.get() - tickStart) / 1e9;

        int published = alerts.published.get();
        int once = (int) alerts.perMonitor.values().stream().filter(n -> n.get() == 1).count();
        int duplicated = published - alerts.perMonitor.size();
        report.line("%s: seeded in %.1f s; load average at the tick %s", label, seedSeconds, load);
        report.figure("clock invocation: " + label, clockSeconds, "s", String.format("target < 10 s: %s",
                clockSeconds < 10 ? "met" : "NOT met"));
        report.figure("tick -> last alert: " + label, toLastAlert, "s", String.format("%.0f alerts/s%s",
                published / toLastAlert, due == 10_000 && workers == 16 ? "; target < 60 s: "
                        + (toLastAlert < 60 ? "met" : "NOT met") : ""));
        report.figure("alerts published: " + label, published, "alerts", String.format(
                "%,d environments alerted exactly once, %d duplicated, %d missing: %s", once, duplicated,
                due - alerts.perMonitor.size(), once == due && published == due ? "exactly once" : "NOT exactly once"));
        profile(due, RequestTimer.since(timeBefore, timer.snapshot()), counter.requests(), requestsBefore, workers,
                toLastAlert);
    }

    /**
     * Issue 26's fairness: organization B's {@code small} due alone, then beside organization A's
     * {@code big} due at the same tick; B's last alert after the tick each time, and the ratio (target
     * at most 2). The in-process FIFO queue hands out ready groups in arrival order, so B waits behind
     * whatever A's judgements were queued before its own.
     */
    void fairness(int big, int small, int workers) throws Exception {
        report.section(String.format("8b. Fairness (issue 26): B %,d due alone, then beside A %,d due, %d workers",
                small, big, workers));
        double alone = lastAlertOf("b", 0, small, workers);
        double flooded = lastAlertOf("b", big, small, workers);
        // the first run pays the JVM's warm-up, which the flooded run, second, does not: B alone again, warm
        double aloneWarm = lastAlertOf("b", 0, small, workers);
        report.figure("B's last alert, A idle", alone, "s", "the first run in this JVM");
        report.figure("B's last alert, A flooding", flooded, "s", String.format("ratio %.2f; target <= 2: %s",
                flooded / alone, flooded <= 2 * alone ? "met" : "NOT met"));
        report.figure("B's last alert, A idle, warm", aloneWarm, "s", String.format(
                "after the flooded run; A flooding / this: %.2f", flooded / aloneWarm));
    }

    /** Seconds from the tick to organization B's last alert, with {@code big} of organization A due beside it. */
    private double lastAlertOf(String organization, int big, int small, int workers) throws Exception {
        RequestCounter counter = new RequestCounter();
        RequestTimer timer = new RequestTimer();
        try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
            DynamoDbClient client = dynamo.client(counter, timer);
            String table = DynamoDbLocalFixture.newTable(client);
            Clock clock = Clock.fixed(TICK.plusSeconds(3), ZoneOffset.UTC);
            InProcessFifo fifo = new InProcessFifo();
            AtomicInteger ofB = new AtomicInteger();
            AtomicLong lastOfB = new AtomicLong();
            AtomicLong lastOfBQueued = new AtomicLong();
            CheckInQueue queue = fifo.withJudgementsThrough(judgements -> {
                fifo.sendJudgements(judgements);
                if (judgements.stream().anyMatch(j -> j.monitor().organization().equals(organization))) {
                    lastOfBQueued.set(System.nanoTime());
                }
            });
            Ports ports = Ports.of(DynamoStores.on(client, table, 90),
                    DynamoStores.tenants(client, table), queue, alert -> {
                        if (alert.monitor().organization().equals(organization)) {
                            ofB.incrementAndGet();
                            lastOfB.set(System.nanoTime());
                        }
                    }, clock, UUID::randomUUID, new Limits(1_000_000, 1_000_000, Duration.ofMinutes(15)));
            ProcessorHandler handler = new ProcessorHandler(JudgingServices.processor(ports),
                    (body, group, dedup, reason) -> { throw new IllegalStateException("dead letter: " + reason); },
                    ProcessorEvents.NONE, Metrics.NONE);
            if (big > 0) seed(client, table, "a", big);
            seed(client, table, organization, small);
            List<Thread> consumers = fifo.startConsumers(workers, handler);
            try {
                String load = Report.loadAverage();
                long tickStart = System.nanoTime();
                ClockTimes times = timedTick(JudgingServices.clock(ports));
                long until = System.nanoTime() + 300_000_000_000L;
                while (ofB.get() < small && System.nanoTime() < until) sleep(5);
                if (ofB.get() != small) throw new IllegalStateException("B alerted " + ofB.get() + " of " + small);
                double seconds = (lastOfB.get() - tickStart) / 1e9;
                report.line("B %d due beside A %,d due: B's last alert %.2f s after the tick; clock: dispatcher %.3f s, "
                        + "slowest of %d shard workers %.2f s; load average %s", small, big, seconds, times.dispatcher,
                        times.shards, times.slowestWorker, load);
                report.line("  B's last judgement queued %.2f s after the tick, the head passes all done %.2f s, "
                        + "the first tail pass began %s", (lastOfBQueued.get() - tickStart) / 1e9,
                        (times.headsDone - tickStart) / 1e9, times.tailsBegan == 0 ? "never (none)"
                                : String.format("%.2f s", (times.tailsBegan - tickStart) / 1e9));
                return seconds;
            } finally {
                consumers.forEach(Thread::interrupt);
                client.deleteTable(b -> b.tableName(table));
            }
        }
    }

    /**
     * The clock's own invocation for {@code due} environments at one tick, without the workers that
     * judge them: the dispatcher, and each shard's worker at once as Lambda would run them.
     */
    void clockOnly(int due) throws Exception {
        report.section(String.format("8c. The clock's invocation (issue 26): %,d due, shard workers in parallel", due));
        try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
            DynamoDbClient client = dynamo.client(new RequestCounter(), new RequestTimer());
            String table = DynamoDbLocalFixture.newTable(client);
            InProcessFifo fifo = new InProcessFifo();
            Ports ports = Ports.of(DynamoStores.on(client, table, 90),
                    DynamoStores.tenants(client, table), fifo, alert -> { },
                    Clock.fixed(TICK.plusSeconds(3), ZoneOffset.UTC), UUID::randomUUID,
                    new Limits(1_000_000, 1_000_000, Duration.ofMinutes(15)));
            double seeded = seed(client, table, "bench", due);
            String load = Report.loadAverage();
            ClockTimes times = timedTick(JudgingServices.clock(ports));
            if (times.queued != due) throw new IllegalStateException("queued " + times.queued + " of " + due);
            report.line("%,d due seeded in %.1f s; load average at the tick %s", due, seeded, load);
            report.figure(String.format("clock dispatcher: %,d due", due), times.dispatcher, "s", "");
            report.figure(String.format("clock, slowest of %d shard workers: %,d due", times.shards, due),
                    times.slowestWorker, "s", String.format("all shards %.2f s; target < 10 s: %s", times.allWorkers,
                            times.allWorkers < 10 ? "met" : "NOT met"));
            client.deleteTable(b -> b.tableName(table));
        }
    }

    /** {@code headsDone} and {@code tailsBegan}: System.nanoTime() (0: no tail pass began). */
    private record ClockTimes(double dispatcher, int shards, double slowestWorker, double allWorkers, int queued,
                              long headsDone, long tailsBegan) {
    }

    /**
     * The dispatcher, then every shard tick it handed over on its own thread, and every tail pass a
     * head pass hands over on its own too, as Lambda runs one invocation per message; each timed.
     */
    private static ClockTimes timedTick(ClockService clockService) throws Exception {
        List<ShardTick> handed = new ArrayList<>();
        long began = System.nanoTime();
        clockService.dispatch(TICK, handed::addAll);
        double dispatcher = (System.nanoTime() - began) / 1e9;
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            long workersBegan = System.nanoTime();
            List<Future<double[]>> running = new CopyOnWriteArrayList<>();
            AtomicLong headsDone = new AtomicLong();
            AtomicInteger handingOver = new AtomicInteger();
            AtomicLong tailsBegan = new AtomicLong();
            ShardTicks onThreads = new ShardTicks() {
                @Override
                public void send(List<ShardTick> ticks) {
                    for (ShardTick work : ticks) {
                        running.add(pool.submit(() -> {
                            long start = System.nanoTime();
                            if (work.isTail()) tailsBegan.compareAndSet(0, start);
                            int queued = clockService.tickShard(work, this).queued();
                            if (!work.isTail()) headsDone.accumulateAndGet(System.nanoTime(), Math::max);
                            return new double[] {(System.nanoTime() - start) / 1e9, queued};
                        }));
                    }
                }

                @Override
                public void sendAfter(List<ShardTick> ticks, Duration delay) {
                    // as SQS holds a delayed message: the worker's own time starts when it is handed the tick
                    handingOver.incrementAndGet();
                    pool.submit(() -> {
                        try {
                            sleep(delay.toMillis());
                            send(ticks);
                        } finally {
                            handingOver.decrementAndGet();
                        }
                    });
                }
            };
            onThreads.send(handed);
            double slowest = 0;
            int queued = 0;
            for (int i = 0; i < running.size() || handingOver.get() > 0; ) {
                if (i == running.size()) {
                    sleep(5);
                    continue;
                }
                double[] worker = running.get(i++).get();
                slowest = Math.max(slowest, worker[0]);
                queued += (int) worker[1];
            }
            return new ClockTimes(dispatcher, handed.size(), slowest, (System.nanoTime() - workersBegan) / 1e9, queued,
                    headsDone.get(), tailsBegan.get());
        } finally {
            pool.shutdown();
        }
    }

    /** Every alert published, per monitor, and when the last one went. */
    private static final class Alerts {
        final Map<String, AtomicInteger> perMonitor = new ConcurrentHashMap<>();
        final AtomicInteger published = new AtomicInteger();
        final AtomicLong last = new AtomicLong();

        void publish(PendingAlert alert) {
            perMonitor.computeIfAbsent(alert.monitor().slug(), k -> new AtomicInteger()).incrementAndGet();
            published.incrementAndGet();
            last.set(System.nanoTime());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Where the workers' time goes: requests per judgement, and each kind's latency as the client saw it. */
    private void profile(int due, Map<String, RequestTimer.Spent> spent, Map<String, Integer> after,
                         Map<String, Integer> before, int workers, double seconds) {
        StringBuilder per = new StringBuilder();
        double busy = 0;
        Map<String, Integer> delta = new TreeMap<>();
        after.forEach((op, n) -> {
            if (n > before.getOrDefault(op, 0)) delta.put(op, n - before.getOrDefault(op, 0));
        });
        for (var e : spent.entrySet()) {
            per.append(String.format("%s %.2f x %.1f ms, ", e.getKey(), (double) e.getValue().calls() / due,
                    e.getValue().meanMs()));
            if (!e.getKey().equals("ReceiveMessage")) busy += e.getValue().nanos() / 1e9;
        }
        report.line("  per judgement (requests x mean latency): %s", per.toString().replaceAll(", $", ""));
        report.line("  DynamoDB requests per judgement %.2f; request time outside long polls %.0f s over %d worker(s) in %.0f s"
                + " (%.0f%% of their time)", delta.values().stream().mapToInt(Integer::intValue).sum() / (double) due,
                busy, workers, seconds, 100 * busy / Math.max(1e-9, workers * seconds));
    }

    /**
     * Monitors of a daily job whose window closes at the tick's minute (the tick that judges it, as on
     * AWS: a deadline is judged by the tick of its own minute), in parallel batches; seconds taken. Each
     * has the ordinal its organization's counter would have given it, created in order.
     */
    private static double seed(DynamoDbClient client, String table, String organization, int count) throws Exception {
        long began = System.nanoTime();
        BulkLoader loader = new BulkLoader(client, table);
        Instant created = TICK.minus(Duration.ofDays(2));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> loads = new ArrayList<>();
            int chunk = 500;
            for (int from = 0; from < count; from += chunk) {
                int start = from;
                int end = Math.min(count, from + chunk);
                loads.add(pool.submit(() -> {
                    List<Monitor> monitors = new ArrayList<>();
                    List<MonitorEnvironment> envs = new ArrayList<>();
                    for (int m = start; m < end; m++) {
                        MonitorKey key = new MonitorKey(organization, "host-job-" + m);
                        Monitor monitor = new Monitor(key, "id-" + m, "1", "Job " + m, MonitorStatus.ACTIVE, false,
                                DAILY, created, List.of("production"), 1).withOrdinal(m + 1);
                        monitors.add(monitor);
                        envs.add(MonitorEnvironment.create(monitor, "production", created)
                                .withTimes(created, TICK.minus(Duration.ofMinutes(1)), TICK));
                    }
                    loader.load(monitors, envs);
                }));
            }
            for (Future<?> f : loads) f.get();
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - began) / 1e9;
    }
}
