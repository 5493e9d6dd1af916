package dev.cronwatch.adapters.testing;

import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.adapters.dynamo.TableDefinition;
import dev.cronwatch.emulators.DynamoDbLocal;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The adapters' tests' {@link DynamoDbLocal}: started once per JVM and stopped when the JVM exits.
 * Each test takes a fresh table: isolation without restarting the emulator.
 */
public final class DynamoDbLocalFixture {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static volatile DynamoDbLocal dynamo;

    private DynamoDbLocalFixture() {
    }

    public static URI endpoint() {
        return dynamo().endpoint();
    }

    private static synchronized DynamoDbLocal dynamo() {
        if (dynamo == null) {
            DynamoDbLocal started = DynamoDbLocal.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "dynamodb-local-stop"));
            dynamo = started;
        }
        return dynamo;
    }

    /** A client of the emulator as the functions build it (URL-connection HTTP, dummy credentials). */
    public static DynamoDbClient client() {
        return AwsClients.forEmulators("us-east-1").dynamoDb(endpoint());
    }

    /** A client with interceptors, e.g. a RequestCounter. */
    public static DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return dynamo().client(interceptors);
    }

    /** Creates a new, empty cronwatch table and returns its name. */
    public static String newTable(DynamoDbClient client) {
        String table = "cronwatch-test-" + TABLES.incrementAndGet() + "-" + System.nanoTime();
        TableDefinition.createIfMissing(client, table);
        return table;
    }
}
