package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.port.Tenants;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.validation.FieldError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The operator's commands, on the tenant directory the deployed and local tables share. */
class OperatorCommandsTest {
    final InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    final Tenants tenants = directory.tenants();
    final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");

    @Test
    void createsAnOrganization_thenATokenThatWorksForIt() {
        Map<String, Object> org = OperatorCommands.run(tenants, clock, new Random(1), "create-organization", "acme");
        assertThat(org).containsExactly(Map.entry("organization", "acme"), Map.entry("dateCreated", "2026-01-01T00:00:00Z"));
        Map<String, Object> token = OperatorCommands.run(tenants, clock, new Random(1), "create-token", "acme");
        assertThat((String) token.get("token")).matches("[0-9a-f]{64}");
        assertThat(directory.token((String) token.get("token"))).map(ManagementToken::organization).contains("acme");
    }

    @Test
    void createsAProjectsApiKey_readWriteOrReadOnly_shownOnce() {
        OperatorCommands.run(tenants, clock, new Random(1), "create-organization", "acme");
        directory.ensureProject(new dev.cronwatch.core.tenant.Project("acme", "1", "web"));
        Map<String, Object> rw = OperatorCommands.run(tenants, clock, new Random(1), "create-api-key", "acme", "web",
                "--name", "scripts");
        assertThat((String) rw.get("key")).matches("hcw_[a-z0-9]{28}");
        assertThat(rw).containsEntry("organization", "acme").containsEntry("projectId", "1")
                .containsEntry("readOnly", false).containsEntry("name", "scripts");
        Map<String, Object> ro = OperatorCommands.run(tenants, clock, new Random(2), "create-api-key", "acme", "1", "--read-only");
        assertThat((String) ro.get("key")).matches("hcr_[a-z0-9]{28}");
        assertThat(directory.apiKey((String) ro.get("key"))).get().satisfies(k -> assertThat(k.readOnly()).isTrue());

        assertThatThrownBy(() -> OperatorCommands.run(tenants, clock, new Random(1), "create-api-key", "acme", "ops"))
                .isInstanceOf(OperatorCommands.Refused.class).hasMessageContaining("no project ops");
        assertThatThrownBy(() -> OperatorCommands.run(tenants, clock, new Random(1), "create-api-key", "acme"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OperatorCommands.run(tenants, clock, new Random(1), "create-api-key", "acme", "web", "--expires", "1d"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void createsTokensWithANameAndAnExpiry_listsThemWithoutTheSecret_andRevokesOne() {
        OperatorCommands.run(tenants, clock, new Random(1), "create-organization", "acme");
        Map<String, Object> ci = OperatorCommands.run(tenants, clock, new Random(1), "create-token", "acme", "--name", "CI",
                "--expires", "30d");
        assertThat(ci).containsEntry("organization", "acme").containsEntry("name", "CI")
                .containsEntry("expiresAt", "2026-01-31T00:00:00Z").containsEntry("status", "active");
        Map<String, Object> dated = OperatorCommands.run(tenants, clock, new Random(2), "create-token", "acme", "--expires",
                "2026-06-01T00:00:00Z");
        assertThat(dated).containsEntry("expiresAt", "2026-06-01T00:00:00Z").containsEntry("name", null);

        Map<String, Object> revoked = OperatorCommands.run(tenants, clock, new Random(1), "revoke-token", "acme", (String) ci.get("id"));
        assertThat(revoked).containsEntry("id", ci.get("id")).containsEntry("status", "revoked");
        Map<String, Object> listed = OperatorCommands.run(tenants, clock, new Random(1), "list-tokens", "acme");
        assertThat((List<Map<String, Object>>) listed.get("tokens")).extracting(t -> t.get("id"), t -> t.get("status"))
                .containsExactlyInAnyOrder(tuple(ci.get("id"), "revoked"), tuple(dated.get("id"), "active"));
        assertThat(Json.write(listed)).doesNotContain((String) ci.get("token")).doesNotContain((String) dated.get("token"));
        assertThat(directory.token((String) ci.get("token")).orElseThrow().state(clock.instant()))
                .isEqualTo(ManagementToken.State.REVOKED);

        assertThatThrownBy(() -> OperatorCommands.run(tenants, clock, new Random(1), "revoke-token", "acme", "0123456789abcdef"))
                .isInstanceOf(OperatorCommands.Refused.class).hasMessageContaining("no token");
        assertThatThrownBy(() -> OperatorCommands.run(tenants, clock, new Random(1), "list-tokens", "globex"))
                .isInstanceOf(OperatorCommands.Refused.class).hasMessageContaining("no organization globex");
        for (String[] bad : List.of(new String[] {"create-token", "acme", "--expires", "soon"},
                new String[] {"create-token", "acme", "--expires"}, new String[] {"create-token", "acme", "--owner", "x"},
                new String[] {"create-token", "acme", "--name", "a", "--name", "b"}, new String[] {"revoke-token", "acme"},
                new String[] {"list-tokens", "acme", "extra"})) {
            assertThatThrownBy(() -> OperatorCommands.run(tenants, clock, new Random(1), bad)).as(String.join(" ", bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> OperatorCommands.run(tenants, clock, new Random(1), "create-token", "acme", "--expires", "0d"))
                .isInstanceOf(FieldError.class);
    }

    @Test
    void refusesWhatCannotBeDone_andMalformedCommandLines() {
        OperatorCommands.run(tenants, clock, new Random(1), "create-organization", "acme");
        assertThatThrownBy(() -> OperatorCommands.run(tenants, clock, new Random(1), "create-organization", "acme"))
                .isInstanceOf(OperatorCommands.Refused.class).hasMessageContaining("exists");
        assertThatThrownBy(() -> OperatorCommands.run(tenants, clock, new Random(1), "create-token", "globex"))
                .isInstanceOf(OperatorCommands.Refused.class).hasMessageContaining("no organization globex");
        assertThatThrownBy(() -> OperatorCommands.run(tenants, clock, new Random(1), "create-organization", "acme#x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a-z");
        assertThatThrownBy(() -> OperatorCommands.run(tenants, clock, new Random(1), "drop-organization", "acme"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown command");
        assertThatThrownBy(() -> OperatorCommands.run(tenants, clock, new Random(1), "create-token"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
    }

    /** The operator typed {@code --expires}; the API's field names would send them looking for an option that is not there. */
    @Test
    void aPastExpiryIsRefusedNamingTheOptionTyped() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        OperatorCommands.run(tenants, clock, new Random(1), "create-organization", "acme");

        assertThat(OperatorCommands.main(tenants, clock, o, e, "create-token", "acme", "--expires", "2020-01-01T00:00:00Z"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cronwatch-admin: --expires: ").doesNotContain("expires_at");
        assertThat(directory.tokens("acme", null, 10).items()).isEmpty();
    }

    @Test
    void printsJsonOnStdout_andExitsWithTheStatusTheScriptPassesOn() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(OperatorCommands.main(tenants, clock, o, e, "create-organization", "acme")).isZero();
        assertThat(Json.parseObject(out.toString(StandardCharsets.UTF_8))).containsEntry("organization", "acme");
        assertThat(OperatorCommands.main(tenants, clock, o, e, "create-organization", "acme")).isEqualTo(1);
        assertThat(OperatorCommands.main(tenants, clock, o, e, "nonsense")).isEqualTo(2);
        assertThat(OperatorCommands.main(tenants, clock, o, e, "create-token", "acme", "--expires", "0d")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exists").contains("usage").contains("--expires: A whole number of days");
    }
}
