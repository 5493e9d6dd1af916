package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.port.Tenants;

class InMemoryTenantsContractTest extends TenantsContract {
    @Override
    Tenants newTenants() {
        return new InMemoryTenantDirectory().tenants();
    }
}
