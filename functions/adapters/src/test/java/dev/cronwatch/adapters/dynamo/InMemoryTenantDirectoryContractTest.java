package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.port.TenantDirectory;

class InMemoryTenantDirectoryContractTest extends TenantDirectoryContract {
    @Override
    TenantDirectory newDirectory() {
        return new InMemoryTenantDirectory();
    }
}
