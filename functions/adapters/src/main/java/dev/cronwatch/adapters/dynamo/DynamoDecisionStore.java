package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorState;
import dev.cronwatch.core.monitor.OrganizationMonitors;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.port.DueEntry;
import dev.cronwatch.core.port.DueOrder;
import dev.cronwatch.core.port.HeadPasses;
import dev.cronwatch.core.port.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The processor's and the clock's store on the table (infra/table-design.md has every access pattern
 * and its cost). A check-in costs the processor one Query (the monitor with its environments) and two
 * writes; the clock reads only the keys of what is due.
 */
public final class DynamoDecisionStore implements DecisionStore {
    /** The shards whose head pass is done (a number set), and {@code tail<shard>}: what each left (a string set). */
    private static final String HEAD_PASSES_DONE = "done";
    private static final String LEFT_FOR_TAIL = "tail";
    /** Kept a day: the next minute's dispatcher is the last to read a tick's record. */
    private static final Duration HEAD_PASSES_KEPT = Duration.ofDays(1);
    /** The due index's count written with at most, and since when the setting has been lower. */
    private static final String HIGHEST_SHARDS = "highest";
    private static final String LOWERED_AT = "loweredAt";
    /**
     * After a lowered count is first seen, how long a writer with the higher one may still run: an
     * invocation started before the change lasts at most Lambda's 15 minutes.
     */
    private static final Duration OLD_WRITERS_GONE = Duration.ofMinutes(15);
    private static final List<String> BY_DUE_KEY =
            List.of(TableDefinition.DUE_SHARD, TableDefinition.DUE_AT, TableDefinition.PK, TableDefinition.SK);

    private final DynamoDbClient client;
    private final String table;
    private final BatchRequests batch;
    private final Commits commits;
    private final Queries queries;
    /** The count the due index is written with: the {@code DueIndexShards} setting. */
    private final int shardsWritten;

    public DynamoDecisionStore(DynamoDbClient client, String table, int retentionDays) {
        this(client, table, retentionDays, Keys.SHARDS);
    }

    /**
     * {@code dueShards}: the count the due index is written with (infra/table-design.md). An entry keeps
     * the shard it was written with until its environment is written again, so the readers read every
     * shard below the most ever written with ({@link #dueShards()}), raised or lowered since.
     */
    public DynamoDecisionStore(DynamoDbClient client, String table, int retentionDays, int dueShards) {
        if (dueShards < Keys.SHARDS) {
            throw new IllegalArgumentException("the due index has at least " + Keys.SHARDS + " shards, not " + dueShards);
        }
        this.client = client;
        this.table = table;
        this.shardsWritten = dueShards;
        this.batch = new BatchRequests(client, table);
        this.commits = new Commits(client, table, new Items(Duration.ofDays(retentionDays), dueShards));
        this.queries = new Queries(client, table);
    }

