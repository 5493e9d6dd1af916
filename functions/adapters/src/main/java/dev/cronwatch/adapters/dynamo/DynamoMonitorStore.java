package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorState;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.port.DueEntry;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.port.Page;
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
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The monitor store on one DynamoDB table (infra/table-design.md has every access pattern and its
 * cost). A check-in costs the processor one Query (the monitor with its environments) and two
 * writes; the clock reads only the keys of what is due.
 */
public final class DynamoMonitorStore implements MonitorStore {
    private static final String CONTENT = "content";
    private static final String FILENAME = "filename";
    private static final String CONTENT_TYPE = "contentType";
    /** How far back a check-in is looked for by id when it is not among the environments' recent runs. */
    private static final int CHECK_IN_LOOKUP_DEPTH = 200;

    private final DynamoDbClient client;
    private final String table;
    private final Items items;
    private final int dueShards;
    private final BatchReads batch;
    private final Commits commits;
    private final Queries queries;

    public DynamoMonitorStore(DynamoDbClient client, String table, int retentionDays) {
        this(client, table, retentionDays, Keys.SHARDS);
    }

    /**
     * {@code dueShards}: the due index's shard count (infra/table-design.md). It may only be raised:
     * an entry keeps the shard it was written with until its environment is written again, and every
     * shard below the count is read, so an entry written under a smaller count is still found.
     */
    public DynamoMonitorStore(DynamoDbClient client, String table, int retentionDays, int dueShards) {
        if (dueShards < Keys.SHARDS) {
            throw new IllegalArgumentException("the due index has at least " + Keys.SHARDS + " shards, not " + dueShards);
        }
        this.client = client;
        this.table = table;
        this.dueShards = dueShards;
        this.items = new Items(Duration.ofDays(retentionDays), dueShards);
        this.batch = new BatchReads(client, table);
        this.commits = new Commits(client, table, items);
        this.queries = new Queries(client, table);
    }

    // ---- the processor ----

    /** One consistent Query: the monitor item and its environments sort together ({@code M}, {@code M#…}). */
    @Override
    public MonitorState load(MonitorKey monitor, String environment) {
        Monitor found = null;
        MonitorEnvironment named = null;
        List<MonitorEnvironment> others = new ArrayList<>();
        for (var item : queries.all(partition(monitor, Keys.MONITOR))) {
            if (Keys.MONITOR.equals(Items.sk(item))) {
                found = Items.monitor(item);
                continue;
            }
            MonitorEnvironment env = Items.environment(item);
            if (env.name().equals(environment)) {
                named = env;
            } else {
                others.add(env);
            }
        }
        return new MonitorState(found, named, others);
    }

    @Override
    public boolean commit(Changes changes) {
        return commits.commit(changes);
    }

    @Override
    public int recordFailure(MonitorKey monitor, String messageId, Instant at) {
        var response = client.updateItem(b -> b.tableName(table)
                .key(Keys.key(Keys.monitorPk(monitor), Keys.FAILURE_PREFIX + messageId))
                .updateExpression("ADD #attempts :one SET #expires = :expires")
                .expressionAttributeNames(Map.of("#attempts", Items.ATTEMPTS, "#expires", TableDefinition.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":one", Keys.n(1),
                        ":expires", Keys.epochSeconds(at.plus(Duration.ofDays(14)))))
                .returnValues(ReturnValue.UPDATED_NEW)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        return Integer.parseInt(response.attributes().get(Items.ATTEMPTS).n());
    }

    // ---- the clock ----

    /**
     * Reads the due index shard by shard (keys only: the worker that judges reads the environment
     * itself). The cursor names the shard and the key to continue after.
     */
    @Override
    public Page<DueEntry> findDue(Instant upTo, String cursor, int limit) {
        ShardCursor at = ShardCursor.decode(cursor, dueShards);
        List<DueEntry> found = new ArrayList<>();
        for (int shard = at.shard(); shard < dueShards; shard++) {
            Page<DueEntry> page = findDue(shard, upTo, shard == at.shard() ? at.key() : null, limit - found.size());
            found.addAll(page.items());
            if (page.nextCursor() != null) return new Page<>(found, new ShardCursor(shard, page.nextCursor()).encode());
            if (found.size() == limit) {
                return new Page<>(found, shard + 1 < dueShards ? new ShardCursor(shard + 1, null).encode() : null);
            }
        }
        return new Page<>(found, null);
    }

    @Override
    public int dueShards() {
        return dueShards;
    }

    /** One Query of {@code DUE#shard}; the cursor is the index key to continue after. */
    @Override
    public Page<DueEntry> findDue(int shard, Instant upTo, String cursor, int limit) {
        if (shard < 0 || shard >= dueShards) throw new IllegalArgumentException("no shard " + shard);
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_DUE)
                .keyConditionExpression("#shard = :shard AND #at <= :upTo")
                .expressionAttributeNames(Map.of("#shard", TableDefinition.DUE_SHARD, "#at", TableDefinition.DUE_AT))
                .expressionAttributeValues(Map.of(":shard", s(Keys.DUE_SHARD_PREFIX + shard),
                        ":upTo", Keys.epochMillis(upTo)));
        Page<Map<String, AttributeValue>> page = queries.page(query, Cursors.decode(cursor), limit, BY_DUE_KEY);
        List<DueEntry> found = new ArrayList<>();
        for (var item : page.items()) {
            found.add(new DueEntry(Keys.monitorOf(Items.pk(item)), Keys.environmentOf(Items.sk(item)),
                    Keys.fromEpochMillis(item.get(TableDefinition.DUE_AT).n())));
        }
        return new Page<>(found, page.nextCursor());
    }

