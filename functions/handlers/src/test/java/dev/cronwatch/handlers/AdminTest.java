package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.fakes.MutableClock;
import dev.cronwatch.core.tenant.ManagementToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The operator's commands, on the tenant directory the deployed and local tables share. */
class AdminTest {
    final InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");

    @Test
    void createsAnOrganization_thenATokenThatWorksForIt() {
        Map<String, Object> org = Admin.run(tenants, clock, new Random(1), "create-organization", "acme");
        assertThat(org).containsExactly(Map.entry("organization", "acme"), Map.entry("dateCreated", "2026-01-01T00:00:00Z"));
        Map<String, Object> token = Admin.run(tenants, clock, new Random(1), "create-token", "acme");
        assertThat((String) token.get("token")).matches("[0-9a-f]{64}");
        assertThat(tenants.token((String) token.get("token"))).map(ManagementToken::organization).contains("acme");
    }

    @Test
    void refusesWhatCannotBeDone_andMalformedCommandLines() {
        Admin.run(tenants, clock, new Random(1), "create-organization", "acme");
        assertThatThrownBy(() -> Admin.run(tenants, clock, new Random(1), "create-organization", "acme"))
                .isInstanceOf(Admin.Refused.class).hasMessageContaining("exists");
        assertThatThrownBy(() -> Admin.run(tenants, clock, new Random(1), "create-token", "globex"))
                .isInstanceOf(Admin.Refused.class).hasMessageContaining("no organization globex");
        assertThatThrownBy(() -> Admin.run(tenants, clock, new Random(1), "create-organization", "acme#x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a-z");
        assertThatThrownBy(() -> Admin.run(tenants, clock, new Random(1), "drop-organization", "acme"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown command");
        assertThatThrownBy(() -> Admin.run(tenants, clock, new Random(1), "create-token"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
    }

    @Test
    void printsJsonOnStdout_andExitsWithTheStatusTheScriptPassesOn() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Admin.main(tenants, clock, o, e, "create-organization", "acme")).isZero();
        assertThat(Json.parseObject(out.toString(StandardCharsets.UTF_8))).containsEntry("organization", "acme");
        assertThat(Admin.main(tenants, clock, o, e, "create-organization", "acme")).isEqualTo(1);
        assertThat(Admin.main(tenants, clock, o, e, "nonsense")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exists").contains("usage");
    }
}
