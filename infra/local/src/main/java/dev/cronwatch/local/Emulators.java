package dev.cronwatch.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * DynamoDB Local and ElasticMQ inside this JVM, and the FIFO queue pair the functions use. DynamoDB
 * keeps its data in one SQLite file of the data directory; the queue lives in memory, which is why
 * shutdown drains it before stopping. The data directory is locked first, for as long as they run.
 */
final class Emulators {
    static final String REGION = "us-east-1";
    /** DynamoDB Local's SQLite file in the data directory (cronwatch-admin opens it too). */
    static final String DATABASE_FILE = "dynamodb.db";

    private Emulators() {
    }

    static Backends start(Path dataDir, boolean inMemory) throws Exception {
        // in memory too: local.json is still written there
        DataDirLock lock = DataDirLock.acquire(dataDir);
        AmazonDynamoDBLocal dynamoLocal = null;
        try {
            if (inMemory) {
                quietSqlite();
                dynamoLocal = DynamoDBEmbedded.create(true);
            } else {
                // a file, never a directory: DynamoDB Local loops forever on a directory. Made here, owner-only:
                // SQLite keeps an existing file's permissions, and gives its journal the same.
                Path db = dataDir.resolve(DATABASE_FILE);
                OwnerOnly.file(db);
                dynamoLocal = database(db);
            }
            AmazonDynamoDBLocal started = dynamoLocal;
            return new ClientBackends(dynamoLocal.dynamoDbClient(), Backends.TABLE, new ElasticMq(), () -> {
                started.shutdown();
                lock.close();
            });
        } catch (Exception | Error e) {
            if (dynamoLocal != null) dynamoLocal.shutdown();
            lock.close();
            throw e;
        }
    }

    /** DynamoDB Local on a data directory's {@link #DATABASE_FILE}, in this JVM. */
    static AmazonDynamoDBLocal database(Path file) {
        quietSqlite();
        return DynamoDBEmbedded.create(file.toFile(), true);
    }

    private static void quietSqlite() {
        Logger.getLogger("com.almworks.sqlite4java").setLevel(Level.OFF);
    }
}
