package dev.cronwatch.local;

import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import java.net.URI;
import java.time.Duration;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Local mode's backends with DynamoDB Local reached over HTTP (its embedded client has no SDK
 * pipeline, so no interceptor would see its calls) through a client that carries the faults. The
 * client retries as the SDK's standard mode does (3 attempts), with short pauses: the faults, not the
 * backoff, are under test. ElasticMQ runs in this JVM as in local mode.
 */
final class FaultyDynamoBackends implements Backends {
    private static final BackoffStrategy SHORT = BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(40));

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final SQSRestServer sqsServer;
    private final SqsClient sqs;
    private final FifoQueues queues;

    FaultyDynamoBackends(DynamoFaults faults) {
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(DynamoDbLocalFixture.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("cronwatch", "cronwatch")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(faults)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3)
                                .backoffStrategy(SHORT).throttlingBackoffStrategy(SHORT).build()))
                .build();
        table = DynamoDbLocalFixture.newTable(dynamoDb);
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion(Emulators.REGION).start();
        int port = sqsServer.waitUntilStarted().localAddress().getPort();
        sqs = AwsClients.forEmulators(Emulators.REGION).sqs(URI.create("http://127.0.0.1:" + port));
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
        dynamoDb.close();
    }
}