    /** One consistent Query: the monitor item and its environments sort together ({@code M}, {@code M#…}). */
    @Override
    public MonitorState load(MonitorKey monitor, String environment) {
        Monitor found = null;
        MonitorEnvironment named = null;
        List<MonitorEnvironment> others = new ArrayList<>();
        for (var item : queries.all(queries.partition(monitor, Keys.MONITOR))) {
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
                .key(Keys.failureKey(monitor, messageId))
                .updateExpression("ADD #attempts :one SET #expires = :expires")
                .expressionAttributeNames(Map.of("#attempts", Items.ATTEMPTS, "#expires", TableDefinition.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":one", Keys.n(1),
                        ":expires", Keys.epochSeconds(at.plus(Duration.ofDays(14)))))
                .returnValues(ReturnValue.UPDATED_NEW)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        return Integer.parseInt(response.attributes().get(Items.ATTEMPTS).n());
    }

    /** One GetItem of the error's key, eventually consistent and keys only. */
    @Override
    public boolean isRecorded(ProcessingError error) {
        var item = client.getItem(b -> b.tableName(table)
                .key(Keys.key(Keys.monitorPk(error.monitor()), Keys.errorSk(error.receivedAt(), error.id())))
                .projectionExpression(TableDefinition.PK).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        return item != null && !item.isEmpty();
    }

    @Override
    public List<Monitor> monitors(String organization) {
        return queries.all(queries.organizationMonitors(organization)).stream().map(Items::monitor).toList();
    }

    /** One Query of the counter and its minute (a COUNT query of byParent only where none is stored yet); only creates ask. */
    @Override
    public OrganizationMonitors organizationMonitors(String organization, Instant at) {
        return queries.monitorCounter(organization, at);
    }

    /** The environment item, its check-ins with their attachments, and its incidents, in batches of 25. */
    @Override
    public void deleteEnvironment(MonitorKey monitor, String environment) {
        String pk = Keys.monitorPk(monitor);
        List<WriteRequest> deletes = new ArrayList<>();
        deletes.add(BatchRequests.delete(Keys.key(pk, Keys.environmentSk(environment))));
        // its check-ins and its logged pings, each with the body kept under its id
        for (String records : List.of(Keys.CHECK_IN_PREFIX, Keys.LOGGED_PING_PREFIX)) {
            QueryRequest.Builder ofEnvironment = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .filterExpression("#env = :env")
                    .expressionAttributeNames(Map.of("#env", Items.ENVIRONMENT))
                    .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(records), ":env", s(environment)))
                    .projectionExpression("pk, sk");
            for (var item : queries.all(ofEnvironment)) {
                String sk = Items.sk(item);
                deletes.add(BatchRequests.delete(Keys.key(pk, sk)));
                deletes.add(BatchRequests.delete(Keys.attachmentKey(monitor, Keys.recordIdOf(sk))));
            }
        }
        for (var item : queries.all(queries.partition(monitor, Keys.INCIDENT_PREFIX))) {
            if (environment.equals(Items.incident(item).environment())) deletes.add(BatchRequests.delete(Keys.key(pk, Items.sk(item))));
        }
        batch.write(deletes);
    }

    /**
     * One UpdateItem on the tick's record: the shard joins the set of those done (adding it again
     * changes nothing) and its organizations replace what it left before; the whole record comes back.
     */
    @Override
    public HeadPasses headPassDone(Instant tick, int shard, Set<String> leftForTail) {
        Map<String, String> names = Map.of("#done", HEAD_PASSES_DONE, "#tail", LEFT_FOR_TAIL + shard,
                "#expires", TableDefinition.EXPIRES_AT);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":shard", AttributeValue.fromNs(List.of(Integer.toString(shard))));
        values.put(":expires", Keys.epochSeconds(tick.plus(HEAD_PASSES_KEPT)));
        String update = "ADD #done :shard SET #expires = :expires";
        if (leftForTail.isEmpty()) {
            update += " REMOVE #tail";
        } else {
            update += ", #tail = :tail";
            values.put(":tail", AttributeValue.fromSs(List.copyOf(leftForTail)));
        }
        String expression = update;
        var response = client.updateItem(b -> b.tableName(table).key(Keys.headPassesKey(tick))
                .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        return headPasses(response.attributes());
    }

