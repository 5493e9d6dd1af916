package dev.cronwatch.bench;

import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.dynamo.DynamoAlertOutbox;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.metrics.EmfMetrics;
import dev.cronwatch.core.port.Metric;
import dev.cronwatch.handlers.ClockHandler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dollars from what {@link PathCosts} measured and AWS list prices (us-east-1, on-demand). This machine
 * cannot reach AWS's price pages, so the prices are the published ones as of the date below: check
 * them before quoting. The HTTP function writes nothing to DynamoDB: it sends one FIFO message and
 * reads the DSN key at most once per key every 10 s per container. DynamoDB units per message are the
 * ones DynamoDB Local returned as consumed capacity; Lambda's billed time comes from the measured
 * request counts at the AWS latencies assumed below (this machine's emulators say nothing about AWS's).
 */
final class CostModel {
    static final String PRICES_AS_OF = "2025-06 (published list prices; not re-checked: no network here)";
    // https://aws.amazon.com/dynamodb/pricing/on-demand/ (after the 2024-11-01 reduction)
    static final double DYNAMODB_PER_MILLION_WRITE_UNITS = 0.625;
    static final double DYNAMODB_PER_MILLION_READ_UNITS = 0.125;
    static final double DYNAMODB_PER_GB_MONTH = 0.25;
    // https://aws.amazon.com/lambda/pricing/ (arm64, first 7.5 billion GB-s a month)
    static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;
    static final double LAMBDA_PER_GB_SECOND = 0.0000133334;
    // https://aws.amazon.com/sqs/pricing/ (FIFO, per 64 KB request)
    static final double SQS_FIFO_PER_MILLION_REQUESTS = 0.50;
    // https://aws.amazon.com/api-gateway/pricing/ (HTTP APIs, first 300 million a month)
    static final double HTTP_API_PER_MILLION_REQUESTS = 1.00;
    // https://aws.amazon.com/cloudwatch/pricing/ (Logs, standard class: ingestion; 26 bytes metered per event)
    static final double LOGS_PER_GB_INGESTED = 0.50;
    static final int LOGS_BYTES_PER_EVENT = 26;

    /** Assumed AWS latencies from a Lambda in the same region (p50 order of magnitude, not measured here). */
    static final double AWS_DYNAMODB_REQUEST_MS = 5;
    static final double AWS_DYNAMODB_TRANSACTION_MS = 15;
    static final double AWS_SQS_FIFO_SEND_MS = 15;
    static final double AWS_SNS_PUBLISH_MS = 20;
    /** The handler's own work per check-in (decode, rules, JSON) at 1 GB, about 0.6 vCPU. */
    static final double CPU_MS_PER_MESSAGE = 2;
    /** The clock sleeps this long past the minute inside its invocation before it reads the due index. */
    static final double CLOCK_GRACE_SECONDS = ClockHandler.INGEST_GRACE.toMillis() / 1000.0;
    static final int DUE_SHARDS = Settings.DEFAULT_DUE_INDEX_SHARDS;
    private static final int TICK_QUERIES = DUE_SHARDS + DynamoAlertOutbox.SHARDS;

    static final double TARGET_PER_MILLION = 5.00;
    static final double STRETCH_PER_MILLION = 4.00;
    static final double TARGET_PER_MONITOR_MONTH = 0.08;
    static final int MONITORS = 10_000;
    static final double PERIODS_PER_MONTH = 30.0 * 24 * 12; // every 5 minutes

    private final Report report;
    /**
     * The SQS event source's batches as template.yaml sets them: full during the bursts on the minute,
     * which is when the volume is.
     */
    private final int batch;

    CostModel(Report report) {
        this.report = report;
        this.batch = Template.find().map(t -> Template.processorBatchSize(Template.text(t))).orElse(10);
    }

