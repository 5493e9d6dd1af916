package dev.cronwatch.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.dynamo.DynamoAlertOutbox;
import dev.cronwatch.adapters.dynamo.DynamoDecisionStore;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.adapters.testing.RequestCounter;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.PingKind;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.handlers.ProcessorEvents;
import dev.cronwatch.handlers.ProcessorHandler;
import dev.cronwatch.emulators.DynamoDbLocal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What each kind of message costs the processor in DynamoDB, as DynamoDB Local counts it (consumed
 * capacity returned with each request): requests, read units, write units, and the size of the items
 * it writes. Every monitor is first brought to its steady state (its environment holding as many
 * recent runs as it will keep), because the environment item grows until then and write units are
 * whole kilobytes of it.
 */
final class PathCosts {
    /** Every 5 minutes: each check-in moves the environment's deadline, as in production. */
    private static final Map<String, Object> FIVE_MINUTES =
            Map.of("schedule", "*/5 * * * *", "checkin_margin", 1, "max_runtime", 2);
    private static final Map<String, Object> FIVE_MINUTES_THRESHOLD_2 = Map.of("schedule", "*/5 * * * *",
            "checkin_margin", 1, "max_runtime", 2, "failure_issue_threshold", 2);
    private static final int WARM_UP_PERIODS = 12;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    static final String HEARTBEAT = "heartbeat (ok, no id)";
    static final String SAME_DEADLINE = "second heartbeat of a period (deadline unchanged)";
    static final String START_RUN = "in_progress (start of a run)";
    static final String FINISH_RUN = "ok closing that run";
    static final String ERROR = "error past the threshold (incident, outbox, publish)";
    static final String JUDGEMENT = "judgement with a miss (incident, outbox, publish)";
    static final String UPSERT = "ok creating its monitor (upsert)";
    static final String DUPLICATE = "redelivered message (duplicate)";
    static final String PING = "Healthchecks ping (success, by ping code)";
    static final String PING_START = "Healthchecks /start?rid=";
    static final String PING_FINISH = "Healthchecks success?rid= closing that run";
    static final String PING_LOG = "Healthchecks /log with a body";

    private final DynamoDbLocal dynamo;
    private final Report report;
    private final RequestCounter counter = new RequestCounter();
    private final WrittenItems written = new WrittenItems();
    private final AtomicInteger published = new AtomicInteger();
    private DynamoDecisionStore store;
    private ProcessorHandler handler;

    PathCosts(DynamoDbLocal dynamo, Report report) {
        this.dynamo = dynamo;
        this.report = report;
    }

    void run() {
        report.section("5a. Cost per message, processor side (DynamoDB Local's consumed capacity, steady state)");
        DynamoDbClient client = dynamo.client(counter, written);
        String table = DynamoDbLocalFixture.newTable(client);
        store = new DynamoDecisionStore(client, table, 90);
        Clock clock = Clock.fixed(START, ZoneOffset.UTC);
        handler = new ProcessorHandler(new ProcessorService(store, new CheckInRules(6, 1_000_000, 1_000_000, Monitor.MAX_ENVIRONMENTS),
                new AlertDispatcher(new DynamoAlertOutbox(client, table), alert -> published.incrementAndGet(), clock), clock),
                (body, group, dedup, reason) -> { throw new IllegalStateException("poison in a benchmark: " + reason); },
                ProcessorEvents.NONE, Metrics.NONE);

        Instant at = START;
        measure(UPSERT, Messages.message("hb", CheckInStatus.OK, null, at, FIVE_MINUTES));
        for (int i = 1; i <= WARM_UP_PERIODS; i++) apply(Messages.message("hb", CheckInStatus.OK, null, period(i), null));
        SQSEvent heartbeat = Messages.event(List.of(Messages.message("hb", CheckInStatus.OK, null,
                period(WARM_UP_PERIODS + 1), null)));
        measure(HEARTBEAT, heartbeat);
        measure(DUPLICATE, Messages.redelivery(heartbeat));
        measure(SAME_DEADLINE, Messages.message("hb", CheckInStatus.OK, null,
                period(WARM_UP_PERIODS + 1).plusSeconds(20), null));

        apply(Messages.message("run", CheckInStatus.OK, null, at, FIVE_MINUTES));
        for (int i = 1; i <= WARM_UP_PERIODS; i++) {
            String id = UUID.randomUUID().toString();
            apply(Messages.message("run", CheckInStatus.IN_PROGRESS, id, period(i), null));
            apply(Messages.message("run", CheckInStatus.OK, id, period(i).plusSeconds(30), null));
        }
        String run = UUID.randomUUID().toString();
        Instant started = period(WARM_UP_PERIODS + 1);
        measure(START_RUN, Messages.message("run", CheckInStatus.IN_PROGRESS, run, started, null));
        measure(FINISH_RUN, Messages.message("run", CheckInStatus.OK, run, started.plusSeconds(30), null));

        apply(Messages.message("err", CheckInStatus.OK, null, at, FIVE_MINUTES_THRESHOLD_2));
        for (int i = 1; i <= WARM_UP_PERIODS; i++) apply(Messages.message("err", CheckInStatus.OK, null, period(i), null));
        apply(Messages.message("err", CheckInStatus.ERROR, null, period(WARM_UP_PERIODS + 1), null));
        measure(ERROR, Messages.message("err", CheckInStatus.ERROR, null, period(WARM_UP_PERIODS + 2), null));

        apply(Messages.message("miss", CheckInStatus.OK, null, at, FIVE_MINUTES));
        for (int i = 1; i <= WARM_UP_PERIODS; i++) apply(Messages.message("miss", CheckInStatus.OK, null, period(i), null));
        MonitorKey miss = new MonitorKey("bench", "miss");
        Instant due = store.load(miss, "production").environment().dueAt();
        Instant tick = due.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        measure(JUDGEMENT, new Judgement(miss, "production", due, tick));
        int alerts = published.get();
        if (alerts != 2) throw new IllegalStateException("expected 2 alerts published (error, miss), got " + alerts);

        measurePings();

        report.line("the byDue index entry moves with the deadline on every check-in: %s of a heartbeat's %s WCU",
                fmt(report.get("write units: " + HEARTBEAT) - report.get("write units: " + SAME_DEADLINE)),
                fmt(report.get("write units: " + HEARTBEAT)));
        report.line("a common check-in is %s DynamoDB requests of the processor, none of the HTTP function (budget 3): %s",
                fmt(report.get("requests: " + HEARTBEAT)),
                report.get("requests: " + HEARTBEAT) <= 3 && report.get("requests: " + FINISH_RUN) <= 3 ? "met" : "NOT met");
    }

