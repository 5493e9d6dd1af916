package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.port.Stores;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every port of the one table, each on its own adapter. */
public final class DynamoStores {
    private DynamoStores() {
    }

    /** {@code retentionDays}: how long check-ins (and their attachments) are kept. */
    public static Stores on(DynamoDbClient client, String table, int retentionDays) {
        return on(client, table, retentionDays, Keys.SHARDS);
    }

    /** {@code dueShards}: the due index's shard count, the {@code DueIndexShards} setting. */
    public static Stores on(DynamoDbClient client, String table, int retentionDays, int dueShards) {
        return new Stores(new DynamoDecisionStore(client, table, retentionDays, dueShards),
                new DynamoAlertOutbox(client, table), new DynamoManagementStore(client, table, retentionDays),
                new DynamoProcessingErrorLog(client, table));
    }
}