    @Override
    public Optional<Instant> nextDeadlineAfter(Instant after) {
        Instant earliest = null;
        for (int shard = 0; shard < dueShards; shard++) {
            int n = shard;
            var response = client.query(b -> b.tableName(table).indexName(TableDefinition.BY_DUE)
                    .keyConditionExpression("#shard = :shard AND #at > :after")
                    .expressionAttributeNames(Map.of("#shard", TableDefinition.DUE_SHARD, "#at", TableDefinition.DUE_AT))
                    .expressionAttributeValues(Map.of(":shard", s(Keys.DUE_SHARD_PREFIX + n),
                            ":after", Keys.epochMillis(after)))
                    .limit(1)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            for (var item : response.items()) {
                Instant due = Keys.fromEpochMillis(item.get(TableDefinition.DUE_AT).n());
                if (earliest == null || due.isBefore(earliest)) earliest = due;
            }
        }
        return Optional.ofNullable(earliest);
    }

    // ---- the alert outbox ----

    @Override
    public List<PendingAlert> alertsDue(Instant now, int limit) {
        List<PendingAlert> due = new ArrayList<>();
        String bound = Keys.sortable(now.plusMillis(1));
        for (int shard = 0; shard < Keys.SHARDS && due.size() < limit; shard++) {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_PARENT)
                    .keyConditionExpression("#gpk = :shard AND #gsk < :bound")
                    .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK, "#gsk", TableDefinition.GSK))
                    .expressionAttributeValues(Map.of(":shard", s(Keys.OUTBOX_SHARD_PREFIX + shard), ":bound", s(bound)));
            for (var item : queries.page(query, null, limit - due.size(), Queries.BY_PARENT_KEY).items()) {
                due.add(Items.alert(item));
            }
        }
        return due;
    }

    /** Conditional on the entry being as read: two sweeps cannot both take it, and a sent one is gone. */
    @Override
    public boolean claimAlert(PendingAlert alert, Instant until) {
        try {
            client.updateItem(b -> b.tableName(table).key(Items.outboxKey(alert.monitor(), alert.id()))
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
        var item = client.getItem(b -> b.tableName(table).key(Items.outboxKey(monitor, alertId)).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        return item != null && !item.isEmpty() && !item.containsKey(Items.GIVEN_UP_AT);
    }

    @Override
    public void alertSent(PendingAlert alert) {
        client.deleteItem(b -> b.tableName(table).key(Items.outboxKey(alert.monitor(), alert.id()))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    @Override
    public void alertRetryLater(PendingAlert alert) {
        try {
            client.updateItem(b -> b.tableName(table).key(Items.outboxKey(alert.monitor(), alert.id()))
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
            client.updateItem(b -> b.tableName(table).key(Items.outboxKey(alert.monitor(), alert.id()))
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

    // ---- the management API ----

    @Override
    public Optional<Monitor> monitor(MonitorKey monitor) {
        var item = client.getItem(b -> b.tableName(table).key(Keys.key(Keys.monitorPk(monitor), Keys.MONITOR))
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.monitor(item));
    }

    @Override
    public List<Monitor> monitors(String organization) {
        return queries.all(organizationMonitors(organization)).stream().map(Items::monitor).toList();
    }

    @Override
    public List<MonitorEnvironment> environments(MonitorKey monitor) {
        return queries.all(partition(monitor, Keys.ENV_PREFIX)).stream().map(Items::environment).toList();
    }

    @Override
    public Page<CheckIn> checkIns(MonitorKey monitor, String environment, String cursor, int limit) {
        return checkInsSince(monitor, environment, null, cursor, limit);
    }

    /** Among the environments' recent runs first (where nearly every asked-for id is), then a bounded look back. */
    @Override
    public Optional<CheckIn> checkIn(MonitorKey monitor, String checkInId) {
        for (MonitorEnvironment env : environments(monitor)) {
            Optional<CheckIn> recent = env.find(checkInId);
            if (recent.isPresent()) return recent;
        }
        return checkInsSince(monitor, null, null, null, CHECK_IN_LOOKUP_DEPTH).items().stream()
                .filter(c -> c.id().equals(checkInId)).findFirst();
    }

    @Override
    public Page<Incident> incidents(MonitorKey monitor, String cursor, int limit) {
        String pk = Keys.monitorPk(monitor);
        var start = Cursors.decodeFromClient(cursor, Queries.TABLE_KEY, key -> key.get(TableDefinition.PK).s().equals(pk)
                && key.get(TableDefinition.SK).s().startsWith(Keys.INCIDENT_PREFIX));
        Page<Map<String, AttributeValue>> page = queries.page(
                partition(monitor, Keys.INCIDENT_PREFIX).scanIndexForward(false), start, limit, Queries.TABLE_KEY);
        return new Page<>(page.items().stream().map(Items::incident).toList(), page.nextCursor());
    }

    /** The key range starts after a week ago: TTL deletes late, so expired errors may still be stored. */
    @Override
    public List<ProcessingError> processingErrors(MonitorKey monitor, Instant now) {
        Instant oldest = now.minus(ProcessingError.RETENTION).plusMillis(1);
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(Keys.monitorPk(monitor)),
                        ":from", s(Keys.ERROR_PREFIX + Keys.sortable(oldest)),
                        ":to", s(Keys.ERROR_PREFIX + "\uffff")))
                .scanIndexForward(false);
        return queries.page(query, null, ProcessingError.KEPT_PER_MONITOR, Queries.TABLE_KEY).items().stream()
                .map(Items::processingError).toList();
    }

    /** Under its monitor, and expiring with its check-in. */
    @Override
    public boolean saveAttachment(Attachment a, CheckIn checkIn) {
        Map<String, AttributeValue> item = new HashMap<>(attachmentKey(a.monitor(), a.checkInId()));
        if (a.filename() != null) item.put(FILENAME, s(a.filename()));
        if (a.contentType() != null) item.put(CONTENT_TYPE, s(a.contentType()));
        item.put(CONTENT, AttributeValue.fromB(SdkBytes.fromByteArray(a.content())));
        item.put(TableDefinition.EXPIRES_AT, Keys.epochSeconds(items.expiryOf(checkIn)));
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
        var item = client.getItem(b -> b.tableName(table).key(attachmentKey(monitor, checkInId))
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new Attachment(monitor, checkInId, text(item, FILENAME), text(item, CONTENT_TYPE),
                item.get(CONTENT).b().asByteArray()));
    }

    private static Map<String, AttributeValue> attachmentKey(MonitorKey monitor, String checkInId) {
        return Keys.key(Keys.monitorPk(monitor), Keys.ATTACHMENT_PREFIX + checkInId);
    }

    /**
     * Everything in the monitor's partition, deleted in batches of 25, the monitor item last: a delete
     * cut off half-way leaves the monitor findable, so repeating the delete finishes it.
     */
    @Override
    public void deleteMonitor(MonitorKey monitor) {
        String pk = Keys.monitorPk(monitor);
        QueryRequest.Builder all = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk)))
                .projectionExpression("pk, sk");
        List<WriteRequest> owned = new ArrayList<>();
        for (var item : queries.all(all)) {
            if (!Keys.MONITOR.equals(Items.sk(item))) owned.add(delete(pk, Items.sk(item)));
        }
        batch.write(owned);
        batch.write(List.of(delete(pk, Keys.MONITOR)));
    }

    private static WriteRequest delete(String pk, String sk) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Keys.key(pk, sk)).build()).build();
    }

    /** Through byParent (eventually consistent, like every index read), in slug order. */
    @Override
    public Page<Monitor> monitors(String organization, String cursor, int limit) {
        String parent = Keys.organizationMonitors(organization);
        var start = Cursors.decodeFromClient(cursor, Queries.BY_PARENT_KEY, key -> key.get(TableDefinition.GPK).s().equals(parent));
        Page<Map<String, AttributeValue>> page = queries.page(organizationMonitors(organization), start, limit, Queries.BY_PARENT_KEY);
        return new Page<>(page.items().stream().map(Items::monitor).toList(), page.nextCursor());
    }

    /**
     * A COUNT query of the organization's monitors in byParent: no items come back, but DynamoDB still
     * charges for what it reads (about 1 RRU per 8 KB of monitors), so only creates ask.
     */
    @Override
    public long monitorCount(String organization) {
        return queries.count(organizationMonitors(organization));
    }

    private QueryRequest.Builder organizationMonitors(String organization) {
        return QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_PARENT)
                .keyConditionExpression("#gpk = :org")
                .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK))
                .expressionAttributeValues(Map.of(":org", s(Keys.organizationMonitors(organization))));
    }

    // ---- the dashboard ----

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
     * Newest first, from the monitor's own partition, the time bound in the key condition so that
     * only the window is read. With an environment named, the filter is applied after the read (a
     * monitor has few environments, and the mixed listing is the usual one). A cursor from another
     * monitor is refused.
     */
    @Override
    public Page<CheckIn> checkInsSince(MonitorKey monitor, String environment, Instant since, String cursor, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(Keys.monitorPk(monitor)));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true).scanIndexForward(false);
        String from = since == null ? null : Keys.CHECK_IN_PREFIX + Keys.sortable(since);
        String to = Keys.CHECK_IN_PREFIX + "\uffff";
        if (since == null) {
            values.put(":prefix", s(Keys.CHECK_IN_PREFIX));
            query.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)");
        } else {
            values.put(":from", s(from));
            values.put(":to", s(to));
            query.keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to");
        }
        if (environment != null) {
            values.put(":env", s(environment));
            query.filterExpression("#env = :env").expressionAttributeNames(Map.of("#env", Items.ENVIRONMENT));
        }
        query.expressionAttributeValues(values);
        String pk = Keys.monitorPk(monitor);
        // a start key outside the key condition's range is DynamoDB's error: a later since's is refused here
        var start = Cursors.decodeFromClient(cursor, Queries.TABLE_KEY, key -> key.get(TableDefinition.PK).s().equals(pk)
                && key.get(TableDefinition.SK).s().startsWith(Keys.CHECK_IN_PREFIX)
                && (from == null || Cursors.compare(key.get(TableDefinition.SK).s(), from) >= 0
                        && Cursors.compare(key.get(TableDefinition.SK).s(), to) <= 0));
        Page<Map<String, AttributeValue>> page = queries.page(query, start, limit, Queries.TABLE_KEY);
        return new Page<>(page.items().stream().map(Items::checkIn).toList(), page.nextCursor());
    }

    /** The environment item, its check-ins with their attachments, and its incidents, in batches of 25. */
    @Override
    public void deleteEnvironment(MonitorKey monitor, String environment) {
        String pk = Keys.monitorPk(monitor);
        QueryRequest.Builder checkIns = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .filterExpression("#env = :env")
                .expressionAttributeNames(Map.of("#env", Items.ENVIRONMENT))
                .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(Keys.CHECK_IN_PREFIX), ":env", s(environment)))
                .projectionExpression("pk, sk");
        List<WriteRequest> deletes = new ArrayList<>();
        deletes.add(delete(pk, Keys.environmentSk(environment)));
        for (var item : queries.all(checkIns)) {
            String sk = Items.sk(item);
            deletes.add(delete(pk, sk));
            deletes.add(delete(pk, Keys.ATTACHMENT_PREFIX + Keys.checkInIdOf(sk)));
        }
        for (var item : queries.all(partition(monitor, Keys.INCIDENT_PREFIX))) {
            if (environment.equals(Items.incident(item).environment())) deletes.add(delete(pk, Items.sk(item)));
        }
        batch.write(deletes);
    }

    private QueryRequest.Builder partition(MonitorKey monitor, String skPrefix) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.monitorPk(monitor)), ":prefix", s(skPrefix)));
    }

    private static final List<String> BY_DUE_KEY =
            List.of(TableDefinition.DUE_SHARD, TableDefinition.DUE_AT, TableDefinition.PK, TableDefinition.SK);

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** A findDue cursor: the shard being read and, inside it, the index cursor to continue after. */
    private record ShardCursor(int shard, String key) {
        static ShardCursor decode(String cursor, int shards) {
            if (cursor == null) return new ShardCursor(0, null);
            int bar = cursor.indexOf('|');
            try {
                int shard = Integer.parseInt(bar < 0 ? cursor : cursor.substring(0, bar));
                if (shard < 0 || shard >= shards) throw new IllegalArgumentException("invalid cursor");
                return new ShardCursor(shard, bar < 0 ? null : cursor.substring(bar + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid cursor", e);
            }
        }

        String encode() {
            return key == null ? Integer.toString(shard) : shard + "|" + key;
        }
    }

    // ---- organization-wide views ----

    @Override
    public Page<ProcessingError> organizationProcessingErrors(String organization, Instant now, String cursor, int limit) {
        return OrganizationErrors.page(queries, table, organization, now, cursor, limit);
    }
}