    /**
     * A Healthchecks check made by {@code ?create=1}, pinged every 5 minutes to its steady state: its
     * ping path against the Sentry heartbeat's. The ingest side is the same for both: one GetItem (of
     * the DSN key, of the ping code) at most once per container every 10 seconds.
     */
    private void measurePings() {
        apply(Messages.ping("hc", PingKind.SUCCESS, null, START, PingCheck.withCode(UUID.randomUUID().toString()), ""));
        for (int i = 1; i <= WARM_UP_PERIODS; i++) {
            String rid = UUID.randomUUID().toString();
            apply(Messages.ping("hc", PingKind.START, rid, period(i), null, ""));
            apply(Messages.ping("hc", PingKind.SUCCESS, rid, period(i).plusSeconds(30), null, ""));
        }
        measure(PING, Messages.ping("hc", PingKind.SUCCESS, null, period(WARM_UP_PERIODS + 1), null, ""));
        String rid = UUID.randomUUID().toString();
        Instant started = period(WARM_UP_PERIODS + 2);
        measure(PING_START, Messages.ping("hc", PingKind.START, rid, started, null, ""));
        measure(PING_FINISH, Messages.ping("hc", PingKind.SUCCESS, rid, started.plusSeconds(30), null, ""));
        measure(PING_LOG, Messages.ping("hc", PingKind.LOG, null, started.plusSeconds(40), null, "x".repeat(500)));
        boolean met = report.get("write units: " + PING) <= report.get("write units: " + HEARTBEAT)
                && report.get("read units: " + PING) <= report.get("read units: " + HEARTBEAT)
                && report.get("requests: " + PING) <= report.get("requests: " + HEARTBEAT);
        report.line("a Healthchecks ping costs %s RCU and %s WCU in %s requests; a Sentry heartbeat %s RCU and %s WCU"
                        + " in %s (budget: no more): %s",
                fmt(report.get("read units: " + PING)), fmt(report.get("write units: " + PING)),
                fmt(report.get("requests: " + PING)), fmt(report.get("read units: " + HEARTBEAT)),
                fmt(report.get("write units: " + HEARTBEAT)), fmt(report.get("requests: " + HEARTBEAT)),
                met ? "met" : "NOT met");
    }

    private static Instant period(int i) {
        return START.plus(Duration.ofMinutes(5L * i));
    }

    private void apply(CheckInMessage message) {
        var response = handler.handleRequest(Messages.event(List.of(message)), null);
        if (!response.getBatchItemFailures().isEmpty()) throw new IllegalStateException("failed: " + message);
    }

    private void measure(String path, dev.cronwatch.core.queue.QueueMessage message) {
        measure(path, Messages.event(List.of(message)));
    }

    private void measure(String path, SQSEvent event) {
        Map<String, Integer> before = counter.requests();
        double rcu = counter.readCapacity();
        double wcu = counter.writeCapacity();
        written.forgetSizes();
        long began = System.nanoTime();
        var response = handler.handleRequest(event, null);
        double ms = (System.nanoTime() - began) / 1e6;
        if (!response.getBatchItemFailures().isEmpty()) throw new IllegalStateException(path + " failed");
        Map<String, Integer> delta = new TreeMap<>();
        counter.requests().forEach((op, n) -> {
            int d = n - before.getOrDefault(op, 0);
            if (d > 0) delta.put(op, d);
        });
        int total = delta.values().stream().mapToInt(Integer::intValue).sum();
        delta.forEach((op, n) -> report.keep("requests: " + path + ": " + op, n));
        StringBuilder sizes = new StringBuilder();
        for (String kind : List.of("M", "M#", "CI#", "INC#", "OUT#", "PING#", "ATT#")) {
            int size = written.lastSize(kind);
            if (size < 0) continue;
            report.keep("item bytes: " + kind + " " + path, size);
            sizes.append(sizes.isEmpty() ? "" : ", ").append(label(kind)).append(' ').append(size).append(" B");
        }
        report.figure("requests: " + path, total, "requests", delta.toString());
        report.figure("read units: " + path, counter.readCapacity() - rcu, "RCU", null);
        report.figure("write units: " + path, counter.writeCapacity() - wcu, "WCU",
                sizes.isEmpty() ? "nothing written" : "items written: " + sizes);
        report.figure("local time: " + path, ms, "ms", "DynamoDB Local on loopback, one message");
    }

    static String label(String kind) {
        return switch (kind) {
            case "M" -> "monitor";
            case "M#" -> "environment";
            case "CI#" -> "check-in";
            case "INC#" -> "incident";
            case "OUT#" -> "outbox";
            case "PING#" -> "logged ping";
            case "ATT#" -> "body";
            default -> kind;
        };
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.1f", v);
    }
}
