package dev.cronwatch.bench;

import dev.cronwatch.emulators.DynamoDbLocal;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code infra/bin/benchmark [--smoke] [--cost | --throughput | --clock | --burst | --mass-miss | --dashboard]}:
 * every figure beside its ceiling or target (docs/benchmarks.md has the results). {@code --smoke} runs tiny
 * sizes so CI keeps the command working; its figures mean nothing. {@code --cost} runs only the
 * per-path units and the cost model, {@code --throughput} and {@code --clock} sections 1 and 2, {@code --burst} the
 * top-of-the-hour burst, {@code --mass-miss} the mass miss ({@code --mass-miss <due> <workers>
 * [--local-mode]} one cell of it), {@code --dashboard} the dashboard in Chromium.
 */
public final class Benchmarks {
    static final int RETENTION_DAYS = 90;

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        // the JDK's HTTP client keeps 5 idle connections per host unless told: the workers of the
        // concurrent sections would otherwise open a new connection to DynamoDB Local on most requests
        System.setProperty("http.maxConnections", System.getProperty("http.maxConnections", "64"));
        List<String> options = List.of(args);
        boolean smoke = options.contains("--smoke");
        Report report = new Report(System.out);
        if (options.contains("--cost")) {
            header(report, "cost only");
            cost(report);
        } else if (options.contains("--throughput")) {
            header(report, "processor throughput only");
            try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
                new ProcessorThroughput(dynamo, report).run(smoke ? 20 : 1_000, smoke ? 100 : 20_000);
            }
        } else if (options.contains("--clock")) {
            header(report, "clock cost only");
            try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
                new ClockCost(dynamo, report).run(smoke ? new int[] {2_000} : new int[] {10_000, 100_000});
            }
        } else if (options.contains("--burst")) {
            header(report, "burst only");
            burst(report, smoke);
        } else if (options.contains("--mass-miss")) {
            header(report, "mass miss only");
            int at = options.indexOf("--mass-miss");
            if (options.contains("--fairness")) {
                // --mass-miss --fairness: issue 26's fairness run and the clock's invocation at 100,000 due
                MassMiss massMiss = new MassMiss(report);
                massMiss.fairness(smoke ? 500 : 50_000, 10, 16);
                massMiss.clockOnly(smoke ? 2_000 : 100_000);
            } else if (at + 2 < options.size() && options.get(at + 1).matches("\\d+")) {
                // --mass-miss <due> <workers>: one cell of the table
                new MassMiss(report).run(Integer.parseInt(options.get(at + 1)), Integer.parseInt(options.get(at + 2)),
                        options.contains("--local-mode") ? MassMiss.Queue.LOCAL_MODE : MassMiss.Queue.IN_PROCESS);
            } else {
                massMiss(report, smoke);
            }
        } else if (options.contains("--cold-start")) {
            header(report, "cold start only");
            try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
                new ColdStart(dynamo, report).run(zips(), smoke ? 1 : 5);
            }
        } else if (options.contains("--latency")) {
            header(report, "end-to-end latency only");
            new EndToEndLatency(report).run(smoke ? 50 : 10_000, smoke ? 100 : 200);
        } else if (options.contains("--dashboard")) {
            new DashboardLoad(report).run(smoke ? 20 : 1_000);
        } else {
            run(smoke, System.out);
        }
        System.exit(0);
    }

    static Map<String, Double> run(boolean smoke, PrintStream out) throws Exception {
        Report report = new Report(out);
        header(report, smoke ? "smoke" : "full");
        try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
            new ProcessorThroughput(dynamo, report).run(smoke ? 20 : 1_000, smoke ? 100 : 20_000);
            if (smoke) {
                new ClockCost(dynamo, report).run(2_000);
            } else {
                new ClockCost(dynamo, report).run(10_000, 100_000);
            }
            new EndToEndLatency(report).run(smoke ? 50 : 10_000, smoke ? 100 : 200);
            new ColdStart(dynamo, report).run(zips(), smoke ? 1 : 5);
        }
        cost(report);
        new DashboardLoad(report).run(smoke ? 20 : 1_000);
        burst(report, smoke);
        massMiss(report, smoke);
        return report.figures;
    }

    /** The per-path units and the cost model: {@code --cost} alone, and section 5 of the full run. */
    static void cost(Report report) throws Exception {
        try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
            new PathCosts(dynamo, report).run();
        }
        new CostModel(report).run(RETENTION_DAYS);
    }

    private static void burst(Report report, boolean smoke) throws Exception {
        new TopOfTheHourBurst(report).run(smoke ? 50 : 10_000, Duration.ofSeconds(smoke ? 1 : 10));
    }

    private static void massMiss(Report report, boolean smoke) throws Exception {
        MassMiss massMiss = new MassMiss(report);
        if (smoke) {
            massMiss.run(50, 2, MassMiss.Queue.IN_PROCESS);
            massMiss.run(50, 2, MassMiss.Queue.LOCAL_MODE);
            return;
        }
        for (int due : new int[] {10_000, 50_000}) {
            for (int workers : new int[] {1, 4, 16}) massMiss.run(due, workers, MassMiss.Queue.IN_PROCESS);
        }
        // issue 26: the size the clock's fan-out is for, at the processor's default concurrency
        massMiss.run(100_000, 16, MassMiss.Queue.IN_PROCESS);
        // the same through local mode as it ships: ElasticMQ's own cost shows beside the table
        massMiss.run(10_000, 16, MassMiss.Queue.LOCAL_MODE);
        massMiss.fairness(50_000, 10, 16);
        massMiss.clockOnly(100_000);
    }

    private static void header(Report report, String what) {
        report.out().printf("cronwatch benchmarks (%s) on %d cores, Java %s, max heap %d MB, load average %s%n", what,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1024 / 1024, Report.loadAverage());
    }

    /** The directory of the deployable zips. */
    private static Path zips() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("functions/handlers/target/cronwatch-functions.zip");
            if (Files.exists(candidate)) return candidate.getParent();
        }
        throw new IllegalStateException("functions/handlers/target/cronwatch-functions.zip not found: build with mvn package");
    }
}
