package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.port.AlertOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The alert outbox on the table: each waiting alert is an item under its monitor, listed in byParent
 * by when it may next be taken, over {@link #SHARDS} shards that the sweep reads at once.
 */
public final class DynamoAlertOutbox implements AlertOutbox {
    /**
     * The outbox's partition keys. Each alert writes its entry's index copy and deletes it once sent,
     * about 4 write units on one key, and a partition key takes 1,000 a second: 32 keys carry 8,000
     * alerts a second, what 300,000 due in a minute needs (docs/benchmarks.md, "300,000 due in one
     * stack"). The sweep reads every key each tick, an empty one for half a read unit. Only ever
     * raised: the sweep reads the keys below the count, so entries written under a higher one would wait.
     */
    public static final int SHARDS = 32;
    private static final ExecutorService SHARD_READERS = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "outbox-reader");
        t.setDaemon(true);
        return t;
    });

    private final DynamoDbClient client;
    private final String table;
    private final Queries queries;

    public DynamoAlertOutbox(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        this.queries = new Queries(client, table);
    }

    /**
     * Every shard read at once: the sweep's 32 Queries one after another would add about 0.1 s to each
     * tick on AWS and 0.2 s to a cold one here. Each shard gives up to {@code limit} of its own, by
     * time; the sweep takes the longest-waiting {@code limit} of them all, whatever their shard.
     */
    @Override
    public List<PendingAlert> alertsDue(Instant now, int limit) {
        String bound = Keys.sortable(now.plusMillis(1));
        List<CompletableFuture<List<PendingAlert>>> shards = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            int n = shard;
            shards.add(CompletableFuture.supplyAsync(() -> dueIn(n, bound, limit), SHARD_READERS));
        }
        List<PendingAlert> due = new ArrayList<>();
        for (CompletableFuture<List<PendingAlert>> shard : shards) {
            try {
                due.addAll(shard.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        due.sort(Comparator.comparing(PendingAlert::nextAttemptAt));
        return due.size() > limit ? new ArrayList<>(due.subList(0, limit)) : due;
    }

    private List<PendingAlert> dueIn(int shard, String bound, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_PARENT)
                .keyConditionExpression("#gpk = :shard AND #gsk < :bound")
                .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK, "#gsk", TableDefinition.GSK))
                .expressionAttributeValues(Map.of(":shard", s(Keys.outboxShard(shard)), ":bound", s(bound)));
        List<PendingAlert> due = new ArrayList<>();
        for (var item : queries.page(query, null, limit, Queries.BY_PARENT_KEY).items()) due.add(Items.alert(item));
        return due;
    }

    /** Conditional on the entry being as read: two sweeps cannot both take it, and a sent one is gone. */
    @Override
    public boolean claimAlert(PendingAlert alert, Instant until) {
        try {
            client.updateItem(b -> b.tableName(table).key(Keys.outboxKey(alert.monitor(), alert.id()))
                    .updateExpression("SET #next = :until, #gsk = :gsk")
                    .conditionExpression("#next = :seen AND #attempts = :attempts")
                    .expressionAttributeNames(Map.of("#next", Items.NEXT_ATTEMPT_AT, "#gsk", TableDefinition.GSK,
                            "#attempts", Items.ATTEMPTS))
                    .expressionAttributeValues(Map.of(":until", Keys.epochMillis(until),
                            ":gsk", s(Items.outboxGsk(alert.heldUntil(until))),
                            ":seen", Keys.epochMillis(alert.nextAttemptAt()), ":attempts", Keys.n(alert.attempts())))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException takenOrGone) {
            return false;
        }
    }

    @Override
    public boolean alertPending(MonitorKey monitor, String alertId) {
        var item = client.getItem(b -> b.tableName(table).key(Keys.outboxKey(monitor, alertId)).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        return item != null && !item.isEmpty() && !item.containsKey(Items.GIVEN_UP_AT);
    }

    @Override
    public void alertSent(PendingAlert alert) {
        client.deleteItem(b -> b.tableName(table).key(Keys.outboxKey(alert.monitor(), alert.id()))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    @Override
    public void alertRetryLater(PendingAlert alert) {
        try {
            client.updateItem(b -> b.tableName(table).key(Keys.outboxKey(alert.monitor(), alert.id()))
                    .updateExpression("SET #attempts = :attempts, #next = :next, #gsk = :gsk")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#attempts", Items.ATTEMPTS, "#next", Items.NEXT_ATTEMPT_AT,
                            "#gsk", TableDefinition.GSK))
                    .expressionAttributeValues(Map.of(":attempts", Keys.n(alert.attempts()),
                            ":next", Keys.epochMillis(alert.nextAttemptAt()), ":gsk", s(Items.outboxGsk(alert))))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException gone) {
            // sent meanwhile by another worker: nothing to retry
        }
    }

    /** The error first: if the second write fails, the alert is still pending and tried again. */
    @Override
    public void alertGivenUp(PendingAlert alert, ProcessingError error) {
        client.putItem(b -> b.tableName(table).item(Items.processingError(error))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        try {
            client.updateItem(b -> b.tableName(table).key(Keys.outboxKey(alert.monitor(), alert.id()))
                    .updateExpression("SET #attempts = :attempts, #given = :now REMOVE #gpk, #gsk")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#attempts", Items.ATTEMPTS, "#given", Items.GIVEN_UP_AT,
                            "#gpk", TableDefinition.GPK, "#gsk", TableDefinition.GSK))
                    .expressionAttributeValues(Map.of(":attempts", Keys.n(alert.attempts()),
                            ":now", Keys.epochMillis(error.receivedAt())))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException gone) {
            // sent meanwhile by another worker
        }
    }
}
