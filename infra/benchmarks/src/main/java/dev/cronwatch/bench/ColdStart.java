package dev.cronwatch.bench;

import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.adapters.aws.Connections;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.sqs.QueueMessageCodec;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.port.Tenants;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.emulators.DynamoDbLocal;
import dev.cronwatch.emulators.ElasticMqServer;
import dev.cronwatch.handlers.Wiring;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Each handler in a fresh JVM, from the zip it is deployed from, to its first handled event, and where
 * the time went: the JVM's start, the SDK clients, the wiring, the handler's constructor, the first
 * event (with the first requests), and how much of it was class loading.
 */
final class ColdStart {
    private final DynamoDbLocal dynamo;
    private final Report report;

    ColdStart(DynamoDbLocal dynamo, Report report) {
        this.dynamo = dynamo;
        this.report = report;
    }

    /** The zip each handler is deployed from (template.yaml's CodeUri), and its target from issue 29. */
    private record Function(String handler, String zip, double targetMs) {
    }

    private static final List<Function> FUNCTIONS = List.of(
            new Function("http", "cronwatch-ingest.zip", 500),
            new Function("management", "cronwatch-management.zip", 600),
            new Function("processor", "cronwatch-processing.zip", 600),
            new Function("clock", "cronwatch-processing.zip", 600));

    /** One run's figures: wall time to the handled event, then where it went. */
    private record Run(double total, double jvmStart, double clients, double wiring,
                       double handler, double event, long classes, long classLoading, double tls, double cpu) {
    }

