package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.fakes.WholeStore;

/** The reference: the fake the core tests run on must itself keep the contract. */
class InMemoryAlertOutboxContractTest extends AlertOutboxContract {
    @Override
    WholeStore newStore() {
        return new InMemoryMonitorStore();
    }
}
