package dev.cronwatch.bench;

import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.adapters.aws.Connections;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.sqs.QueueMessageCodec;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Each handler in a fresh JVM, from the deployable zip, to its first handled event. */
final class ColdStart {
    private final DynamoLocal dynamo;
    private final Report report;

    ColdStart(DynamoLocal dynamo, Report report) {
        this.dynamo = dynamo;
        this.report = report;
    }

    void run(Path zip, int repeats) throws Exception {
        report.section("4. Cold start: fresh JVM to first handled event, from " + zip.getFileName());
        if (!Files.exists(zip)) throw new IllegalStateException(zip + " missing: mvn -B -DskipTests package");
        report.figure("deployable zip size", Files.size(zip) / 1024.0 / 1024.0, "MB", "one artifact for all four functions");
        Path unpacked = unzip(zip);
        String classpath = unpacked + File.pathSeparator + unpacked.resolve("lib") + File.separator + "*"
                + File.pathSeparator + Path.of(ColdStartMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        DynamoDbClient client = dynamo.client();
        String table = DynamoLocal.newTable(client);
        TenantDirectory tenants = Wiring.builder(Settings.forTable("us-east-1", table, null), Clock.systemUTC())
                .connections(Connections.of(client, null, null)).build().services().tenants();
        tenants.ensureOrganization("bench");
        tenants.ensureProject(new Project("bench", "1", "bench"));
        DsnKey key = new DsnKey("0123456789abcdef0123456789abcdef", "bench", "1");
        tenants.ensureDsnKey(key);
        tenants.ensureToken("bench", "bench-token");
        SQSRestServer mq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion("us-east-1").start();
        try {
            URI sqsEndpoint = URI.create("http://127.0.0.1:" + mq.waitUntilStarted().localAddress().getPort());
            SqsClient sqs = AwsClients.forEmulators("us-east-1").sqs(sqsEndpoint);
            String queue = sqs.createQueue(b -> b.queueName("cold.fifo").attributes(Map.of(
                    software.amazon.awssdk.services.sqs.model.QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            Map<String, String> env = Map.ofEntries(
                    Map.entry("AWS_REGION", "us-east-1"),
                    Map.entry("CRONWATCH_TABLE", table),
                    Map.entry("CRONWATCH_QUEUE_URL", queue),
                    Map.entry("CRONWATCH_DLQ_URL", queue),
                    Map.entry("CRONWATCH_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:bench"),
                    Map.entry("CRONWATCH_RATE_LIMIT_PER_MINUTE", "1000"),
                    Map.entry("CRONWATCH_RETENTION_DAYS", "90"),
                    Map.entry("CRONWATCH_DYNAMODB_ENDPOINT", dynamo.endpoint.toString()),
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
            for (String handler : new String[] {"http", "management", "processor", "clock"}) {
                double best = Double.MAX_VALUE;
                double inJvm = 0;
                for (int i = 0; i < repeats; i++) {
                    double[] run = spawn(classpath, env, handler);
                    if (run[0] < best) {
                        best = run[0];
                        inJvm = run[1];
                    }
                }
                report.figure("cold start " + handler + " (process start -> handled)", best, "ms",
                        String.format("best of %d; %.0f ms after JVM start; target < 1000 ms: %s", repeats, inJvm,
                                best < 1000 ? "met" : "NOT met"));
            }
        } finally {
            mq.stopAndWait();
        }
    }

    private static double[] spawn(String classpath, Map<String, String> env, String handler) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-Dslf4j.provider=dev.cronwatch.handlers.logging.LambdaLogProvider", "-cp", classpath,
                ColdStartMain.class.getName(), handler)
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        long began = System.nanoTime();
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        // The child's output is read on a thread of its own and every wait is bounded: a child that
        // hangs fails the benchmark instead of holding it forever.
        CompletableFuture<double[]> handled = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("HANDLED ") && !handled.isDone()) {
                        double wall = (System.nanoTime() - began) / 1e6;
                        String[] parts = line.split(" ");
                        if (!parts[2].equals("ok") && !parts[2].equals("201") && !parts[2].equals("200") && !parts[2].equals("0")) {
                            handled.completeExceptionally(new IllegalStateException(
                                    handler + " handled its event badly: " + line + "\n" + output));
                        }
                        handled.complete(new double[] {wall, Double.parseDouble(parts[1])});
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
            double[] result = handled.get(2, TimeUnit.MINUTES);
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
