package dev.cronwatch.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local and ElasticMQ inside this JVM, and the FIFO queue pair the functions use. DynamoDB
 * keeps its data in one SQLite file of the data directory; the queue lives in memory, which is why
 * shutdown drains it before stopping. The data directory is locked first, for as long as they run.
 */
final class Emulators implements Backends {
    static final String REGION = "us-east-1";
    /** DynamoDB Local's SQLite file in the data directory (cronwatch-admin opens it too). */
    static final String DATABASE_FILE = "dynamodb.db";

    private final DataDirLock lock;
    private final AmazonDynamoDBLocal dynamoLocal;
    private final DynamoDbClient dynamoDb;
    private final ElasticMq elasticMq;

    Emulators(Path dataDir, boolean inMemory) throws Exception {
        Logger.getLogger("com.almworks.sqlite4java").setLevel(Level.OFF);
        // in memory too: local.json is still written there
        lock = DataDirLock.acquire(dataDir);
        try {
            if (inMemory) {
                dynamoLocal = DynamoDBEmbedded.create(true);
            } else {
                Files.createDirectories(dataDir);
                // a file, never a directory: DynamoDB Local loops forever on a directory
                File db = dataDir.resolve(DATABASE_FILE).toFile();
                dynamoLocal = DynamoDBEmbedded.create(db, true);
            }
            dynamoDb = dynamoLocal.dynamoDbClient();
            elasticMq = new ElasticMq();
        } catch (Exception | Error e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    @Override
    public SqsClient sqs() {
        return elasticMq.sqs();
    }

    @Override
    public FifoQueues queues() {
        return elasticMq.queues();
    }

    @Override
    public void close() {
        elasticMq.close();
        dynamoLocal.shutdown();
        lock.close();
    }
}
