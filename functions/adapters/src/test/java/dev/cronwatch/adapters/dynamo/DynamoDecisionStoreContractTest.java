package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.fakes.WholeStore;

class DynamoDecisionStoreContractTest extends DecisionStoreContract {
    @Override
    WholeStore newStore() {
        return DynamoWholeStore.onNewTable();
    }
}
