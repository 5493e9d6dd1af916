package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.fakes.WholeStore;

class DynamoManagementStoreContractTest extends ManagementStoreContract {
    @Override
    WholeStore newStore() {
        return DynamoWholeStore.onNewTable();
    }
}
