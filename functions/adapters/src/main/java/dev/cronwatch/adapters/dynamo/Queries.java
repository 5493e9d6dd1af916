package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.OrganizationMonitors;
import dev.cronwatch.core.port.Page;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Query with paging done right: exact pages, and a cursor only when more items really follow. */
final class Queries {
    static final List<String> TABLE_KEY = List.of(TableDefinition.PK, TableDefinition.SK);
    /** The key of an item in the byParent index, as its pages' cursors carry it. */
    static final List<String> BY_PARENT_KEY = List.of(TableDefinition.GPK, TableDefinition.GSK, TableDefinition.PK, TableDefinition.SK);

    private final DynamoDbClient client;
    private final String table;

    Queries(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /**
     * The organization's monitor counter with the creates of the minute of {@code at}: one consistent
     * Query of the organization's partition from that minute's key up to the counter's (the later
     * minutes between are few and skipped). Without a counter (monitors made before it, or none yet)
     * its monitors are counted from byParent, once: the first create or delete stores the counter, and
     * that count may lag a write of the last moments (an index read).
     */
    OrganizationMonitors monitorCounter(String organization, Instant at) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        QueryRequest.Builder counter = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :minute AND :counter")
                .expressionAttributeValues(Map.of(":pk", s(Keys.organizationPk(organization)),
                        ":minute", s(Keys.createdInMinuteSk(minute)), ":counter", s(Keys.MONITOR_COUNT)));
        return Items.monitorCount(organization, minute, all(counter), () -> count(organizationMonitors(organization)));
    }

    /** The organization's monitors as its counter holds them (one consistent GetItem), or its list where none is stored. */
    long monitors(String organization) {
        var item = client.getItem(b -> b.tableName(table).key(Keys.monitorCountKey(organization)).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        return item == null || item.isEmpty() ? count(organizationMonitors(organization)) : Items.monitors(item);
    }

    /** The items of one monitor whose sort key starts with {@code skPrefix}, consistently read. */
    QueryRequest.Builder partition(MonitorKey monitor, String skPrefix) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.monitorPk(monitor)), ":prefix", s(skPrefix)));
    }

    /** The items listed in byParent under {@code parent} (eventually consistent, like every index read). */
    QueryRequest.Builder byParent(String parent) {
        return QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_PARENT)
                .keyConditionExpression("#gpk = :parent")
                .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK))
                .expressionAttributeValues(Map.of(":parent", s(parent)));
    }

    QueryRequest.Builder organizationMonitors(String organization) {
        return byParent(Keys.organizationMonitors(organization));
    }

    /**
     * Up to {@code limit} items after {@code start}. It asks for one item more than the page: when it
     * comes, the cursor is the key of the page's last item; when it does not, this was the last page
     * (DynamoDB's own LastEvaluatedKey is often set on a last page, and an empty page would follow).
     * A filter can leave a response short, so it keeps reading until the page is full or the end.
     */
    /** One page of {@code parent}'s items in byParent, from a client's cursor, refused unless it is this listing's. */
    Page<Map<String, AttributeValue>> childrenPage(String parent, String cursor, int limit) {
        var start = Cursors.decodeFromClient(cursor, BY_PARENT_KEY, key -> key.get(TableDefinition.GPK).s().equals(parent));
        return page(byParent(parent), start, limit, BY_PARENT_KEY);
    }

    Page<Map<String, AttributeValue>> page(QueryRequest.Builder query, Map<String, AttributeValue> start,
                                          int limit, List<String> keyAttributes) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> next = start;
        do {
            QueryResponse response = client.query(query.exclusiveStartKey(next).limit(limit + 1 - items.size())
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
            items.addAll(response.items());
            next = nextKey(response);
        } while (next != null && items.size() <= limit);
        if (items.size() <= limit) return new Page<>(items, null);
        List<Map<String, AttributeValue>> page = items.subList(0, limit);
        return new Page<>(page, Cursors.encode(keyOf(page.get(limit - 1), keyAttributes)));
    }

    /** Every item the query matches, following DynamoDB's pages. */
    List<Map<String, AttributeValue>> all(QueryRequest.Builder query) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        eachResponse(query, response -> items.addAll(response.items()));
        return items;
    }

    /** How many items the query matches ({@code Select.COUNT}: DynamoDB reads them but returns none). */
    long count(QueryRequest.Builder query) {
        long[] count = {0};
        eachResponse(query.select(Select.COUNT), response -> count[0] += response.count());
        return count[0];
    }

    private void eachResponse(QueryRequest.Builder query, Consumer<QueryResponse> consumer) {
        Map<String, AttributeValue> next = null;
        do {
            QueryResponse response = client.query(query.exclusiveStartKey(next)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
            consumer.accept(response);
            next = nextKey(response);
        } while (next != null);
    }

    /** DynamoDB's LastEvaluatedKey, or null when this response was the last. */
    private static Map<String, AttributeValue> nextKey(QueryResponse response) {
        return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, List<String> names) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : names) key.put(name, item.get(name));
        return key;
    }

}
