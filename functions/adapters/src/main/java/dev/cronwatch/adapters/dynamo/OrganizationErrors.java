package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.port.InvalidCursorException;
import dev.cronwatch.core.port.Page;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The organization-wide list of processing errors: each error item, stored in its monitor's
 * partition, is also listed in byParent under {@code ORG#<org>#ERRORS}, sorted by time. Errors are
 * rare (a dropped check-in), so the extra index write costs little, and the list needs no scan.
 */
final class OrganizationErrors {
    private OrganizationErrors() {
    }

    static String gpk(String organization) {
        return "ORG#" + organization + "#ERRORS";
    }

    /** Time first, so the index sorts by it; slug and id keep two errors of one instant apart. */
    static String gsk(ProcessingError e) {
        return Keys.sortable(e.receivedAt()) + "#" + e.monitor().slug() + "#" + e.id();
    }

    static void list(Map<String, AttributeValue> item, ProcessingError e) {
        item.put(TableDefinition.GPK, s(gpk(e.monitor().organization())));
        item.put(TableDefinition.GSK, s(gsk(e)));
    }

    /** Newest first; the key range starts a week ago, as TTL deletes late. */
    static Page<ProcessingError> page(Queries queries, String table, String organization, Instant now, String cursor,
                                      int limit) {
        // another list's cursor, or another organization's, is refused before anything is read
        Map<String, AttributeValue> start = Cursors.decodeFromClient(cursor, Queries.BY_PARENT_KEY,
                key -> gpk(organization).equals(key.get(TableDefinition.GPK).s()));
        Instant oldest = now.minus(ProcessingError.RETENTION);
        String after = Keys.sortable(oldest) + "#\uffff";
        // the cursor's error has left the week the key condition reads: DynamoDB would refuse the start key
        if (start != null && Cursors.compare(start.get(TableDefinition.GSK).s(), after) <= 0) {
            throw InvalidCursorException.expired();
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_PARENT)
                .keyConditionExpression("#gpk = :org AND #gsk > :oldest")
                .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK, "#gsk", TableDefinition.GSK))
                .expressionAttributeValues(Map.of(":org", s(gpk(organization)),
                        ":oldest", s(after)))
                .scanIndexForward(false);
        Page<Map<String, AttributeValue>> page = queries.page(query, start, limit, Queries.BY_PARENT_KEY);
        return new Page<>(page.items().stream().map(Items::processingError).toList(), page.nextCursor());
    }
}
