package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.fakes.WholeStore;

class DynamoAlertOutboxContractTest extends AlertOutboxContract {
    @Override
    WholeStore newStore() {
        return DynamoWholeStore.onNewTable();
    }
}
