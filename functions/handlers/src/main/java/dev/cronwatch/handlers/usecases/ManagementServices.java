package dev.cronwatch.handlers.usecases;

import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.port.Stores;
import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.service.ApiKeyService;
import dev.cronwatch.core.service.BadgeService;
import dev.cronwatch.core.service.HealthchecksService;
import dev.cronwatch.core.service.MonitorService;
import dev.cronwatch.core.service.PingCheckService;
import dev.cronwatch.core.service.ProjectService;
import dev.cronwatch.core.service.TokenService;
import java.time.Clock;
import java.util.UUID;

/**
 * What the management function serves with: monitors, projects, keys and tokens, Healthchecks'
 * management API and badges, the dashboard's reads, and the credentials they are read with.
 */
public record ManagementServices(MonitorService monitors, ProjectService projects, TokenService tokens,
                                 ApiKeyService apiKeys, HealthchecksService healthchecks, BadgeService badges,
                                 TenantDirectory tenants, Clock clock, Metrics metrics) {
    public static ManagementServices of(Ports ports) {
        Stores stores = ports.stores();
        TenantDirectory tenants = ports.tenants();
        Clock clock = ports.clock();
        BadgeService badges = new BadgeService(tenants, stores.management(), ports.secrets());
        MonitorService monitors = new MonitorService(stores.decisions(), stores.management(), stores.errors(), tenants,
                clock, ports.ids(), ports.limits().maxMonitorsPerOrganization());
        return new ManagementServices(monitors, new ProjectService(tenants, clock, ports.secrets()),
                new TokenService(tenants, clock, ports.secrets()), new ApiKeyService(tenants, clock, ports.secrets()),
                new HealthchecksService(monitors, new PingCheckService(stores.decisions(), clock), stores.management(),
                        badges, clock, UUID::randomUUID),
                badges, tenants, clock, ports.metrics());
    }
}
