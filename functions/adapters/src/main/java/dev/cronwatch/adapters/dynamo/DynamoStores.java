package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.port.Stores;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every port of the one table, each on its own adapter. */
public final class DynamoStores {
    private DynamoStores() {
    }

    /** {@code retentionDays}: how long check-ins (and their attachments) are kept. */
    public static Stores on(DynamoDbClient client, String table, int retentionDays) {
        return new Stores(new DynamoDecisionStore(client, table, retentionDays), new DynamoAlertOutbox(client, table),
                new DynamoManagementStore(client, table, retentionDays), new DynamoProcessingErrorLog(client, table));
    }
}
