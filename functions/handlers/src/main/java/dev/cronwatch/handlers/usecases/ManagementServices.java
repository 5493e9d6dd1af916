package dev.cronwatch.handlers.usecases;

import dev.cronwatch.core.port.CredentialLookup;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.port.Stores;
import dev.cronwatch.core.port.Tenants;
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
                                 CredentialLookup credentials, Clock clock, Metrics metrics) {
    public static ManagementServices of(Ports ports) {
        Stores stores = ports.stores();
        Tenants tenants = ports.tenants();
        Clock clock = ports.clock();
        BadgeService badges = new BadgeService(tenants.badges(), stores.management(), ports.secrets());
        MonitorService monitors = new MonitorService(stores.decisions(), stores.management(), stores.errors(),
                tenants.projects(), badges, clock, ports.ids(), ports.limits().maxMonitorsPerOrganization());
        ProjectService projects = new ProjectService(tenants.projects(), clock, ports.secrets());
        return new ManagementServices(monitors, projects, new TokenService(tenants.accessKeys(), clock, ports.secrets()),
                new ApiKeyService(tenants.accessKeys(), projects, clock, ports.secrets()),
                new HealthchecksService(monitors, new PingCheckService(stores.decisions(), clock), stores.management(),
                        badges, clock, UUID::randomUUID),
                badges, tenants.credentials(), clock, ports.metrics());
    }
}
