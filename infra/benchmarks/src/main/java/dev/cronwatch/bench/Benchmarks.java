package dev.cronwatch.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code infra/bin/benchmark [--smoke] [--dashboard]}: every figure of issue 6 beside its ceiling or target, and the
 * dashboard's first load and time to show 1,000 monitors (issue 14).
 * {@code --smoke} runs tiny sizes so CI keeps the command working; its figures mean nothing.
 * {@code --dashboard} runs only the dashboard's section.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        List<String> options = List.of(args);
        boolean smoke = options.contains("--smoke");
        if (options.contains("--dashboard")) {
            new DashboardLoad(new Report(System.out)).run(smoke ? 20 : 1_000);
        } else {
            run(smoke, System.out);
        }
        System.exit(0);
    }

    static Map<String, Double> run(boolean smoke, PrintStream out) throws Exception {
        Report report = new Report(out);
        out.printf("cronwatch benchmarks (%s) on %d cores, Java %s, max heap %d MB%n", smoke ? "smoke" : "full",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1024 / 1024);
        try (DynamoLocal dynamo = new DynamoLocal()) {
            new ProcessorThroughput(dynamo, report).run(smoke ? 50 : 1_000, smoke ? 200 : 20_000);
            if (smoke) {
                new ClockCost(dynamo, report).run(2_000);
            } else {
                new ClockCost(dynamo, report).run(10_000, 100_000);
            }
            new EndToEndLatency(report).run(smoke ? 100 : 10_000, smoke ? 100 : 200);
            new ColdStart(dynamo, report).run(zip(), smoke ? 1 : 3);
            new CostModel(report).run(90);
        }
        new DashboardLoad(report).run(smoke ? 20 : 1_000);
        return report.figures;
    }

    private static Path zip() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("functions/handlers/target/cronwatch-functions.zip");
            if (Files.exists(candidate)) return candidate;
        }
        throw new IllegalStateException("functions/handlers/target/cronwatch-functions.zip not found: build with mvn package");
    }
}
