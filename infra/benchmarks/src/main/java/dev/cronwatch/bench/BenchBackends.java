package dev.cronwatch.bench;

import dev.cronwatch.local.Backends;
import dev.cronwatch.local.FifoQueues;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Local mode's backends for the concurrent benchmarks: a fresh table on the benchmark's DynamoDB Local
 * (over HTTP, as every other section measures it) and an in-process ElasticMQ, with clients that count
 * and time what they send. Closing drops the table, so the next run starts from an empty emulator.
 */
final class BenchBackends implements Backends {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final SQSRestServer sqsServer;
    private final SqsClient sqs;
    private final FifoQueues queues;

    BenchBackends(DynamoLocal dynamo, ExecutionInterceptor... interceptors) {
        dynamoDb = dynamo.client(interceptors);
        table = DynamoLocal.newTable(dynamoDb);
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion("us-east-1").start();
        int port = sqsServer.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor i : interceptors) c.addExecutionInterceptor(i);
                }).build();
        queues = FifoQueues.create(sqs);
    }

    @Override
    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    @Override
    public SqsClient sqs() {
        return sqs;
    }

    @Override
    public String queueUrl() {
        return queues.queueUrl();
    }

    @Override
    public String deadLetterQueueUrl() {
        return queues.deadLetterQueueUrl();
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public void close() {
        sqs.close();
        Thread stop = new Thread(sqsServer::stopAndWait, "elasticmq-stop");
        stop.setDaemon(true);
        stop.start();
        try {
            stop.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dynamoDb.deleteTable(b -> b.tableName(table));
        dynamoDb.close();
    }
}
