package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.n;
import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.Changes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Writes one {@link Changes} as one TransactWriteItems. The monitor and the environment are the
 * versioned items: each is written only if still at the version it was read at (or absent, for a new
 * one), and a failed condition there means "decide again on fresh state". Everything else in the set
 * is guarded by the environment's version, so it is written unconditionally: writing a check-in,
 * incident or processing error again with the same content changes nothing.
 */
final class CommitTransaction {
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String CONFLICT = "TransactionConflict";

    private final DynamoDbClient client;
    private final String table;
    private final Items items;

    CommitTransaction(DynamoDbClient client, String table, Items items) {
        this.client = client;
        this.table = table;
        this.items = items;
    }

    boolean commit(Changes changes) {
        if (changes.isEmpty()) return true;
        return attempt(changes, true);
    }

    private boolean attempt(Changes changes, boolean withQueueMark) {
        Plan plan = plan(changes, withQueueMark);
        if (plan.writes.isEmpty()) return true;
        try {
            write(plan.writes);
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (failed(reasons, plan.versioned, CONDITION_FAILED) || anyHas(reasons, CONFLICT)) return false;
            if (withQueueMark && plan.queue >= 0 && failed(reasons, List.of(plan.queue), CONDITION_FAILED)) {
                // The queue is already applied past this message (a redelivery after a later one):
                // only the forward-only mark was refused; the rest must still be written.
                return attempt(changes, false);
            }
            throw e;
        }
    }

    private void write(List<TransactWriteItem> writes) {
        client.transactWriteItems(b -> b.transactItems(writes).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    private Plan plan(Changes changes, boolean markQueue) {
        Plan plan = new Plan();
        if (changes.monitor() != null) {
            long read = changes.monitor().version();
            plan.versioned.add(plan.writes.size());
            plan.writes.add(versionedPut(items.monitor(changes.monitor(), read + 1), read));
        }
        if (changes.environment() != null) {
            long read = changes.environment().version();
            plan.versioned.add(plan.writes.size());
            plan.writes.add(versionedPut(items.environment(changes.environment(), read + 1), read));
        }
        changes.checkIns().forEach(c -> plan.writes.add(put(items.checkIn(c))));
        changes.incidents().forEach(i -> plan.writes.add(put(Items.incident(i))));
        if (changes.processingError() != null) plan.writes.add(put(Items.processingError(changes.processingError())));
        changes.alerts().forEach(a -> plan.writes.add(outbox(a)));
        if (markQueue && changes.appliedFor() != null && changes.appliedAt() != null) {
            plan.queue = plan.writes.size();
            plan.writes.add(TransactWriteItem.builder().update(Update.builder()
                    .tableName(table)
                    .key(Items.queueKey(changes.appliedFor()))
                    .updateExpression("SET #applied = :at")
                    .conditionExpression("attribute_not_exists(#applied) OR #applied <= :at")
                    .expressionAttributeNames(Map.of("#applied", Items.APPLIED_AT))
                    .expressionAttributeValues(Map.of(":at", Keys.epochMillis(changes.appliedAt())))
                    .build()).build());
        }
        return plan;
    }

    private TransactWriteItem versionedPut(Map<String, AttributeValue> item, long readVersion) {
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (readVersion == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("#ver = :read")
                    .expressionAttributeNames(Map.of("#ver", Items.VERSION))
                    .expressionAttributeValues(Map.of(":read", n(readVersion)));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    /** An update, not a put: a claim already held on this alert must survive a rewrite of its content. */
    private TransactWriteItem outbox(PendingAlert alert) {
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(Items.outboxKey(alert.id()))
                .updateExpression("SET #doc = :doc, #created = :created, #gpk = :gpk, #gsk = :gsk")
                .expressionAttributeNames(Map.of("#doc", Items.DOC, "#created", Items.CREATED_AT,
                        "#gpk", TableDefinition.GPK, "#gsk", TableDefinition.GSK))
                .expressionAttributeValues(Map.of(":doc", s(Documents.alert(alert)),
                        ":created", Keys.epochMillis(alert.createdAt()), ":gpk", s(Keys.OUTBOX),
                        ":gsk", s(Items.outboxGsk(alert))))
                .build()).build();
    }

    private static boolean failed(List<CancellationReason> reasons, List<Integer> indexes, String code) {
        for (int i : indexes) {
            if (i < reasons.size() && code.equals(reasons.get(i).code())) return true;
        }
        return false;
    }

    private static boolean anyHas(List<CancellationReason> reasons, String code) {
        return reasons.stream().anyMatch(r -> code.equals(r.code()));
    }

    private static final class Plan {
        final List<TransactWriteItem> writes = new ArrayList<>();
        final List<Integer> versioned = new ArrayList<>();
        int queue = -1;
    }
}
