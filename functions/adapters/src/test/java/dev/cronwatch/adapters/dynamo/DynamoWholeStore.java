package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.Stores;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every port of a table in one object, for tests; attachments read back as they are stored. */
public final class DynamoWholeStore {
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client();

    private DynamoWholeStore() {
    }

    /** On a table of its own, in the shared DynamoDB Local. */
    static WholeStore onNewTable() {
        return on(CLIENT, DynamoDbLocalFixture.newTable(CLIENT));
    }

    /** Check-ins kept 90 days. */
    public static WholeStore on(DynamoDbClient client, String table) {
        return of(DynamoStores.on(client, table, 90), client, table);
    }

    public static WholeStore of(Stores stores, DynamoDbClient client, String table) {
        return WholeStore.of(stores, (monitor, checkInId) -> attachment(client, table, monitor, checkInId));
    }

    private static Optional<Attachment> attachment(DynamoDbClient client, String table, MonitorKey monitor,
                                                   String checkInId) {
        var item = client.getItem(b -> b.tableName(table)
                .key(Keys.attachmentKey(monitor, checkInId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new Attachment(monitor, checkInId, text(item, Items.FILENAME), text(item, Items.CONTENT_TYPE),
                item.get(Items.CONTENT).b().asByteArray()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
