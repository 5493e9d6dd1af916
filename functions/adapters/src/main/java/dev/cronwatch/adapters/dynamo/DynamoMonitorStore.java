package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.monitor.QueueProgress;
import dev.cronwatch.core.port.DueEnvironment;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.rules.CheckInContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The monitor store on one DynamoDB table (infra/table-design.md has every access pattern and its
 * cost). A check-in costs the processor one BatchGetItem and one TransactWriteItems; the clock reads
 * the sparse byDue index and then only the environments it returned.
 */
public final class DynamoMonitorStore implements MonitorStore {
    private static final String CONTENT = "content";
    private static final String FILENAME = "filename";
    private static final String CONTENT_TYPE = "contentType";

    private final DynamoDbClient client;
    private final String table;
    private final BatchReads batch;
    private final CommitTransaction commits;
    private final Queries queries;

    public DynamoMonitorStore(DynamoDbClient client, String table, int retentionDays) {
        this.client = client;
        this.table = table;
        this.batch = new BatchReads(client, table);
        this.commits = new CommitTransaction(client, table, new Items(Duration.ofDays(retentionDays)));
        this.queries = new Queries(client, table);
    }

    // ---- the processor ----

    @Override
    public CheckInContext loadCheckInContext(MonitorKey monitor, String environment, String checkInId) {
        var monitorKey = Keys.key(Keys.monitorPk(monitor), Keys.MONITOR);
        var envKey = Keys.key(Keys.monitorPk(monitor), Keys.environmentSk(environment));
        var checkInKey = checkInId == null ? null : Keys.key(Keys.checkInPk(checkInId), Keys.CHECK_IN);
        List<Map<String, AttributeValue>> keys = new ArrayList<>(List.of(monitorKey, envKey));
        if (checkInKey != null) keys.add(checkInKey);
        var found = batch.get(keys);
        var m = found.get(monitorKey);
        var e = found.get(envKey);
        var c = checkInKey == null ? null : found.get(checkInKey);
        return new CheckInContext(m == null ? null : Items.monitor(m), e == null ? null : Items.environment(e),
                c == null ? null : Items.checkIn(c));
    }

    @Override
    public boolean commit(Changes changes) {
        return commits.commit(changes);
    }

