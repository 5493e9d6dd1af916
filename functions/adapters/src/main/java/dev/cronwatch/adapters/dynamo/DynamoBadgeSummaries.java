package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;
import static dev.cronwatch.adapters.dynamo.TenantRecords.ORGANIZATION;
import static dev.cronwatch.adapters.dynamo.TenantRecords.PROJECT_ID;

import dev.cronwatch.core.healthchecks.BadgeStatus;
import dev.cronwatch.core.healthchecks.BadgeSummary;
import dev.cronwatch.core.port.BadgeSummaries;
import dev.cronwatch.core.tenant.TenantNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Badge summaries in the monitors' table (infra/table-design.md): a project's pointer to its badge key,
 * and under that key a head (project, secret) followed by one small item per monitor, so a project of any
 * size fits and a badge is one Query of the partition. A summary written as one item ({@code c}, a map of
 * every monitor) is still read, under the per-monitor items, and moved to them by the next rebuild.
 */
record DynamoBadgeSummaries(TableHandle table) implements BadgeSummaries {
    private static final String BADGE_KEY = "badgeKey";
    private static final String SECRET = "secret";
    /** A summary of the single-item format: slug → {t, s}. */
    private static final String ENTRIES = "c";
    private static final String TAGS = "t";
    private static final String STATE = "s";

    @Override
    public Optional<BadgeSummary> badgeSummary(String badgeKey) {
        if (!TenantNames.isPublicKey(badgeKey)) return Optional.empty();
        Map<String, AttributeValue> head = null;
        Map<String, BadgeSummary.Entry> entries = new HashMap<>();
        for (Map<String, AttributeValue> item : table.queries().all(partition(badgeKey))) {
            String sk = item.get(TableDefinition.SK).s();
            if (sk.equals(Keys.BADGE)) {
                head = item;
            } else {
                entries.put(Keys.slugOfBadgeEntry(sk), entry(item));
            }
        }
        if (head == null) return Optional.empty();
        Map<String, BadgeSummary.Entry> all = new HashMap<>(legacyEntries(head));
        all.putAll(entries);
        return Optional.of(summary(head, all));
    }

    @Override
    public Optional<BadgeSummary> badgeSigning(String organization, String projectId) {
        return badgeKey(organization, projectId).flatMap(key -> table.items().get(Keys.badgePk(key), Keys.BADGE))
                .map(head -> summary(head, Map.of()));
    }

    @Override
    public Optional<String> badgeKey(String organization, String projectId) {
        if (!TenantNames.isSlug(organization) || !TenantNames.isProjectId(projectId)) return Optional.empty();
        return table.items().get(Keys.projectPk(organization), Keys.badgePointerSk(projectId)).map(item -> item.get(BADGE_KEY).s());
    }

    /** The project's pointer and the head, in one transaction, each only if absent; then the entries. */
    @Override
    public boolean createBadgeSummary(BadgeSummary summary) {
        Map<String, AttributeValue> pointer = Map.of(ORGANIZATION, s(summary.organization()),
                PROJECT_ID, s(summary.projectId()), BADGE_KEY, s(summary.badgeKey()));
        Map<String, AttributeValue> head = new HashMap<>(pointer);
        head.put(SECRET, s(summary.secret()));
        try {
            table.client().transactWriteItems(b -> b.transactItems(
                    table.items().absentPut(pointer, Keys.projectPk(summary.organization()), Keys.badgePointerSk(summary.projectId())),
                    table.items().absentPut(head, Keys.badgePk(summary.badgeKey()), Keys.BADGE))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) return false;
            throw e;
        }
        List<WriteRequest> puts = new ArrayList<>();
        summary.monitors().forEach((slug, entry) -> puts.add(put(summary.badgeKey(), slug, entry)));
        table.batches().write(puts);
        return true;
    }

