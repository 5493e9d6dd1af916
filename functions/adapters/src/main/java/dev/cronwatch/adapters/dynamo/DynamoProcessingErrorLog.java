package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.port.InvalidCursorException;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.ProcessingErrorLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Processing errors on the table: each is an item in its monitor's partition, and is also listed in
 * byParent under its organization, sorted by time. Errors are rare (a dropped check-in), so the
 * extra index write costs little, and the organization's list needs no scan. TTL deletes them late,
 * so both reads cut off at a week by their key range.
 */
public final class DynamoProcessingErrorLog implements ProcessingErrorLog {
    private final String table;
    private final Queries queries;

    public DynamoProcessingErrorLog(DynamoDbClient client, String table) {
        this.table = table;
        this.queries = new Queries(client, table);
    }

    /** The key range starts after a week ago: TTL deletes late, so expired errors may still be stored. */
    @Override
    public List<ProcessingError> processingErrors(MonitorKey monitor, Instant now) {
        Instant oldest = now.minus(ProcessingError.RETENTION).plusMillis(1);
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(Keys.monitorPk(monitor)),
                        ":from", s(Keys.errorsFrom(oldest)), ":to", s(Keys.errorsEnd())))
                .scanIndexForward(false);
        return queries.page(query, null, ProcessingError.KEPT_PER_MONITOR, Queries.TABLE_KEY).items().stream()
                .map(Items::processingError).toList();
    }

    /** Newest first; the key range starts a week ago, as TTL deletes late. */
    @Override
    public Page<ProcessingError> organizationProcessingErrors(String organization, Instant now, String cursor, int limit) {
        String parent = Keys.organizationErrors(organization);
        // another list's cursor, or another organization's, is refused before anything is read
        Map<String, AttributeValue> start = Cursors.decodeFromClient(cursor, Queries.BY_PARENT_KEY,
                key -> parent.equals(key.get(TableDefinition.GPK).s()));
        Instant oldest = now.minus(ProcessingError.RETENTION);
        String after = Keys.organizationErrorsAfter(oldest);
        // the cursor's error has left the week the key condition reads: DynamoDB would refuse the start key
        if (start != null && Cursors.compare(start.get(TableDefinition.GSK).s(), after) <= 0) {
            throw InvalidCursorException.expired();
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableDefinition.BY_PARENT)
                .keyConditionExpression("#gpk = :org AND #gsk > :oldest")
                .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK, "#gsk", TableDefinition.GSK))
                .expressionAttributeValues(Map.of(":org", s(parent), ":oldest", s(after)))
                .scanIndexForward(false);
        Page<Map<String, AttributeValue>> page = queries.page(query, start, limit, Queries.BY_PARENT_KEY);
        return new Page<>(page.items().stream().map(Items::processingError).toList(), page.nextCursor());
    }
}