    @Override
    public HeadPasses headPasses(Instant tick) {
        var item = client.getItem(b -> b.tableName(table).key(Keys.headPassesKey(tick)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? HeadPasses.NONE : headPasses(item);
    }

    private static HeadPasses headPasses(Map<String, AttributeValue> item) {
        Set<Integer> done = new HashSet<>();
        AttributeValue shards = item.get(HEAD_PASSES_DONE);
        if (shards != null) shards.ns().forEach(n -> done.add(Integer.parseInt(n)));
        Map<Integer, Set<String>> leftForTail = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(LEFT_FOR_TAIL)) {
                leftForTail.put(Integer.parseInt(name.substring(LEFT_FOR_TAIL.length())), Set.copyOf(value.ss()));
            }
        });
        return new HeadPasses(done, leftForTail);
    }

    /**
     * Reads the due index shard by shard (keys only: the worker that judges reads the environment
     * itself). The cursor names the shard and the key to continue after.
     */
    @Override
    public Page<DueEntry> findDue(Instant upTo, String cursor, int limit) {
        int shards = dueShards();
        ShardCursor at = ShardCursor.decode(cursor, shards);
        List<DueEntry> found = new ArrayList<>();
        for (int shard = at.shard(); shard < shards; shard++) {
            Page<DueEntry> page = findDue(shard, upTo, shard == at.shard() ? at.key() : null, limit - found.size());
            found.addAll(page.items());
            if (page.nextCursor() != null) return new Page<>(found, new ShardCursor(shard, page.nextCursor()).encode());
            if (found.size() == limit) {
                return new Page<>(found, shard + 1 < shards ? new ShardCursor(shard + 1, null).encode() : null);
            }
        }
        return new Page<>(found, null);
    }

    /** One consistent GetItem of the count remembered; at least the one written with. */
    @Override
    public int dueShards() {
        return Math.max(shardsWritten, rememberedShards().highest());
    }

    /**
     * Raises the count remembered at once. A lower setting is remembered as lowered at {@code now},
     * and from {@link #OLD_WRITERS_GONE} after that, at each tick, each shard above it is read for any
     * entry (due or not, one key); when none holds one the count remembered comes down to the setting.
     * Each write is conditioned on what was read, so two dispatchers of one tick write it once.
     */
    @Override
    public int recordDueShards(Instant now) {
        RememberedShards remembered = rememberedShards();
        if (remembered.highest() < shardsWritten
                || (remembered.highest() == shardsWritten && remembered.loweredAt() != null)) {
            rememberShards(remembered.highest());
            return shardsWritten;
        }
        if (remembered.highest() == shardsWritten) return shardsWritten;
        if (remembered.loweredAt() == null) {
            rememberLowered(now);
        } else if (!now.isBefore(remembered.loweredAt().plus(OLD_WRITERS_GONE))
                && allEmpty(shardsWritten, remembered.highest())) {
            rememberShards(remembered.highest());
            return shardsWritten;
        }
        return remembered.highest();
    }

    private RememberedShards rememberedShards() {
        var item = client.getItem(b -> b.tableName(table).key(Keys.dueShardsKey()).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        if (item == null || !item.containsKey(HIGHEST_SHARDS)) return new RememberedShards(0, null);
        AttributeValue lowered = item.get(LOWERED_AT);
        return new RememberedShards(Integer.parseInt(item.get(HIGHEST_SHARDS).n()),
                lowered == null ? null : Instant.ofEpochMilli(Long.parseLong(lowered.n())));
    }

    private void rememberLowered(Instant now) {
        try {
            client.updateItem(b -> b.tableName(table).key(Keys.dueShardsKey())
                    .updateExpression("SET #lowered = :now").conditionExpression("attribute_not_exists(#lowered)")
                    .expressionAttributeNames(Map.of("#lowered", LOWERED_AT))
                    .expressionAttributeValues(Map.of(":now", Keys.n(now.toEpochMilli())))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException anotherDispatcherWroteIt) {
            // it saw the same setting
        }
    }

    /** The setting becomes the count remembered, if the count remembered is still {@code read} (0: none). */
    private void rememberShards(int read) {
        try {
            client.updateItem(b -> b.tableName(table).key(Keys.dueShardsKey())
                    .updateExpression("SET #highest = :shards REMOVE #lowered")
                    .conditionExpression(read == 0 ? "attribute_not_exists(#highest)" : "#highest = :read")
                    .expressionAttributeNames(Map.of("#highest", HIGHEST_SHARDS, "#lowered", LOWERED_AT))
                    .expressionAttributeValues(read == 0 ? Map.of(":shards", Keys.n(shardsWritten))
                            : Map.of(":shards", Keys.n(shardsWritten), ":read", Keys.n(read)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException anotherDispatcherWroteIt) {
            // the next tick reads what it wrote
        }
    }

    /** Whether no entry at all, due or not, is in the shards from {@code from} to {@code to} - 1 (one key each). */
    private boolean allEmpty(int from, int to) {
        for (int shard = from; shard < to; shard++) {
            String key = Keys.dueShard(shard);
            var response = client.query(b -> b.tableName(table).indexName(TableDefinition.BY_DUE)
                    .keyConditionExpression("#shard = :shard")
                    .expressionAttributeNames(Map.of("#shard", TableDefinition.DUE_SHARD))
                    .expressionAttributeValues(Map.of(":shard", s(key))).limit(1)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            if (!response.items().isEmpty()) return false;
        }
        return true;
    }

    /** The count remembered (0: none yet) and when a lower setting was first seen (null: it is not lower). */
    private record RememberedShards(int highest, Instant loweredAt) {
    }

    /**
     * Queries of one shard of the due index, up to the last value of the tick {@code upTo} falls in; the
     * cursor is the index key to continue after. That range also holds the entries of the form before
     * ranks (plain millis, sorted first) not yet due, and, for an {@code upTo} inside a minute, the
     * minute's later deadlines: those are skipped, not listed.
     */
    @Override
    public Page<DueEntry> findDue(int shard, Instant upTo, String cursor, int limit) {
        // any shard may be asked for: one above the setting may hold entries of a higher count's
        if (shard < 0) throw new IllegalArgumentException("no shard " + shard);
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_DUE)
                .keyConditionExpression("#shard = :shard AND #at <= :last")
                .expressionAttributeNames(Map.of("#shard", TableDefinition.DUE_SHARD, "#at", TableDefinition.DUE_AT))
                .expressionAttributeValues(Map.of(":shard", s(Keys.dueShard(shard)),
                        ":last", Keys.lastDueOfTick(DueOrder.tickOf(upTo))));
        List<DueEntry> found = new ArrayList<>();
        String next = cursor;
        do {
            Page<Map<String, AttributeValue>> page = queries.page(query, Cursors.decode(next), limit - found.size(),
                    BY_DUE_KEY);
            for (var item : page.items()) {
                Keys.DueValue value = Keys.dueValue(item.get(TableDefinition.DUE_AT).n());
                if (value.deadline().isAfter(upTo)) continue;
                found.add(new DueEntry(Keys.monitorOf(Items.pk(item)), Keys.environmentOf(Items.sk(item)),
                        value.deadline(), value.rank()));
            }
            next = page.nextCursor();
        } while (next != null && found.size() < limit);
        return new Page<>(found, next);
    }

    /**
     * Per shard: the first entry of the form before ranks after {@code after} (they sort by deadline),
     * and the earliest deadline of the first tick from {@code after}'s on that has one after it (a tick's
     * entries sort by rank first, so that tick is read whole).
     */
    @Override
    public Optional<Instant> nextDeadlineAfter(Instant after) {
        List<Instant> found = new ArrayList<>();
        int shards = dueShards();
        for (int shard = 0; shard < shards; shard++) {
            found.add(firstPlainAfter(shard, after));
            found.add(earliestOfTicksFrom(shard, after));
        }
        return found.stream().filter(Objects::nonNull).min(Instant::compareTo);
    }

    private Instant firstPlainAfter(int shard, Instant after) {
        String first = firstDueValue(shard, "#at > :from", Keys.epochMillis(after));
        if (first == null) return null;
        Keys.DueValue value = Keys.dueValue(first);
        return value.plainMillis() ? value.deadline() : null;
    }

    private Instant earliestOfTicksFrom(int shard, Instant after) {
        Instant tick = DueOrder.tickOf(after);
        Instant earliest = earliestOfTick(shard, tick, after);
        if (earliest != null) return earliest;
        String next = firstDueValue(shard, "#at >= :from", Keys.firstDueOfTick(tick.plus(Duration.ofMinutes(1))));
        return next == null ? null : earliestOfTick(shard, DueOrder.tickOf(Keys.dueValue(next).deadline()), after);
    }

    /** The due index value of the shard's first entry in the range {@code condition} gives, or null. */
    private String firstDueValue(int shard, String condition, AttributeValue from) {
        var response = client.query(b -> b.tableName(table).indexName(TableDefinition.BY_DUE)
                .keyConditionExpression("#shard = :shard AND " + condition)
                .expressionAttributeNames(Map.of("#shard", TableDefinition.DUE_SHARD, "#at", TableDefinition.DUE_AT))
                .expressionAttributeValues(Map.of(":shard", s(Keys.dueShard(shard)), ":from", from))
                .limit(1)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        return response.items().isEmpty() ? null : response.items().get(0).get(TableDefinition.DUE_AT).n();
    }

    private Instant earliestOfTick(int shard, Instant tick, Instant after) {
        Instant earliest = null;
        for (var item : queries.all(QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_DUE)
                .keyConditionExpression("#shard = :shard AND #at BETWEEN :first AND :last")
                .expressionAttributeNames(Map.of("#shard", TableDefinition.DUE_SHARD, "#at", TableDefinition.DUE_AT))
                .expressionAttributeValues(Map.of(":shard", s(Keys.dueShard(shard)),
                        ":first", Keys.firstDueOfTick(tick), ":last", Keys.lastDueOfTick(tick))))) {
            Instant due = Keys.dueValue(item.get(TableDefinition.DUE_AT).n()).deadline();
            if (due.isAfter(after) && (earliest == null || due.isBefore(earliest))) earliest = due;
        }
        return earliest;
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
}