    /** Forward only: an older receive time arriving late (concurrent HTTP calls) leaves the newer one. */
    @Override
    public void recordEnqueued(MonitorKey monitor, Instant receivedAt) {
        try {
            client.updateItem(b -> b.tableName(table).key(Items.queueKey(monitor))
                    .updateExpression("SET #enqueued = :at")
                    .conditionExpression("attribute_not_exists(#enqueued) OR #enqueued < :at")
                    .expressionAttributeNames(Map.of("#enqueued", Items.ENQUEUED_AT))
                    .expressionAttributeValues(Map.of(":at", Keys.epochMillis(receivedAt)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException alreadyLater) {
            // a later message was noted first: nothing to do
        }
    }

    // ---- the clock ----

    @Override
    public Page<DueEnvironment> findDue(Instant upTo, String cursor, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_DUE)
                .keyConditionExpression("#shard = :due AND #at <= :upTo")
                .expressionAttributeNames(Map.of("#shard", TableDefinition.DUE_SHARD, "#at", TableDefinition.DUE_AT))
                .expressionAttributeValues(Map.of(":due", s(Keys.DUE), ":upTo", Keys.epochMillis(upTo)));
        Page<Map<String, AttributeValue>> keys = queries.page(query, Cursors.decode(cursor), limit, byDueKey());
        return new Page<>(readDue(keys.items(), upTo), keys.nextCursor());
    }

    /** One batch read of the due environments (fresh, the index lags), their monitors and queue marks. */
    private List<DueEnvironment> readDue(List<Map<String, AttributeValue>> indexKeys, Instant upTo) {
        List<Map<String, AttributeValue>> wanted = new ArrayList<>();
        for (var k : indexKeys) {
            String pk = k.get(TableDefinition.PK).s();
            wanted.add(Keys.key(pk, k.get(TableDefinition.SK).s()));
            wanted.add(Keys.key(pk, Keys.MONITOR));
            wanted.add(Keys.key(pk, Keys.QUEUE));
        }
        var found = batch.get(wanted);
        List<DueEnvironment> due = new ArrayList<>();
        for (var k : indexKeys) {
            String pk = k.get(TableDefinition.PK).s();
            var envItem = found.get(Keys.key(pk, k.get(TableDefinition.SK).s()));
            if (envItem == null) continue; // deleted since the index was read
            MonitorEnvironment env = Items.environment(envItem);
            // The index is eventually consistent: judge only what is still due on the item itself.
            if (env.dueAt() == null || env.dueAt().isAfter(upTo)) continue;
            var monitorItem = found.get(Keys.key(pk, Keys.MONITOR));
            var queueItem = found.get(Keys.key(pk, Keys.QUEUE));
            due.add(new DueEnvironment(monitorItem == null ? null : Items.monitor(monitorItem), env,
                    new QueueProgress(Items.instantOrNull(queueItem, Items.ENQUEUED_AT),
                            Items.instantOrNull(queueItem, Items.APPLIED_AT))));
        }
        return due;
    }

    @Override
    public Optional<Instant> nextDeadlineAfter(Instant after) {
        QueryResponse response = client.query(b -> b.tableName(table).indexName(TableDefinition.BY_DUE)
                .keyConditionExpression("#shard = :due AND #at > :after")
                .expressionAttributeNames(Map.of("#shard", TableDefinition.DUE_SHARD, "#at", TableDefinition.DUE_AT))
                .expressionAttributeValues(Map.of(":due", s(Keys.DUE), ":after", Keys.epochMillis(after)))
                .limit(1)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        return response.items().stream().findFirst()
                .map(item -> Keys.fromEpochMillis(item.get(TableDefinition.DUE_AT).n()));
    }

    // ---- the alert outbox ----

    @Override
    public List<PendingAlert> pendingAlerts(int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_PARENT)
                .keyConditionExpression("#gpk = :outbox")
                .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK))
                .expressionAttributeValues(Map.of(":outbox", s(Keys.OUTBOX)));
        return queries.page(query, null, limit, byParentKey()).items().stream().map(Items::alert).toList();
    }