    /** A removal also takes the monitor out of a single-item summary's map, if it is there. */
    @Override
    public void putBadgeEntry(String badgeKey, String slug, BadgeSummary.Entry entry) {
        if (entry != null) {
            table.client().putItem(b -> b.tableName(table.name()).item(entryItem(badgeKey, slug, entry))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return;
        }
        table.client().deleteItem(b -> b.tableName(table.name()).key(Keys.key(Keys.badgePk(badgeKey), Keys.badgeEntrySk(slug)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(Keys.key(Keys.badgePk(badgeKey), Keys.BADGE))
                    .updateExpression("REMOVE #c.#slug").conditionExpression("attribute_exists(#c.#slug)")
                    .expressionAttributeNames(Map.of("#c", ENTRIES, "#slug", slug))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException notInTheMap) {
            // a summary of per-monitor items only: nothing more to remove
        }
    }

    /** Puts the entries that differ, deletes those of monitors gone, and moves a single-item summary's map out. */
    @Override
    public void replaceBadgeEntries(String badgeKey, Map<String, BadgeSummary.Entry> entries) {
        Optional<BadgeSummary> stored = badgeSummary(badgeKey);
        if (stored.isEmpty()) return;
        boolean singleItem = table.items().get(Keys.badgePk(badgeKey), Keys.BADGE).map(h -> h.containsKey(ENTRIES)).orElse(false);
        List<WriteRequest> writes = new ArrayList<>();
        entries.forEach((slug, entry) -> {
            if (singleItem || !entry.equals(stored.get().monitors().get(slug))) writes.add(put(badgeKey, slug, entry));
        });
        stored.get().monitors().keySet().stream().filter(slug -> !entries.containsKey(slug))
                .forEach(slug -> writes.add(BatchRequests.delete(Keys.key(Keys.badgePk(badgeKey), Keys.badgeEntrySk(slug)))));
        table.batches().write(writes);
        if (singleItem) {
            table.client().updateItem(b -> b.tableName(table.name()).key(Keys.key(Keys.badgePk(badgeKey), Keys.BADGE))
                    .updateExpression("REMOVE #c").expressionAttributeNames(Map.of("#c", ENTRIES))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        }
    }

    private QueryRequest.Builder partition(String badgeKey) {
        return QueryRequest.builder().tableName(table.name()).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.badgePk(badgeKey))));
    }

    private WriteRequest put(String badgeKey, String slug, BadgeSummary.Entry entry) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(entryItem(badgeKey, slug, entry)).build()).build();
    }

    /** Tags left out when there are none: most monitors have none, and a project's entries are read together. */
    private static Map<String, AttributeValue> entryItem(String badgeKey, String slug, BadgeSummary.Entry entry) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.badgePk(badgeKey), Keys.badgeEntrySk(slug)));
        item.putAll(entryAttributes(entry));
        return item;
    }

    private static Map<String, AttributeValue> entryAttributes(BadgeSummary.Entry entry) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        if (!entry.tags().isEmpty()) attributes.put(TAGS, AttributeValue.fromL(entry.tags().stream().map(Keys::s).toList()));
        attributes.put(STATE, s(entry.state().name()));
        return attributes;
    }

    private static BadgeSummary.Entry entry(Map<String, AttributeValue> attributes) {
        List<String> tags = attributes.containsKey(TAGS)
                ? attributes.get(TAGS).l().stream().map(AttributeValue::s).toList() : List.of();
        return new BadgeSummary.Entry(tags, BadgeStatus.CheckState.valueOf(attributes.get(STATE).s()));
    }

    private static Map<String, BadgeSummary.Entry> legacyEntries(Map<String, AttributeValue> head) {
        Map<String, BadgeSummary.Entry> entries = new HashMap<>();
        AttributeValue map = head.get(ENTRIES);
        if (map != null && map.hasM()) map.m().forEach((slug, entry) -> entries.put(slug, entry(entry.m())));
        return entries;
    }

    private static BadgeSummary summary(Map<String, AttributeValue> head, Map<String, BadgeSummary.Entry> entries) {
        return new BadgeSummary(head.get(ORGANIZATION).s(), head.get(PROJECT_ID).s(), head.get(BADGE_KEY).s(),
                head.get(SECRET).s(), entries);
    }
}
