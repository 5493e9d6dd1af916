package dev.cronwatch.core.service;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.fakes.FakeServices;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.tenant.Project;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A monitor's ordinal is its place among its organization's monitors when it was created: the count
 * its create reads, plus one, by either create path; its environments carry it (the due index orders
 * a minute's deadlines by it).
 */
class MonitorOrdinalTest {
    private final Scenario s = new Scenario(crontab("0 * * * *"));

    private Monitor monitor(String slug) {
        return s.store.monitor(new MonitorKey(Scenario.ORG, slug)).orElseThrow();
    }

    @Test
    void aMonitorCreatedByACheckIn_isTheCountPlusOne_andSoAreItsEnvironments() {
        s.send("ok", "2020-01-01T10:00:00Z");
        s.checkIn("ok", "2020-01-01T10:00:01Z").slug("second").send();
        s.checkIn("ok", "2020-01-01T10:00:02Z").slug("third").send();
        s.checkIn("ok", "2020-01-01T10:00:03Z").slug("second").env("staging").send();
        s.checkIn("ok", "2020-01-01T10:00:04Z").organization("globex", "first").send();

        assertThat(monitor("job").ordinal()).isEqualTo(1);
        assertThat(monitor("second").ordinal()).isEqualTo(2);
        assertThat(monitor("third").ordinal()).isEqualTo(3);
        assertThat(s.store.monitor(new MonitorKey("globex", "first")).orElseThrow().ordinal())
                .as("another organization counts its own").isEqualTo(1);
        assertThat(s.env("production").ordinal()).isEqualTo(1);
        assertThat(s.store.load(new MonitorKey(Scenario.ORG, "second"), "staging").environment().ordinal())
                .as("an environment added later").isEqualTo(2);
    }

    @Test
    void aMonitorCreatedThroughTheManagementApi_isTheCountPlusOne() {
        InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
        tenants.ensureProject(new Project(Scenario.ORG, Scenario.PROJECT, "backend"));
        MonitorService monitors = FakeServices.monitors(s.store, tenants, s.clock, UUID::randomUUID);
        s.send("ok", "2020-01-01T10:00:00Z");
        MonitorConfig hourly = monitor("job").config();

        monitors.create(Scenario.ORG, Scenario.PROJECT, "Made", "made", hourly);
        monitors.create(Scenario.ORG, Scenario.PROJECT, "Made too", "made-too", hourly);

        assertThat(monitor("made").ordinal()).isEqualTo(2);
        assertThat(monitor("made-too").ordinal()).isEqualTo(3);
    }
}