    void run(int retentionDays) {
        report.section("5b. Cost model (prices as of " + PRICES_AS_OF + ")");
        double gb = functionGb();
        double httpMs = AWS_SQS_FIFO_SEND_MS + CPU_MS_PER_MESSAGE;
        report.line("Lambda %.0f MB arm64 (template.yaml); billed time assumed from AWS latencies: DynamoDB %.0f ms a request, "
                + "%.0f ms a transaction, SQS FIFO send %.0f ms, + %.0f ms of work per message", gb * 1024,
                AWS_DYNAMODB_REQUEST_MS, AWS_DYNAMODB_TRANSACTION_MS, AWS_SQS_FIFO_SEND_MS, CPU_MS_PER_MESSAGE);
        report.line("per check-in: 1 HTTP API request, 1 HTTP invocation (%.0f ms), 1 FIFO send + 1/%d receive + 1/%d "
                + "delete, 1/%d processor invocation; no DynamoDB request of the HTTP function", httpMs, batch, batch, batch);

        Mix heartbeats = new Mix("heartbeats", List.of(PathCosts.HEARTBEAT));
        Mix runs = new Mix("start and finish", List.of(PathCosts.START_RUN, PathCosts.FINISH_RUN));
        double logs = logCostPerCheckIn();
        for (Mix mix : List.of(heartbeats, runs)) {
            Dollars d = perCheckIn(mix, gb, httpMs);
            double perMillion = d.total() * 1e6;
            report.figure("dollars per million check-ins: " + mix.name, "dollars per million check-ins", perMillion, "USD",
                    String.format("%s: %s; %s", mix.name, d.breakdown(), verdict(perMillion)));
            String wcuLabel = mix == heartbeats ? "write units per heartbeat" : "write units per check-in (start and finish)";
            report.figure(wcuLabel, mix.average("write units: "), "WCU",
                    String.format("%s; read units %.1f RCU; target <= 5 WCU: %s", mix.name, mix.average("read units: "),
                            mix.average("write units: ") <= 5 ? "met" : "NOT met"));
            if (perMillion > STRETCH_PER_MILLION) {
                report.line("    stretch: API, SQS and Lambda requests alone are $%.2f; DynamoDB $%.2f of which $%.2f is the "
                        + "byDue index entry (%.0f of the %.0f WCU); Lambda time $%.2f (%.0f ms a check-in; each 10 ms is "
                        + "$%.2f)", (d.api() + d.sqs() + d.lambdaRequests()) * 1e6, (d.writes() + d.reads()) * 1e6,
                        indexMove() * DYNAMODB_PER_MILLION_WRITE_UNITS, indexMove(), mix.average("write units: "),
                        d.lambdaTime() * 1e6, httpMs + mix.processorMs(), LAMBDA_PER_GB_SECOND * gb * 10 / 1000 * 1e6);
            }
            report.figure("with CloudWatch Logs: " + mix.name, "  with CloudWatch Logs (not in the figure above)",
                    perMillion + logs * 1e6, "USD", String.format("logs $%.2f per million: API access log, EMF line, "
                            + "processor line", logs * 1e6));
        }
        monthly(heartbeats, gb, httpMs, retentionDays);
        monthly(runs, gb, httpMs, retentionDays);
    }

    /** Write units a heartbeat spends because its deadline moved: the byDue index entry deleted and put. */
    private double indexMove() {
        return report.get("write units: " + PathCosts.HEARTBEAT) - report.get("write units: " + PathCosts.SAME_DEADLINE);
    }

    private static String verdict(double perMillion) {
        if (perMillion <= STRETCH_PER_MILLION) return "target $5.00 and stretch $4.00: met";
        if (perMillion <= TARGET_PER_MILLION) return "target $5.00: met; stretch $4.00: NOT met";
        return "target $5.00: NOT met";
    }

    /**
     * The check-ins one monitor sends each period, in order, each path as often as the others; the
     * last one leaves the run's check-in item as it is kept (a finish rewrites its start's item).
     */
    private final class Mix {
        final String name;
        final Map<String, Double> weights = new LinkedHashMap<>();
        final double checkInsPerPeriod;
        final String last;

        Mix(String name, List<String> paths) {
            this.name = name;
            paths.forEach(p -> weights.put(p, 1.0 / paths.size()));
            this.checkInsPerPeriod = paths.size();
            this.last = paths.get(paths.size() - 1);
        }

        double average(String prefix) {
            double sum = 0;
            for (var w : weights.entrySet()) sum += w.getValue() * report.get(prefix + w.getKey());
            return sum;
        }

