package dev.cronwatch.core.fakes;

import dev.cronwatch.core.service.BadgeService;
import dev.cronwatch.core.service.MonitorService;
import java.time.Clock;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/** Core services wired over test ports, as the composition root wires them over the adapters. */
public final class FakeServices {
    private FakeServices() {
    }

    /** The management use cases over one store's ports and {@code tenants}, keeping their badges in step. */
    public static MonitorService monitors(WholeStore store, InMemoryTenantDirectory tenants, Clock clock,
                                          Supplier<UUID> ids) {
        return new MonitorService(store, store, store, tenants, new BadgeService(tenants, store, new Random(1)), clock,
                ids);
    }
}
