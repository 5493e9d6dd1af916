package dev.cronwatch.adapters.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.adapters.dynamo.TableDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local 2.6.1 started once per JVM, in memory, on a free loopback port, and stopped when the
 * JVM exits. It is reached over HTTP (not the embedded client) so that requests go through the real
 * SDK pipeline: interceptors such as the RequestCounter see them, and the wire format is exercised.
 * Each test takes a fresh table: isolation without restarting the emulator.
 */
public final class DynamoDbLocalFixture {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static volatile URI endpoint;

    private DynamoDbLocalFixture() {
    }

    public static synchronized URI endpoint() {
        if (endpoint == null) endpoint = start();
        return endpoint;
    }

    /** A client of the emulator as the functions build it (URL-connection HTTP, dummy credentials). */
    public static DynamoDbClient client() {
        return AwsClients.forEmulators("us-east-1").dynamoDb(endpoint());
    }

    /** A client with interceptors, e.g. a RequestCounter. */
    public static DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("cronwatch", "cronwatch")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor i : interceptors) c.addExecutionInterceptor(i);
                })
                .build();
    }

    /** Creates a new, empty cronwatch table and returns its name. */
    public static String newTable(DynamoDbClient client) {
        String table = "cronwatch-test-" + TABLES.incrementAndGet() + "-" + System.nanoTime();
        TableDefinition.createIfMissing(client, table);
        return table;
    }

    private static URI start() {
        Logger.getLogger("com.almworks.sqlite4java").setLevel(Level.OFF);
        int port = freePort();
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (Exception ignored) {
                    // the JVM is exiting anyway
                }
            }, "dynamodb-local-stop"));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
