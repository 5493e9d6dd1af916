package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.port.MonitorStore;

/** The reference: the fake the core tests run on must itself keep the contract. */
class InMemoryMonitorStoreContractTest extends MonitorStoreContract {
    @Override
    MonitorStore newStore() {
        return new InMemoryMonitorStore();
    }
}
