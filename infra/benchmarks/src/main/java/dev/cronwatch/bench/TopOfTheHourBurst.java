package dev.cronwatch.bench;

import dev.cronwatch.adapters.dynamo.BulkLoader;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.port.ManagementStore;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.handlers.ProcessorEvents;
import dev.cronwatch.local.LocalControls;
import dev.cronwatch.local.LocalCredentials;
import dev.cronwatch.local.LocalOptions;
import dev.cronwatch.local.LocalSystem;
import dev.cronwatch.emulators.DynamoDbLocal;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 13 item 4: the top of the hour, when every job starts at once. Local mode on the real clock
 * (the deployed handlers, ElasticMQ, a queue pump, the benchmark's DynamoDB Local) with N existing
 * monitors, each sending one check-in over HTTP on loopback within 10 seconds, from a bounded pool of
 * client threads. Measured: how fast they are accepted, how long until the last is applied, the
 * apply lag (applied minus the receive time the HTTP function stamped), and, from the store itself,
 * that each accepted check-in is there exactly once.
 */
final class TopOfTheHourBurst {
    static final int WORKERS = 4;
    private static final int CLIENT_THREADS = 64;
    private static final MonitorConfig DAILY = new MonitorConfigParser("").parse(Map.of("schedule", "0 3 * * *"));

    private final Report report;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    TopOfTheHourBurst(Report report) {
        this.report = report;
    }

    void run(int monitors, Duration spread) throws Exception {
        report.section(String.format("7. Top-of-the-hour burst: %,d monitors check in within %d s over HTTP (local mode, "
                + "%d workers)", monitors, spread.toSeconds(), WORKERS));
        var dataDir = Files.createTempDirectory("cronwatch-bench-burst");
        RequestTimer timer = new RequestTimer();
        Map<String, Long> appliedAt = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicInteger appliedTwice = new AtomicInteger();
        AtomicInteger redeliveriesRefused = new AtomicInteger();
        AtomicLong lastApplied = new AtomicLong();
        ProcessorEvents heard = (message, applied) -> {
            if (!(message instanceof CheckInMessage m)) return;
            if (applied.kind() == ProcessorService.MessageOutcome.Kind.DUPLICATE) {
                redeliveriesRefused.incrementAndGet();
                return;
            }
            long now = System.currentTimeMillis();
            if (appliedAt.putIfAbsent(m.checkInId(), now) != null) appliedTwice.incrementAndGet();
            receivedAt.put(m.checkInId(), m.receivedAt().toEpochMilli());
            lastApplied.set(System.nanoTime());
        };
        try (DynamoDbLocal dynamo = DynamoDbLocal.start();
             LocalSystem system = new LocalSystem(LocalOptions.parse("--port", "0", "--data-dir", dataDir.toString(),
                     "--workers", Integer.toString(WORKERS), "--rate-limit", "1000000"),
                     new PrintStream(OutputStream.nullOutputStream()), BenchBackends.of(dynamo, timer),
                     LocalSystem.Seam.NONE.withApplied(events -> events.andThen(heard)))) {
            LocalControls controls = system.controls();
            LocalCredentials c = system.credentials();
            long seedStart = System.nanoTime();
            seed(controls, c.organization(), monitors);
            report.line("%,d monitors seeded in %.1f s (BatchWriteItem); %d client threads", monitors,
                    (System.nanoTime() - seedStart) / 1e9, CLIENT_THREADS);

            List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger refused = new AtomicInteger();
            AtomicLong lastAccepted = new AtomicLong();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
            String load = Report.loadAverage();
            Map<String, RequestTimer.Spent> before = timer.snapshot();
            long start = System.nanoTime();
            long interval = spread.toNanos() / monitors;
            List<Future<?>> sent = new ArrayList<>();
            for (int m = 0; m < monitors; m++) {
                long at = start + m * interval;
                while (System.nanoTime() < at) Thread.onSpinWait();
                String url = c.baseUrl() + "/api/0/organizations/" + c.organization() + "/monitors/burst-" + m + "/checkins/";
                sent.add(clients.submit(() -> {
                    try {
                        String id = checkIn(c, url);
                        if (id == null) {
                            refused.incrementAndGet();
                        } else {
                            accepted.add(id);
                            lastAccepted.set(System.nanoTime());
                        }
                    } catch (Exception e) {
                        refused.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : sent) f.get();
            clients.shutdown();
            double acceptSeconds = (lastAccepted.get() - start) / 1e9;
            long patience = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (appliedAt.size() < accepted.size() && System.nanoTime() < patience) Thread.sleep(20);
            controls.drainQueue(); // whatever would arrive twice arrives now
            double appliedSeconds = (lastApplied.get() - start) / 1e9;

            long[] lags = accepted.stream().filter(receivedAt::containsKey)
                    .mapToLong(id -> appliedAt.get(id) - receivedAt.get(id)).sorted().toArray();
            Map<String, RequestTimer.Spent> spent = RequestTimer.since(before, timer.snapshot());
            int[] stored = countStored(controls.ports().stores().management(), c.organization(), monitors);
            int lost = (int) accepted.stream().filter(id -> !appliedAt.containsKey(id)).count();
            report.line("load average when the burst began: %s; offered %.0f check-ins/s", load,
                    monitors / (spread.toNanos() / 1e9));
            report.figure("burst: accepted per second", accepted.size() / acceptSeconds, "/s", String.format(
                    "%,d accepted (201) in %.1f s, %d refused", accepted.size(), acceptSeconds, refused.get()));
            report.figure("burst: time until every check-in is applied", appliedSeconds, "s", String.format(
                    "from the first request; %.1f s after the last was accepted", appliedSeconds - acceptSeconds));
            report.figure("burst: apply lag p50", percentile(lags, 50), "ms", "applied - received");
            report.figure("burst: apply lag p99", percentile(lags, 99), "ms", null);
            report.figure("burst: apply lag max", lags.length == 0 ? 0 : lags[lags.length - 1], "ms", null);
            StringBuilder per = new StringBuilder();
            spent.forEach((op, s) -> per.append(String.format("%s %.2f x %.1f ms, ",
                    op, (double) s.calls() / Math.max(1, accepted.size()), s.meanMs())));
            report.line("per check-in (requests x mean latency, DynamoDB and ElasticMQ): %s",
                    per.toString().replaceAll(", $", ""));
            report.figure("burst: lost", Math.max(lost, stored[0]), "check-ins", String.format(
                    "must be 0: %d never applied, %d monitors without their check-in in the store", lost, stored[0]));
            report.figure("burst: duplicated", appliedTwice.get() + stored[1], "check-ins", String.format(
                    "must be 0: %d applied twice, %d monitors with more than one check-in stored; %d redeliveries "
                            + "refused as duplicates", appliedTwice.get(), stored[1], redeliveriesRefused.get()));
        }
    }

    private String checkIn(LocalCredentials c, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "DSN " + c.dsn()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\": \"ok\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) return null;
        return (String) Json.parseObject(response.body()).get("id");
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Monitors without a stored check-in, and monitors with more than one: read back from the table. */
    private static int[] countStored(ManagementStore store, String organization, int monitors) throws Exception {
        AtomicInteger missing = new AtomicInteger();
        AtomicInteger extra = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(8);
        List<Future<?>> reads = new ArrayList<>();
        for (int m = 0; m < monitors; m++) {
            MonitorKey key = new MonitorKey(organization, "burst-" + m);
            reads.add(readers.submit(() -> {
                int n = store.checkInsSince(key, null, null, null, 5).items().size();
                if (n == 0) missing.incrementAndGet();
                if (n > 1) extra.incrementAndGet();
            }));
        }
        for (Future<?> f : reads) f.get();
        readers.shutdown();
        return new int[] {missing.get(), extra.get()};
    }

    /** Existing monitors of a daily job due hours from now: the burst is their on-time check-ins. */
    private static void seed(LocalControls controls, String organization, int count) {
        BulkLoader loader = new BulkLoader(controls.backends().dynamoDb(), controls.backends().table());
        Instant now = controls.ports().clock().instant();
        Instant created = now.minus(Duration.ofDays(1));
        Instant next = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(12));
        List<Monitor> batchMonitors = new ArrayList<>();
        List<MonitorEnvironment> batchEnvs = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            MonitorKey key = new MonitorKey(organization, "burst-" + m);
            batchMonitors.add(new Monitor(key, "id-" + m, "1", "Burst " + m, MonitorStatus.ACTIVE, false, DAILY, created,
                    List.of("production"), 1));
            batchEnvs.add(MonitorEnvironment.create(key, "production", created).withTimes(created, next,
                    next.plus(Duration.ofMinutes(5))));
            if (batchEnvs.size() == 1_000 || m == count - 1) {
                loader.load(batchMonitors, batchEnvs);
                batchMonitors.clear();
                batchEnvs.clear();
            }
        }
    }
}
