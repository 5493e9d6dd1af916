package dev.cronwatch.adapters.dynamo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchGetItem and BatchWriteItem with their limits handled: at most 100 keys (25 writes) per request,
 * and whatever DynamoDB leaves unprocessed sent again. Reads are strongly consistent unless asked
 * otherwise: the processor decides on what it reads, and must see the write before it.
 */
final class BatchRequests {
    private static final int MAX_GET = 100;
    private static final int MAX_WRITE = 25;

    private final DynamoDbClient client;
    private final String table;

    BatchRequests(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /**
     * The items found, by their (pk, sk) key; duplicate keys are asked once. Eventually consistent reads
     * cost half, for views that may lag a second.
     */
    Map<Map<String, AttributeValue>, Map<String, AttributeValue>> get(List<Map<String, AttributeValue>> keys,
                                                                      boolean consistent) {
        List<Map<String, AttributeValue>> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> found = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += MAX_GET) {
            List<Map<String, AttributeValue>> chunk = distinct.subList(from, Math.min(distinct.size(), from + MAX_GET));
            Map<String, KeysAndAttributes> request = Map.of(table,
                    KeysAndAttributes.builder().keys(chunk).consistentRead(consistent).build());
            int attempt = 0;
            while (!request.isEmpty()) {
                pauseBeforeRetry(attempt++);
                Map<String, KeysAndAttributes> asked = request;
                BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(asked)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    found.put(Keys.key(item.get(TableDefinition.PK).s(), item.get(TableDefinition.SK).s()), item);
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    void write(List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += MAX_WRITE) {
            Map<String, List<WriteRequest>> request =
                    Map.of(table, writes.subList(from, Math.min(writes.size(), from + MAX_WRITE)));
            int attempt = 0;
            while (!request.isEmpty()) {
                pauseBeforeRetry(attempt++);
                Map<String, List<WriteRequest>> asked = request;
                var response = client.batchWriteItem(b -> b.requestItems(asked)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
    }

    /** Unprocessed items mean throttling: back off before asking again. */
    private static void pauseBeforeRetry(int attempt) {
        if (attempt == 0) return;
        try {
            Thread.sleep(Math.min(1000L, 25L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a batch", e);
        }
    }
}