        double processorMs() {
            double ms = 0;
            for (var w : weights.entrySet()) {
                String path = w.getKey();
                double requests = report.get("requests: " + path);
                double transactions = report.has("requests: " + path + ": TransactWriteItems")
                        ? report.get("requests: " + path + ": TransactWriteItems") : 0;
                ms += w.getValue() * ((requests - transactions) * AWS_DYNAMODB_REQUEST_MS
                        + transactions * AWS_DYNAMODB_TRANSACTION_MS + CPU_MS_PER_MESSAGE);
            }
            return ms;
        }

        /** The check-in item a run leaves (the finish rewrites the start's item). */
        double storedBytesPerPeriod() {
            return report.get("item bytes: CI# " + last) + ItemSize.STORAGE_OVERHEAD_BYTES;
        }
    }

    private record Dollars(double api, double lambdaRequests, double lambdaTime, double sqs, double writes,
                           double reads) {
        double total() {
            return api + lambdaRequests + lambdaTime + sqs + writes + reads;
        }

        String breakdown() {
            return String.format("API %.2f + Lambda %.2f (requests) + %.2f (time) + SQS %.2f + DynamoDB %.2f (writes) "
                    + "+ %.2f (reads)", api * 1e6, lambdaRequests * 1e6, lambdaTime * 1e6, sqs * 1e6, writes * 1e6,
                    reads * 1e6);
        }
    }

    private Dollars perCheckIn(Mix mix, double gb, double httpMs) {
        return new Dollars(
                HTTP_API_PER_MILLION_REQUESTS / 1e6,
                LAMBDA_PER_MILLION_REQUESTS * (1 + 1.0 / batch) / 1e6,
                LAMBDA_PER_GB_SECOND * gb * (httpMs + mix.processorMs()) / 1000,
                SQS_FIFO_PER_MILLION_REQUESTS * (1 + 2.0 / batch) / 1e6,
                DYNAMODB_PER_MILLION_WRITE_UNITS * mix.average("write units: ") / 1e6,
                DYNAMODB_PER_MILLION_READ_UNITS * mix.average("read units: ") / 1e6);
    }

    private void monthly(Mix mix, double gb, double httpMs, int retentionDays) {
        double checkIns = MONITORS * PERIODS_PER_MONTH * mix.checkInsPerPeriod;
        double perCheckIn = perCheckIn(mix, gb, httpMs).total();
        // one tick a minute: the grace it waits, a query of each shard of the due index and of the outbox,
        // each eventually consistent and empty (0.5 read units, the least a query is charged)
        double ticks = 43_200;
        double clock = ticks * (LAMBDA_PER_MILLION_REQUESTS / 1e6
                + LAMBDA_PER_GB_SECOND * gb * (CLOCK_GRACE_SECONDS + TICK_QUERIES * AWS_DYNAMODB_REQUEST_MS / 1000)
                + DYNAMODB_PER_MILLION_READ_UNITS * TICK_QUERIES * 0.5 / 1e6);
        // the HTTP function's DSN key reads: at most one per key per container every 10 s (10 containers, 1 key)
        double keyReads = 10 * 1 * (30 * 24 * 360.0) * DYNAMODB_PER_MILLION_READ_UNITS / 1e6;
        double runsKept = MONITORS * PERIODS_PER_MONTH / 30 * retentionDays;
        double checkInGb = runsKept * mix.storedBytesPerPeriod() / 1e9;
        double stateGb = MONITORS * (report.get("item bytes: M# " + mix.last)
                + report.get("item bytes: M " + PathCosts.UPSERT) + 4 * ItemSize.STORAGE_OVERHEAD_BYTES + 150) / 1e9;
        double storage = (checkInGb + stateGb) * DYNAMODB_PER_GB_MONTH;
        double total = checkIns * perCheckIn + clock + keyReads + storage;
        double perMonitor = total / MONITORS;
        String key = "per month (" + mix.name + "): ";
        report.line("%,d monitors, %s every 5 minutes: %,.0f check-ins a month", MONITORS, mix.name, checkIns);
        report.figure(key + "check-ins", "  check-ins", checkIns * perCheckIn, "USD", null);
        report.figure(key + "clock", "  clock (43,200 ticks, nothing due)", clock, "USD",
                String.format("%.0f s grace waited in each invocation", CLOCK_GRACE_SECONDS));
        report.figure(key + "DSN key reads", "  DSN key reads of the HTTP function", keyReads, "USD",
                "<= 1 per key per container per 10 s");
        report.figure(key + "storage", "  storage: " + retentionDays + " days of check-ins, state", storage, "USD",
                String.format("%.0f GB: %.0f B a check-in item (+100 B overhead), %,.0f kept", checkInGb + stateGb,
                        mix.storedBytesPerPeriod() - ItemSize.STORAGE_OVERHEAD_BYTES, runsKept));
        report.figure(key + "total", "  total", total, "USD", null);
        report.figure("per monitor-month (" + mix.name + ")", "  per monitor-month", perMonitor, "USD",
                String.format("%.2f cents; target <= $0.08: %s", perMonitor * 100,
                        perMonitor <= TARGET_PER_MONITOR_MONTH ? "met" : "NOT met"));
        if (perMonitor > TARGET_PER_MONITOR_MONTH) {
            Dollars d = perCheckIn(mix, gb, httpMs);
            double perMonitorCheckIns = checkIns / MONITORS;
            double allowed = (TARGET_PER_MONITOR_MONTH - (total - checkIns * perCheckIn) / MONITORS) / perMonitorCheckIns;
            report.line("    why: %,.0f check-ins a monitor-month leave $%.2f per million for the check-ins; they cost $%.2f: "
                    + "API, SQS and Lambda requests $%.2f whatever the design, Lambda time $%.2f, DynamoDB $%.2f, of which "
                    + "the byDue index entry (dueAt) moving on every check-in $%.2f", perMonitorCheckIns, allowed * 1e6,
                    perCheckIn * 1e6, (d.api() + d.sqs() + d.lambdaRequests()) * 1e6, d.lambdaTime() * 1e6,
                    (d.writes() + d.reads()) * 1e6, indexMove() * DYNAMODB_PER_MILLION_WRITE_UNITS);
        }
    }

