package dev.cronwatch.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Where the local system keeps its state: the in-process emulators, or LocalStack in the e2e suite. */
public interface Backends extends AutoCloseable {
    DynamoDbClient dynamoDb();

    SqsClient sqs();

    /** The check-in queue and its dead-letter queue. */
    FifoQueues queues();

    String TABLE = "cronwatch";

    default String table() {
        return TABLE;
    }

    @Override
    void close();
}
