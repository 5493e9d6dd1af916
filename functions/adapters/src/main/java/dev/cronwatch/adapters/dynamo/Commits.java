package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.n;
import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.CountedCreate;
import dev.cronwatch.core.monitor.ProcessingError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

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
 * incident and its alert are never written apart; a new monitor and its organization's counter too, so a
 * create retried or redelivered (the monitor's {@code attribute_not_exists} fails) counts nothing. The
 * counter is added to, not written at a version: creates of one organization commute, and its limits
 * are the conditions of the additions.
 */
final class Commits {
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String CONFLICT = "TransactionConflict";
    /** A minute's count of creates is read only in its minute (and by a create decided late); a day is plenty. */
    private static final Duration CREATES_COUNTED_FOR = Duration.ofDays(1);
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
        if (changes.monitor() != null && changes.monitor().version() == 0 && changes.monitorCount() == null) {
            throw new IllegalArgumentException("a new monitor is written with its organization's counter");
        }
        return isPlain(changes) ? plain(changes) : transaction(changes);
    }

    /** A new Healthchecks check takes its ping code's index entry with it, so they are one transaction. */
    private static boolean isPlain(Changes c) {
        return c.incidents().isEmpty() && c.alerts().isEmpty() && c.checkIns().size() <= 1
                && (c.monitor() == null || c.environment() == null) && c.monitorCount() == null
                && !createsPingCheck(c);
    }

    private static boolean createsPingCheck(Changes c) {
        return c.monitor() != null && c.monitor().version() == 0 && c.monitor().ping() != null;
    }

    private boolean plain(Changes c) {
        if (c.processingError() != null) record(c.processingError());
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

    private void record(ProcessingError e) {
        if (e.type().countedPerMinute()) {
            countDrop(e);
        } else {
            put(Items.processingError(e));
        }
    }

    /**
     * One more drop counted in its minute's error, in one UpdateItem: the first drop's document and
     * index keys are kept ({@code if_not_exists}) and the count goes up by one, unless the drop's queue
     * sequence is not after the newest one counted (a redelivery). Sequences are compared as numbers
     * of any length: shorter first, then as text.
     */
    private void countDrop(ProcessingError e) {
        Map<String, String> names = new HashMap<>(Map.of("#drops", Items.DROPS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", n(1)));
        List<String> set = new ArrayList<>();
        Map<String, AttributeValue> first = Items.processingError(e);
        first.keySet().removeAll(List.of(TableDefinition.PK, TableDefinition.SK));
        int i = 0;
        for (var attribute : first.entrySet()) {
            names.put("#a" + i, attribute.getKey());
            values.put(":a" + i, attribute.getValue());
            set.add("#a" + i + " = if_not_exists(#a" + i + ", :a" + i + ")");
            i++;
        }
        if (e.sequence() != null) {
            names.put("#sq", Items.DROP_SEQUENCE);
            values.put(":sq", s(e.sequence()));
            values.put(":length", n(e.sequence().length()));
            set.add("#sq = :sq");
        }
        String onlyIfNewer = e.sequence() == null ? null
                : "attribute_not_exists(#sq) OR size(#sq) < :length OR (size(#sq) = :length AND #sq < :sq)";
        String update = "SET " + String.join(", ", set) + " ADD #drops :one";
        try {
            client.updateItem(b -> b.tableName(table)
                    .key(Keys.key(Keys.monitorPk(e.monitor()), Keys.errorSk(e.receivedAt(), e.id())))
                    .updateExpression(update).conditionExpression(onlyIfNewer)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException countedAlready) {
            // a redelivery of a drop this error counts
        }
    }

    private void put(Map<String, AttributeValue> item) {
        client.putItem(b -> b.tableName(table).item(item).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    private boolean transaction(Changes c) {
        List<TransactWriteItem> writes = new ArrayList<>();
        // the writes whose condition failing means "decide again on fresh state"
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
        if (c.monitorCount() != null) {
            versioned.add(writes.size());
            writes.add(TransactWriteItem.builder().update(oneMoreMonitor(c.monitorCount())).build());
            versioned.add(writes.size());
            writes.add(TransactWriteItem.builder().update(oneMoreInMinute(c.monitorCount())).build());
        }
        c.checkIns().forEach(checkIn -> writes.add(plainPut(items.checkIn(checkIn))));
        c.incidents().forEach(incident -> writes.add(plainPut(Items.incident(incident))));
        if (c.processingError() != null) {
            if (c.processingError().type().countedPerMinute()) {
                throw new IllegalStateException("a drop counted per minute is written on its own, not in a transaction");
            }
            writes.add(plainPut(Items.processingError(c.processingError())));
        }
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
            if (conflicted(e)) return false;
            throw e;
        }
    }

    /**
     * One more monitor in the organization's counter, while it holds fewer than the limit. Where no
     * counter is stored, it starts from the monitors listed when the create was decided.
     */
    private Update oneMoreMonitor(CountedCreate counted) {
        return Update.builder().tableName(table).key(Keys.monitorCountKey(counted.organization()))
                .updateExpression("SET #monitors = if_not_exists(#monitors, :listed) + :one")
                .conditionExpression("attribute_not_exists(#monitors) OR #monitors < :max")
                .expressionAttributeNames(Map.of("#monitors", Items.MONITORS))
                .expressionAttributeValues(Map.of(":listed", n(counted.listed()), ":one", n(1),
                        ":max", n(counted.maxMonitors())))
                .build();
    }

    /** One more monitor created in its minute, while fewer than the limit were; the count expires with the day. */
    private Update oneMoreInMinute(CountedCreate counted) {
        return Update.builder().tableName(table).key(Keys.createdInMinuteKey(counted.organization(), counted.minute()))
                .updateExpression("ADD #created :one SET #expires = :expires")
                .conditionExpression("attribute_not_exists(#created) OR #created < :max")
                .expressionAttributeNames(Map.of("#created", Items.CREATED, "#expires", TableDefinition.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":one", n(1), ":max", n(counted.maxInMinute()),
                        ":expires", Keys.epochSeconds(counted.minute().plus(CREATES_COUNTED_FOR))))
                .build();
    }

    /**
     * Deletes the monitor item and counts it out of its organization's counter (where none was stored,
     * starting from {@code listed}, the count of its list, which this stores), in one transaction. True
     * when done, or when the monitor was gone already (nothing to count); false when the counter is at
     * 0 meanwhile (read again: a counter at 0 is left there).
     */
    boolean deleteCounted(MonitorKey monitor, long listed) {
        Delete deleteMonitor = Delete.builder().tableName(table).key(Keys.monitorKey(monitor))
                .conditionExpression("attribute_exists(pk)").build();
        List<TransactWriteItem> writes = new ArrayList<>(List.of(TransactWriteItem.builder().delete(deleteMonitor).build()));
        if (listed > 0) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Keys.monitorCountKey(monitor.organization()))
                    .updateExpression("SET #monitors = if_not_exists(#monitors, :listed) - :one")
                    .conditionExpression("attribute_not_exists(#monitors) OR #monitors > :zero")
                    .expressionAttributeNames(Map.of("#monitors", Items.MONITORS))
                    .expressionAttributeValues(Map.of(":listed", n(listed), ":one", n(1), ":zero", n(0)))
                    .build()).build());
        }
        try {
            client.transactWriteItems(b -> b.transactItems(writes).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (!reasons.isEmpty() && CONDITION_FAILED.equals(reasons.get(0).code())) return true;
            if (reasons.stream().anyMatch(r -> CONDITION_FAILED.equals(r.code()) || CONFLICT.equals(r.code()))) {
                return false;
            }
            throw e;
        }
    }

    /** True when a transaction was cancelled because another one on its items was under way. */
    static boolean conflicted(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream().anyMatch(r -> CONFLICT.equals(r.code()));
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
