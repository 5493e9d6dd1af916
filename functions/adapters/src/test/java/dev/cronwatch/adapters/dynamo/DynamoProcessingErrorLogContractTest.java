package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.fakes.WholeStore;

class DynamoProcessingErrorLogContractTest extends ProcessingErrorLogContract {
    @Override
    WholeStore newStore() {
        return DynamoWholeStore.onNewTable();
    }
}
