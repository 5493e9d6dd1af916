package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.port.Stores;
import dev.cronwatch.core.port.Tenants;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every port of the one table, each on its own adapter: the monitors' stores and the tenants' ports. */
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

    /** The tenants' ports, sharing one handle of the table. */
    public static Tenants tenants(DynamoDbClient client, String table) {
        TableHandle handle = TableHandle.on(client, table);
        return new Tenants(new DynamoCredentialLookup(handle), new DynamoProjectDirectory(handle),
                new DynamoAccessKeys(handle), new DynamoBadgeSummaries(handle));
    }
}
