package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.n;

import dev.cronwatch.core.changes.Changes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes one {@link Changes}. The monitor and the environment are the versioned items: each is
 * written only if still at the version it was read at (or absent, for a new one), and a failed
 * condition there means "decide again on fresh state".
 *
 * <p>Most check-ins change one check-in and their environment: those are two plain writes, the
 * check-in first and the environment last, as the commit point. A crash between them leaves a
 * check-in item the environment does not know of; the message is delivered again (its sequence is
 * not in the environment yet), decided again on the same state, and writes the same item. A
 * transaction would cost twice the write units on every check-in for nothing more. Anything larger
 * (a new monitor, an incident, alerts, the misses of a judgement) is one TransactWriteItems, so an
 * incident and its alert are never written apart.
 */
final class Commits {
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String CONFLICT = "TransactionConflict";
    /** DynamoDB's limit on one transaction. */
    static final int MAX_TRANSACTION_ITEMS = 100;

    private final DynamoDbClient client;
    private final String table;
    private final Items items;

    Commits(DynamoDbClient client, String table, Items items) {
        this.client = client;
        this.table = table;
        this.items = items;
    }

    boolean commit(Changes changes) {
        if (changes.isEmpty()) return true;
        return isPlain(changes) ? plain(changes) : transaction(changes);
    }

    /** A new Healthchecks check takes its ping code's index entry with it, so they are one transaction. */
    private static boolean isPlain(Changes c) {
        return c.incidents().isEmpty() && c.alerts().isEmpty() && c.checkIns().size() <= 1
                && (c.monitor() == null || c.environment() == null) && !createsPingCheck(c);
    }

    private static boolean createsPingCheck(Changes c) {
        return c.monitor() != null && c.monitor().version() == 0 && c.monitor().ping() != null;
    }

    private boolean plain(Changes c) {
        if (c.processingError() != null) put(Items.processingError(c.processingError()));
        c.checkIns().forEach(checkIn -> put(items.checkIn(checkIn)));
        pingRecords(c).forEach(this::put);
        if (c.environment() != null) {
            long read = c.environment().version();
            return putIfAt(items.environment(c.environment(), read + 1), read);
        }
        if (c.monitor() != null) {
            long read = c.monitor().version();
            return putIfAt(items.monitor(c.monitor(), read + 1), read);
        }
        return true;
    }

    private boolean putIfAt(Map<String, AttributeValue> item, long readVersion) {
        VersionCondition condition = VersionCondition.at(readVersion);
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression(condition.expression())
                    .expressionAttributeNames(condition.names()).expressionAttributeValues(condition.values())
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    private void put(Map<String, AttributeValue> item) {
        client.putItem(b -> b.tableName(table).item(item).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    private boolean transaction(Changes c) {
        List<TransactWriteItem> writes = new ArrayList<>();
        List<Integer> versioned = new ArrayList<>();
        if (c.monitor() != null) {
            long read = c.monitor().version();
            versioned.add(writes.size());
            writes.add(TransactWriteItem.builder().put(versioned(items.monitor(c.monitor(), read + 1), read).build()).build());
        }
        if (c.environment() != null) {
            long read = c.environment().version();
            versioned.add(writes.size());
            writes.add(TransactWriteItem.builder()
                    .put(versioned(items.environment(c.environment(), read + 1), read).build()).build());
        }
        c.checkIns().forEach(checkIn -> writes.add(plainPut(items.checkIn(checkIn))));
        c.incidents().forEach(incident -> writes.add(plainPut(Items.incident(incident))));
        if (c.processingError() != null) writes.add(plainPut(Items.processingError(c.processingError())));
        c.alerts().forEach(alert -> writes.add(plainPut(Items.alert(alert))));
        pingRecords(c).forEach(item -> writes.add(plainPut(item)));
        if (createsPingCheck(c)) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Items.pingCode(c.monitor()))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        if (writes.size() > MAX_TRANSACTION_ITEMS) {
            throw new IllegalStateException("one decision wrote " + writes.size() + " items; a transaction holds "
                    + MAX_TRANSACTION_ITEMS);
        }
        try {
            client.transactWriteItems(b -> b.transactItems(writes).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            for (int i : versioned) {
                if (i < reasons.size() && CONDITION_FAILED.equals(reasons.get(i).code())) return false;
            }
            if (reasons.stream().anyMatch(r -> CONFLICT.equals(r.code()))) return false;
            throw e;
        }
    }

    /** A Healthchecks ping's body and, for a ping that changed no state, its record. */
    private List<Map<String, AttributeValue>> pingRecords(Changes c) {
        List<Map<String, AttributeValue>> records = new ArrayList<>();
        if (c.loggedPing() != null) records.add(items.loggedPing(c.loggedPing()));
        if (c.attachment() != null) {
            Instant at = c.loggedPing() != null ? c.loggedPing().receivedAt()
                    : c.checkIns().isEmpty() ? null : c.checkIns().get(0).dateAdded();
            if (at != null) records.add(items.pingBody(c.attachment(), at));
        }
        return records;
    }

    private Put.Builder versioned(Map<String, AttributeValue> item, long readVersion) {
        VersionCondition condition = VersionCondition.at(readVersion);
        return Put.builder().tableName(table).item(item).conditionExpression(condition.expression())
                .expressionAttributeNames(condition.names()).expressionAttributeValues(condition.values());
    }

    /** Written only if still at the version read (or absent, for a new item: version 0). */
    private record VersionCondition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        static VersionCondition at(long readVersion) {
            if (readVersion == 0) return new VersionCondition("attribute_not_exists(pk)", null, null);
            return new VersionCondition("#ver = :read", Map.of("#ver", Items.VERSION), Map.of(":read", n(readVersion)));
        }
    }

    private TransactWriteItem plainPut(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }
}