    void run(Path zips, int repeats) throws Exception {
        report.section("4. Cold start: fresh JVM to first handled event, each handler from its own zip");
        Map<String, Path> unpacked = new LinkedHashMap<>();
        for (Function f : FUNCTIONS) {
            Path zip = zips.resolve(f.zip());
            if (!Files.exists(zip)) throw new IllegalStateException(zip + " missing: mvn -B -DskipTests package");
            if (unpacked.containsKey(f.zip())) continue;
            Path dir = unzip(zip);
            report.figure("zip size " + f.zip(), Files.size(zip) / 1024.0 / 1024.0, "MB", String.format(Locale.ROOT,
                    "%.1f MB unpacked (Lambda's limit: 250)", bytes(dir) / 1024.0 / 1024.0));
            unpacked.put(f.zip(), dir);
        }
        report.figure("zip size cronwatch-functions.zip", Files.size(zips.resolve("cronwatch-functions.zip")) / 1024.0 / 1024.0,
                "MB", "everything: the PagerDuty forwarder, bootstrap.sh, cronwatch-admin");
        Path benchmarks = Path.of(ColdStartMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        DynamoDbClient client = dynamo.client();
        String table = DynamoDbLocalFixture.newTable(client);
        Tenants tenants = Wiring.builder(Settings.forTable("us-east-1", table, null), Clock.systemUTC())
                .connections(Connections.of(client, null, null)).build().ports().tenants();
        tenants.projects().ensureOrganization("bench");
        tenants.projects().ensureProject(new Project("bench", "1", "bench"));
        DsnKey key = new DsnKey("0123456789abcdef0123456789abcdef", "bench", "1");
        tenants.projects().ensureDsnKey(key);
        tenants.accessKeys().ensureToken("bench", "bench-token");
        try (ElasticMqServer mq = ElasticMqServer.start()) {
            URI sqsEndpoint = mq.endpoint();
            SqsClient sqs = AwsClients.forEmulators("us-east-1").sqs(sqsEndpoint);
            String queue = sqs.createQueue(b -> b.queueName("cold.fifo").attributes(Map.of(
                    software.amazon.awssdk.services.sqs.model.QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            // the clock's tick hands each shard of the due index to a worker through this queue
            String shardQueue = sqs.createQueue(b -> b.queueName("cold-shards")).queueUrl();
            Map<String, String> env = Map.ofEntries(
                    Map.entry("AWS_REGION", "us-east-1"),
                    Map.entry("CRONWATCH_TABLE", table),
                    Map.entry("CRONWATCH_QUEUE_URL", queue),
                    Map.entry("CRONWATCH_DLQ_URL", queue),
                    Map.entry("CRONWATCH_CLOCK_SHARD_QUEUE_URL", shardQueue),
                    Map.entry("CRONWATCH_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:bench"),
                    Map.entry("CRONWATCH_RATE_LIMIT_PER_MINUTE", "1000"),
                    Map.entry("CRONWATCH_RETENTION_DAYS", "90"),
                    Map.entry("CRONWATCH_DYNAMODB_ENDPOINT", dynamo.endpoint().toString()),
                    Map.entry("CRONWATCH_SQS_ENDPOINT", sqsEndpoint.toString()),
                    Map.entry("CRONWATCH_SNS_ENDPOINT", "http://127.0.0.1:9"),
                    Map.entry("CRONWATCH_STACK", "bench"),
                    // as LoggingConfig sets them: JSON records at INFO, through the template's logging provider
                    Map.entry("AWS_LAMBDA_LOG_FORMAT", "JSON"),
                    Map.entry("AWS_LAMBDA_LOG_LEVEL", "INFO"),
                    Map.entry("BENCH_DSN", key.dsn("http", "bench.invalid")),
                    Map.entry("BENCH_TOKEN", "bench-token"),
                    Map.entry("BENCH_MESSAGE", new QueueMessageCodec().encode(Messages.message("cold", CheckInStatus.OK,
                            null, Instant.now(), Messages.HOURLY))));
            // as Lambda's JVM reads them: the functions' JAVA_TOOL_OPTIONS from template.yaml, nothing added
            String javaToolOptions = Template.javaToolOptions();
            report.line("JAVA_TOOL_OPTIONS (template.yaml): %s", javaToolOptions);
            for (Function f : FUNCTIONS) {
                Path dir = unpacked.get(f.zip());
                String classpath = dir + File.pathSeparator + dir.resolve("lib") + File.separator + "*"
                        + File.pathSeparator + benchmarks;
                Run best = best(repeats, classpath, env, javaToolOptions, f.handler());
                String name = "cold start " + f.handler();
                report.figure(name + " (process start -> handled)", best.total(), "ms",
                        String.format(Locale.ROOT, "best of %d, from %s; target < %.0f ms: %s", repeats, f.zip(),
                                f.targetMs(), best.total() < f.targetMs() ? "met" : "NOT met"));
                report.figure(name + ": CPU time to handled", best.cpu(), "ms",
                        "every thread's, the JIT's and collector's included: less moved by the load than the wall time");
                report.figure(name + ": JVM start (process -> main)", best.jvmStart(), "ms", null);
                report.figure(name + ": SDK clients built", best.clients(), "ms",
                        f.handler().equals("http") || f.handler().equals("clock") ? "DynamoDB and SQS" : "DynamoDB");
                report.figure(name + ": wiring (settings, adapters, services)", best.wiring(), "ms", null);
                report.figure(name + ": handler constructed", best.handler(), "ms", null);
                report.figure(name + ": first event (first requests included)", best.event(), "ms", null);
                report.figure(name + ": classes loaded", best.classes(), "", String.format(Locale.ROOT,
                        "%d ms of it loading classes (HotSpot's count, across the phases)", best.classLoading()));
                report.figure(name + ": TLS set-up an AWS endpoint adds", best.tls(), "ms",
                        "not in the total: the emulators speak plain HTTP (measured after the event)");
            }
            for (Function f : FUNCTIONS) {
                appCds(f, unpacked.get(f.zip()), benchmarks, env, javaToolOptions, repeats);
            }
        } finally {
            for (Path dir : unpacked.values()) Dirs.delete(dir);
        }
    }

    /**
     * The same handler with an application class-data-sharing archive made by a training run of its
     * first event, against the same class path without one; measured, not shipped (docs/benchmarks.md
     * §4 says why). CDS refuses a directory of classes on the class path, so both runs take the zip's
     * root classes (and the harness's, when it runs from its classes folder) from jars of them.
     */
    private void appCds(Function f, Path dir, Path benchmarks, Map<String, String> env, String javaToolOptions,
                        int repeats) throws Exception {
        Path work = Files.createTempDirectory("cronwatch-cds");
        try {
            Path root = jarOf(dir, work.resolve("root.jar"));
            Path harness = Files.isDirectory(benchmarks) ? jarOf(benchmarks, work.resolve("harness.jar")) : benchmarks;
            String classpath = root + File.pathSeparator + dir.resolve("lib") + File.separator + "*"
                    + File.pathSeparator + harness;
            Path archive = work.resolve(f.handler() + ".jsa");
            spawn(classpath, env, javaToolOptions + " -XX:ArchiveClassesAtExit=" + archive, f.handler());
            if (!Files.exists(archive)) throw new IllegalStateException("the training run of " + f.handler() + " wrote no archive");
            Run without = best(repeats, classpath, env, javaToolOptions, f.handler());
            Run with = best(repeats, classpath, env, javaToolOptions + " -XX:SharedArchiveFile=" + archive, f.handler());
            String name = "cold start " + f.handler() + ", AppCDS (measured, not shipped)";
            report.figure(name + ": without the archive", without.total(), "ms", String.format(Locale.ROOT,
                    "best of %d, the zip's root classes in a jar; %d classes, %d ms loading them", repeats,
                    without.classes(), without.classLoading()));
            report.figure(name + ": with the archive", with.total(), "ms", String.format(Locale.ROOT,
                    "best of %d; %d ms loading classes, CPU %.0f ms; archive %.1f MB from one training run", repeats,
                    with.classLoading(), with.cpu(), Files.size(archive) / 1024.0 / 1024.0));
        } finally {
            Dirs.delete(work);
        }
    }

    /** Every file of {@code dir} but those under its lib/ (a zip's dependencies, on the class path as jars). */
    private static Path jarOf(Path dir, Path jar) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             var files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)
                    .filter(p -> !dir.relativize(p).startsWith("lib")).sorted()::iterator) {
                out.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Run best(int repeats, String classpath, Map<String, String> env, String javaToolOptions,
                            String handler) throws Exception {
        Run best = null;
        for (int i = 0; i < repeats; i++) {
            Run run = spawn(classpath, env, javaToolOptions, handler);
            if (best == null || run.total() < best.total()) best = run;
        }
        return best;
    }

    private static Run spawn(String classpath, Map<String, String> env, String javaToolOptions, String handler) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java,
                // lets ColdStartMain read HotSpot's class-loading time; loads nothing
                "--add-exports", "java.management/sun.management=ALL-UNNAMED", "-cp", classpath,
                ColdStartMain.class.getName(), handler)
                .redirectErrorStream(true);
        builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        builder.environment().putAll(env);
        long spawnedAt = System.currentTimeMillis();
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        // The child's output is read on a thread of its own and every wait is bounded: a child that
        // hangs fails the benchmark instead of holding it forever.
        CompletableFuture<Run> handled = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("HANDLED ") && !handled.isDone()) {
                        String[] parts = line.split(" ");
                        if (!parts[2].equals("ok") && !parts[2].equals("201") && !parts[2].equals("200") && !parts[2].equals("0")) {
                            handled.completeExceptionally(new IllegalStateException(
                                    handler + " handled its event badly: " + line + "\n" + output));
                        }
                        // to the moment the event was handled, not to the line that reports it
                        handled.complete(new Run(Long.parseLong(parts[11]) - spawnedAt, Long.parseLong(parts[3]) - spawnedAt,
                                Double.parseDouble(parts[4]), Double.parseDouble(parts[5]), Double.parseDouble(parts[6]),
                                Double.parseDouble(parts[7]), Long.parseLong(parts[8]), Long.parseLong(parts[9]),
                                Double.parseDouble(parts[10]), Double.parseDouble(parts[12])));
                    }
                    output.append(line).append('\n');
                }
            } catch (Exception e) {
                handled.completeExceptionally(e);
            }
            handled.completeExceptionally(new IllegalStateException(handler + " did not handle its event:\n" + output));
        }, "cold-start-output");
        reader.setDaemon(true);
        reader.start();
        try {
            Run result = handled.get(2, TimeUnit.MINUTES);
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException(handler + " did not exit");
            return result;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException(handler + " did not handle its event within 2 minutes:\n" + output, e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static long bytes(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            long total = 0;
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) total += Files.size(file);
            return total;
        }
    }

    private static Path unzip(Path zip) throws Exception {
        Path dir = Files.createTempDirectory("cronwatch-zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) throw new IllegalStateException("bad entry " + entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        return dir;
    }
}
