package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.LoggedPing;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.PingTarget;
import dev.cronwatch.core.port.ManagementStore;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.service.ConcurrentChangeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The management API's and the dashboard's reads on the table, the attachments, and a monitor's
 * removal. Reads of one monitor are consistent; the lists read through an index may lag a write.
 */
public final class DynamoManagementStore implements ManagementStore {
    /** How far back a check-in is looked for by id when it is not among the environments' recent runs. */
    private static final int CHECK_IN_LOOKUP_DEPTH = 200;
    /** Deletes in a row that found the organization's counter changed since they read it, before giving up. */
    private static final int MAX_COUNT_ATTEMPTS = 5;

    private final DynamoDbClient client;
    private final String table;
    private final Items items;
    private final BatchRequests batch;
    private final Queries queries;
    private final Commits commits;

    public DynamoManagementStore(DynamoDbClient client, String table, int retentionDays) {
        this.client = client;
        this.table = table;
        this.items = new Items(Duration.ofDays(retentionDays));
        this.batch = new BatchRequests(client, table);
        this.queries = new Queries(client, table);
        this.commits = new Commits(client, table, items);
    }

    @Override
    public Optional<Monitor> monitor(MonitorKey monitor) {
        var item = client.getItem(b -> b.tableName(table).key(Keys.monitorKey(monitor))
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.monitor(item));
    }

    /** Through byParent (eventually consistent, like every index read), in slug order. */
    @Override
    public Page<Monitor> monitors(String organization, String cursor, int limit) {
        String parent = Keys.organizationMonitors(organization);
        var start = Cursors.decodeFromClient(cursor, Queries.BY_PARENT_KEY, key -> key.get(TableDefinition.GPK).s().equals(parent));
        Page<Map<String, AttributeValue>> page = queries.page(queries.organizationMonitors(organization), start, limit,
                Queries.BY_PARENT_KEY);
        return new Page<>(page.items().stream().map(Items::monitor).toList(), page.nextCursor());
    }

    @Override
    public List<MonitorEnvironment> environments(MonitorKey monitor) {
        return queries.all(queries.partition(monitor, Keys.ENV_PREFIX)).stream().map(Items::environment).toList();
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
        String from = since == null ? null : Keys.checkInsFrom(since);
        String to = Keys.checkInsEnd();
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
                queries.partition(monitor, Keys.INCIDENT_PREFIX).scanIndexForward(false), start, limit, Queries.TABLE_KEY);
        return new Page<>(page.items().stream().map(Items::incident).toList(), page.nextCursor());
    }

    /** Under its monitor, and expiring with its check-in. */
    @Override
    public boolean saveAttachment(Attachment a, CheckIn checkIn) {
        try {
            client.putItem(b -> b.tableName(table).item(items.attachment(a, checkIn))
                    .conditionExpression("attribute_not_exists(pk)")
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException alreadyThere) {
            return false;
        }
    }

    /**
     * Everything in the monitor's partition, deleted in batches of 25, the monitor item last: a delete
     * cut off half-way leaves the monitor findable, so repeating the delete finishes it.
     */
    @Override
    public List<LoggedPing> loggedPings(MonitorKey monitor, int limit) {
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :ping)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.monitorPk(monitor)), ":ping", s(Keys.LOGGED_PING_PREFIX)))
                .scanIndexForward(false).limit(limit).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        return client.query(query).items().stream().map(Items::loggedPing).toList();
    }

    @Override
    public Optional<Attachment> attachment(MonitorKey monitor, String id) {
        var item = client.getItem(b -> b.tableName(table).key(Keys.attachmentKey(monitor, id)).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.attachment(monitor, id, item));
    }

    @Override
    public Optional<PingTarget> pingTarget(String pingCode) {
        if (!PingCheck.isPingCode(pingCode)) return Optional.empty();
        var item = client.getItem(b -> b.tableName(table).key(Keys.pingCodeKey(pingCode))
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.pingTarget(pingCode, item));
    }

    /** A Healthchecks check's ping code goes first, so that a delete cut off half-way leaves no ping URL. */
    @Override
    public void deleteMonitor(MonitorKey monitor) {
        monitor(monitor).map(Monitor::ping).ifPresent(ping ->
                client.deleteItem(b -> b.tableName(table).key(Keys.pingCodeKey(ping.pingCode()))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
        String pk = Keys.monitorPk(monitor);
        QueryRequest.Builder all = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk)))
                .projectionExpression("pk, sk");
        List<WriteRequest> owned = new ArrayList<>();
        for (var item : queries.all(all)) {
            if (!Keys.MONITOR.equals(Items.sk(item))) owned.add(BatchRequests.delete(Keys.key(pk, Items.sk(item))));
        }
        batch.write(owned);
        for (int attempt = 0; attempt < MAX_COUNT_ATTEMPTS; attempt++) {
            if (commits.deleteCounted(monitor, queries.monitors(monitor.organization()))) return;
        }
        throw new ConcurrentChangeException("deleting monitor " + monitor + ": its organization's counter kept changing");
    }
}