    /**
     * CloudWatch Logs a check-in causes: the API's access log line (template.yaml's format), the HTTP
     * function's EMF line, and the processor's line per message (and a tenth of its batch line).
     */
    private double logCostPerCheckIn() {
        String access = "{\"requestId\":\"JtUjdj5oIAMEV3w=\",\"routeKey\":\"POST /api/0/organizations/{org}/monitors/{slug}/{proxy+}\","
                + "\"method\":\"POST\",\"path\":\"/api/0/organizations/acme/monitors/nightly-backup/checkins/\","
                + "\"status\":\"201\",\"latencyMs\":\"21\",\"integrationError\":\"-\",\"ip\":\"203.0.113.7\"}";
        AtomicLong emf = new AtomicLong();
        EmfMetrics metrics = new EmfMetrics(Clock.systemUTC(), "cronwatch", line -> emf.addAndGet(line.length() + 1));
        metrics.count(Metric.CHECK_INS_ACCEPTED);
        metrics.flush();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", "2026-11-30T12:00:00.123Z");
        line.put("level", "INFO");
        line.put("logger", "dev.cronwatch.handlers.ProcessorHandler");
        line.put("message", "message 9f3c2a4e-8d1b-4c6f-a2e7-5b9d0c1f3e8a for acme/nightly-backup: APPLIED");
        line.put("requestId", "4f1c9a2e-7b3d-4e8f-9a1c-2d5e6f7a8b9c");
        line.put("organization", "acme");
        line.put("monitor", "nightly-backup");
        double processor = Json.write(line).length() + 1;
        double bytes = access.length() + emf.get() + processor * (1 + 1.0 / batch)
                + LOGS_BYTES_PER_EVENT * (3 + 1.0 / batch);
        return bytes / 1e9 * LOGS_PER_GB_INGESTED;
    }

    /** The functions' memory as template.yaml sets it (Globals), so the model follows the template. */
    private double functionGb() {
        var template = Template.find();
        if (template.isPresent()) {
            String text = Template.text(template.get());
            Matcher memory = Pattern.compile("(?m)^\\s+MemorySize: (\\d+)").matcher(text);
            if (!text.contains("Architectures: [arm64]")) throw new IllegalStateException("template.yaml: not arm64");
            if (memory.find()) return Integer.parseInt(memory.group(1)) / 1024.0;
        }
        report.line("template.yaml not found: 1024 MB assumed");
        return 1.0;
    }
}
