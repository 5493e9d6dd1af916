package dev.cronwatch.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Backends from a DynamoDB client and table the caller made (over HTTP, with interceptors of its own:
 * the fault drills, the benchmarks) and local mode's in-process ElasticMQ. Closing stops ElasticMQ,
 * then does what the caller says with its DynamoDB side.
 */
public final class ClientBackends implements Backends {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ElasticMq elasticMq;
    private final Runnable closeDynamoDb;

    public ClientBackends(DynamoDbClient dynamoDb, String table, ElasticMq elasticMq, Runnable closeDynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.elasticMq = elasticMq;
        this.closeDynamoDb = closeDynamoDb;
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
    public String table() {
        return table;
    }

    @Override
    public void close() {
        elasticMq.close();
        closeDynamoDb.run();
    }
}
