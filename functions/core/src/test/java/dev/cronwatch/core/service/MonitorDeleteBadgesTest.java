package dev.cronwatch.core.service;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.fakes.FakeServices;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.healthchecks.BadgeStatus;
import dev.cronwatch.core.healthchecks.BadgeSummary;
import dev.cronwatch.core.tenant.ApiKey;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deletes through the management use cases keep the project's badge summary in step, whoever calls them. */
class MonitorDeleteBadgesTest {
    private static final String READ_WRITE = "hcw_0123456789abcdefghijklmnopqr";

    private final Scenario s = new Scenario(crontab("0 * * * *", "checkin_margin", 5));
    private final InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
    private final MonitorService monitors = FakeServices.monitors(s.store, tenants, s.clock, UUID::randomUUID);

    /** "job" with a failing production and a passing staging, and the project's badges made. */
    @BeforeEach
    void badgesMade_whileProductionFails() {
        s.send("ok", "2020-01-01T00:00:05Z");
        s.checkIn("ok", "2020-01-01T00:00:06Z").env("staging").send();
        s.send("error", "2020-01-01T00:00:07Z");
        new BadgeService(tenants, s.store, new Random(1))
                .urls(ApiKey.of(Scenario.ORG, Scenario.PROJECT, READ_WRITE, null, null));
        assertThat(entry().state()).isEqualTo(BadgeStatus.CheckState.DOWN);
    }

    @Test
    void deletingTheFailingEnvironment_setsTheMonitorsBadgeUp() {
        int writes = tenants.writes();

        monitors.deleteEnvironment(Scenario.ORG, "job", "production");

        assertThat(entry().state()).isEqualTo(BadgeStatus.CheckState.UP);
        assertThat(tenants.writes() - writes).isEqualTo(1);
    }

    @Test
    void deletingTheMonitor_takesItOffTheBadges() {
        int writes = tenants.writes();

        monitors.delete(Scenario.ORG, "job");

        assertThat(summary().monitors()).doesNotContainKey("job");
        assertThat(tenants.writes() - writes).isEqualTo(1);
    }

    private BadgeSummary summary() {
        return tenants.badgeSigning(Scenario.ORG, Scenario.PROJECT).orElseThrow();
    }

    private BadgeSummary.Entry entry() {
        return summary().monitors().get("job");
    }
}
