package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.port.MonitorStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoMonitorStoreContractTest extends MonitorStoreContract {
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client();

    @Override
    MonitorStore newStore() {
        return new DynamoMonitorStore(CLIENT, DynamoDbLocalFixture.newTable(CLIENT), 90);
    }
}
