package dev.cronwatch.local;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Local mode's backends with DynamoDB Local reached over HTTP (its embedded client has no SDK
 * pipeline, so no interceptor would see its calls) through a client that carries the faults. The
 * client retries as the SDK's standard mode does (3 attempts), with short pauses: the faults, not the
 * backoff, are under test. ElasticMQ runs in this JVM as in local mode.
 */
final class FaultyDynamoBackends {
    private static final BackoffStrategy SHORT = BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(40));

    private FaultyDynamoBackends() {
    }

    static Backends of(DynamoFaults faults) {
        DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(DynamoDbLocalFixture.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("cronwatch", "cronwatch")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(faults)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3)
                                .backoffStrategy(SHORT).throttlingBackoffStrategy(SHORT).build()))
                .build();
        return new ClientBackends(dynamoDb, DynamoDbLocalFixture.newTable(dynamoDb), new ElasticMq(), dynamoDb::close);
    }
}