    /**
     * Conditional, so two workers cannot both hold it; an alert already sent (deleted) cannot be
     * claimed again, even if the lagging index still lists it.
     */
    @Override
    public boolean claimAlert(String alertId, Instant now, Duration lease) {
        try {
            client.updateItem(b -> b.tableName(table).key(Items.outboxKey(alertId))
                    .updateExpression("SET #claim = :until")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#claim) OR #claim <= :now)")
                    .expressionAttributeNames(Map.of("#claim", Items.CLAIM_UNTIL))
                    .expressionAttributeValues(Map.of(":until", Keys.epochMillis(now.plus(lease)),
                            ":now", Keys.epochMillis(now)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException heldOrGone) {
            return false;
        }
    }

    @Override
    public void alertSent(String alertId) {
        client.deleteItem(b -> b.tableName(table).key(Items.outboxKey(alertId))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    // ---- the management API ----

    @Override
    public Optional<Monitor> monitor(MonitorKey monitor) {
        var item = client.getItem(b -> b.tableName(table).key(Keys.key(Keys.monitorPk(monitor), Keys.MONITOR))
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.monitor(item));
    }

    @Override
    public List<Monitor> monitors(String organization) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_PARENT)
                .keyConditionExpression("#gpk = :org")
                .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK))
                .expressionAttributeValues(Map.of(":org", s(Keys.organizationMonitors(organization))));
        return queries.all(query).stream().map(Items::monitor).toList();
    }

    @Override
    public List<MonitorEnvironment> environments(MonitorKey monitor) {
        return queries.all(partition(monitor, Keys.ENV_PREFIX)).stream().map(Items::environment).toList();
    }

    @Override
    public Page<CheckIn> checkIns(MonitorKey monitor, String environment, String cursor, int limit) {
        return checkInsSince(monitor, environment, null, cursor, limit);
    }

    @Override
    public List<Incident> incidents(MonitorKey monitor) {
        return queries.all(partition(monitor, Keys.INCIDENT_PREFIX).scanIndexForward(false)).stream()
                .map(Items::incident).toList();
    }

    /** The key range starts after a week ago: TTL deletes late, so expired errors may still be stored. */
    @Override
    public List<ProcessingError> processingErrors(MonitorKey monitor, Instant now) {
        Instant oldest = now.minus(ProcessingError.RETENTION).plusNanos(1);
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(Keys.monitorPk(monitor)),
                        ":from", s(Keys.ERROR_PREFIX + Keys.sortable(oldest)),
                        ":to", s(Keys.ERROR_PREFIX + "\uffff")))
                .scanIndexForward(false);
        return queries.page(query, null, ProcessingError.KEPT_PER_MONITOR, Queries.TABLE_KEY).items().stream()
                .map(Items::processingError).toList();
    }

    @Override
    public boolean saveAttachment(Attachment a) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.checkInPk(a.checkInId()), Keys.ATTACHMENT));
        // Listed under its monitor, so deleting the monitor finds it even if its check-in was never stored.
        item.put(TableDefinition.GPK, s(Keys.monitorPk(a.monitor())));
        item.put(TableDefinition.GSK, s(Keys.ATTACHMENT_PREFIX + a.checkInId()));
        if (a.filename() != null) item.put(FILENAME, s(a.filename()));
        if (a.contentType() != null) item.put(CONTENT_TYPE, s(a.contentType()));
        item.put(CONTENT, AttributeValue.fromB(SdkBytes.fromByteArray(a.content())));
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException alreadyThere) {
            return false;
        }
    }

    @Override
    public Optional<Attachment> attachment(MonitorKey monitor, String checkInId) {
        var item = client.getItem(b -> b.tableName(table).key(Keys.key(Keys.checkInPk(checkInId), Keys.ATTACHMENT))
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        if (!Keys.monitorPk(monitor).equals(item.get(TableDefinition.GPK).s())) return Optional.empty();
        return Optional.of(new Attachment(monitor, checkInId, text(item, FILENAME), text(item, CONTENT_TYPE),
                item.get(CONTENT).b().asByteArray()));
    }

    /**
     * Everything in the monitor's partition (monitor, environments, queue mark, incidents, errors)
     * and everything listed under it (check-ins, attachments), deleted in batches of 25.
     */
    @Override
    public void deleteMonitor(MonitorKey monitor) {
        String pk = Keys.monitorPk(monitor);
        QueryRequest.Builder own = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk)))
                .projectionExpression("pk, sk");
        QueryRequest.Builder children = QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_PARENT)
                .keyConditionExpression("#gpk = :pk").expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK))
                .expressionAttributeValues(Map.of(":pk", s(pk)));
        List<WriteRequest> deletes = new ArrayList<>();
        for (var item : queries.all(own)) deletes.add(delete(item));
        for (var item : queries.all(children)) deletes.add(delete(item));
        batch.write(deletes);
    }

    // ---- the dashboard ----

    @Override
    public Page<Monitor> monitorPage(String organization, String cursor, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_PARENT)
                .keyConditionExpression("#gpk = :org")
                .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK))
                .expressionAttributeValues(Map.of(":org", s(Keys.organizationMonitors(organization))));
        Page<Map<String, AttributeValue>> page = queries.page(query, Cursors.decode(cursor), limit, byParentKey());
        return new Page<>(page.items().stream().map(Items::monitor).toList(), page.nextCursor());
    }

    /**
     * One BatchGetItem per 100 environments, whatever the number of monitors. Eventually consistent
     * (half the cost): a dashboard that refreshes every minute may show a write a second late.
     */
    @Override
    public Map<MonitorKey, List<MonitorEnvironment>> environmentsOf(List<Monitor> monitors) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Monitor m : monitors) {
            for (String name : m.environments()) keys.add(Keys.key(Keys.monitorPk(m.key()), Keys.environmentSk(name)));
        }
        var found = batch.get(keys, false);
        Map<MonitorKey, List<MonitorEnvironment>> result = new LinkedHashMap<>();
        for (Monitor m : monitors) {
            List<MonitorEnvironment> envs = new ArrayList<>();
            for (String name : m.environments()) {
                var item = found.get(Keys.key(Keys.monitorPk(m.key()), Keys.environmentSk(name)));
                if (item != null) envs.add(Items.environment(item));
            }
            result.put(m.key(), envs);
        }
        return result;
    }

    /**
     * Newest first through byParent, the time bound in the key condition so that only the window is
     * read. With an environment named, the filter is applied after the read (a monitor has few
     * environments, and listing all of them mixed is the common view).
     */
    @Override
    public Page<CheckIn> checkInsSince(MonitorKey monitor, String environment, Instant since, String cursor, int limit) {
        Map<String, String> names = new HashMap<>(Map.of("#gpk", TableDefinition.GPK, "#gsk", TableDefinition.GSK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":parent", s(Keys.monitorPk(monitor))));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_PARENT)
                .scanIndexForward(false);
        if (since == null) {
            values.put(":prefix", s(Keys.CHECK_IN_PREFIX));
            query.keyConditionExpression("#gpk = :parent AND begins_with(#gsk, :prefix)");
        } else {
            values.put(":from", s(Keys.CHECK_IN_PREFIX + Keys.sortable(since)));
            values.put(":to", s(Keys.CHECK_IN_PREFIX + "\uffff"));
            query.keyConditionExpression("#gpk = :parent AND #gsk BETWEEN :from AND :to");
        }
        if (environment != null) {
            names.put("#env", Items.ENVIRONMENT);
            values.put(":env", s(environment));
            query.filterExpression("#env = :env");
        }
        query.expressionAttributeNames(names).expressionAttributeValues(values);
        Page<Map<String, AttributeValue>> page = queries.page(query, Cursors.decode(cursor), limit, byParentKey());
        return new Page<>(page.items().stream().map(Items::checkIn).toList(), page.nextCursor());
    }

    @Override
    public void deleteEnvironment(MonitorKey monitor, String environment) {
        String pk = Keys.monitorPk(monitor);
        QueryRequest.Builder checkIns = QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_PARENT)
                .keyConditionExpression("#gpk = :pk AND begins_with(#gsk, :prefix)")
                .filterExpression("#env = :env")
                .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK, "#gsk", TableDefinition.GSK,
                        "#env", Items.ENVIRONMENT))
                .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(Keys.CHECK_IN_PREFIX),
                        ":env", s(environment)))
                .projectionExpression("pk, sk");
        List<WriteRequest> deletes = new ArrayList<>();
        deletes.add(delete(Keys.key(pk, Keys.environmentSk(environment))));
        for (var item : queries.all(checkIns)) {
            deletes.add(delete(item));
            deletes.add(delete(Keys.key(item.get(TableDefinition.PK).s(), Keys.ATTACHMENT)));
        }
        for (var item : queries.all(partition(monitor, Keys.INCIDENT_PREFIX))) {
            if (environment.equals(Items.incident(item).environment())) deletes.add(delete(item));
        }
        batch.write(deletes);
    }

    private static WriteRequest delete(Map<String, AttributeValue> item) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                .key(Keys.key(item.get(TableDefinition.PK).s(), item.get(TableDefinition.SK).s())).build()).build();
    }

    private QueryRequest.Builder partition(MonitorKey monitor, String skPrefix) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.monitorPk(monitor)), ":prefix", s(skPrefix)));
    }

    private static List<String> byDueKey() {
        return List.of(TableDefinition.DUE_SHARD, TableDefinition.DUE_AT, TableDefinition.PK, TableDefinition.SK);
    }

    private static List<String> byParentKey() {
        return List.of(TableDefinition.GPK, TableDefinition.GSK, TableDefinition.PK, TableDefinition.SK);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
