package dev.cronwatch.adapters.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The monitors' table as the tenants' adapters reach it: the client, the table's name and the helpers
 * built on the two, made once and shared by every adapter of one process.
 */
record TableHandle(DynamoDbClient client, String name, Queries queries, TenantItems items, BatchRequests batches) {
    static TableHandle on(DynamoDbClient client, String name) {
        return new TableHandle(client, name, new Queries(client, name), new TenantItems(client, name),
                new BatchRequests(client, name));
    }
}
