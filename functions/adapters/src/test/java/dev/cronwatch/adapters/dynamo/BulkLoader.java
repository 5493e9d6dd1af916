package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes monitors and environments in bulk (BatchWriteItem, 25 at a time), in exactly the items the
 * store reads. For benchmarks and imports: it skips the version checks of {@link DynamoDecisionStore#commit}.
 */
public final class BulkLoader {
    private final Items items = new Items(Duration.ofDays(90));
    private final BatchRequests batches;

    public BulkLoader(DynamoDbClient client, String table) {
        this.batches = new BatchRequests(client, table);
    }

    public void load(List<Monitor> monitors, List<MonitorEnvironment> environments) {
        List<WriteRequest> writes = new ArrayList<>();
        monitors.forEach(m -> writes.add(put(items.monitor(m, 1))));
        environments.forEach(e -> writes.add(put(items.environment(e, 1))));
        batches.write(writes);
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }
}
