package dev.cronwatch.bench;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
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

/** DynamoDB Local over HTTP on loopback, in memory: what every table figure is measured against. */
final class DynamoLocal implements AutoCloseable {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private final DynamoDBProxyServer server;
    final URI endpoint;

    DynamoLocal() throws Exception {
        Logger.getLogger("com.almworks.sqlite4java").setLevel(Level.OFF);
        int port = freePort();
        server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"});
        // -sharedDb: one table namespace whatever the credentials, as the spawned handlers use their own
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + port);
    }

    DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor i : interceptors) c.addExecutionInterceptor(i);
                }).build();
    }

    static String newTable(DynamoDbClient client) {
        String table = "bench-" + TABLES.incrementAndGet();
        TableDefinition.createIfMissing(client, table);
        return table;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
