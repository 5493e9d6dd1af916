package dev.cronwatch.emulators;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local in this JVM, the one place it is started. Tests and benchmarks take {@link #start()}:
 * in memory on a free loopback port, reached over HTTP (not the embedded client) so that requests go
 * through the real SDK pipeline: interceptors such as a request counter see them, and the wire
 * format is exercised. One table namespace whatever the credentials ({@code -sharedDb}), since
 * processes a benchmark spawns sign with their own. Local mode and its admin command take
 * {@link #embedded}: no port, in memory or on a data directory's file.
 */
public final class DynamoDbLocal extends LoopbackEmulator {
    private final DynamoDBProxyServer server;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        super(port);
        this.server = server;
    }

    public static DynamoDbLocal start() {
        quietSqlite();
        int port = freePort();
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"});
            server.start();
            return new DynamoDbLocal(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    /**
     * Without a port, its client the embedded one: in memory when {@code file} is null, else on that
     * SQLite file (a file, never a directory: DynamoDB Local loops forever on a directory).
     */
    public static AmazonDynamoDBLocal embedded(Path file) {
        quietSqlite();
        return file == null ? DynamoDBEmbedded.create(true) : DynamoDBEmbedded.create(file.toFile(), true);
    }

    private static void quietSqlite() {
        Logger.getLogger("com.almworks.sqlite4java").setLevel(Level.OFF);
    }

    /** A client with interceptors (a request counter, say), on the URL-connection HTTP client the functions use. */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("cronwatch", "cronwatch")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor i : interceptors) c.addExecutionInterceptor(i);
                }).build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
