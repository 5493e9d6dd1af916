package dev.cronwatch.bench;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.local.Backends;
import dev.cronwatch.local.ClientBackends;
import dev.cronwatch.local.ElasticMq;
import dev.cronwatch.emulators.DynamoDbLocal;
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
final class BenchBackends {
    private BenchBackends() {
    }

    static Backends of(DynamoDbLocal dynamo, ExecutionInterceptor... interceptors) {
        DynamoDbClient dynamoDb = dynamo.client(interceptors);
        String table = DynamoDbLocalFixture.newTable(dynamoDb);
        ElasticMq elasticMq = new ElasticMq(endpoint -> SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor i : interceptors) c.addExecutionInterceptor(i);
                }).build());
        return new ClientBackends(dynamoDb, table, elasticMq, () -> {
            dynamoDb.deleteTable(b -> b.tableName(table));
            dynamoDb.close();
        });
    }
}
