package dev.cronwatch.local;

import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.cronwatch.emulators.DynamoDbLocal;
import dev.cronwatch.emulators.ElasticMqServer;
import java.nio.file.Path;

/**
 * DynamoDB Local ({@link DynamoDbLocal#embedded}) and ElasticMQ ({@link ElasticMq}) inside this JVM,
 * and the FIFO queue pair the functions use. DynamoDB keeps its data in one SQLite file of the data
 * directory; the queue lives in memory, which is why shutdown drains it before stopping. The data
 * directory is locked first, for as long as they run.
 */
final class Emulators {
    static final String REGION = ElasticMqServer.REGION;
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
                dynamoLocal = DynamoDbLocal.embedded(null);
            } else {
                // made here, owner-only: SQLite keeps an existing file's permissions, and gives its journal the same
                Path db = dataDir.resolve(DATABASE_FILE);
                OwnerOnly.file(db);
                dynamoLocal = DynamoDbLocal.embedded(db);
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
}
