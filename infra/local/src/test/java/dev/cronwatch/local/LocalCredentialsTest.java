package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.ProjectKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/spec.md §11: the tenant local mode makes on first start. */
class LocalCredentialsTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dataDir;

    /** The same project 1 as every organization local mode or bootstrap.sh makes: slug {@code default}. */
    @Test
    void theFirstStartMakesOrganizationLocal_withProject1NamedDefault() {
        InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
        LocalCredentials credentials = LocalCredentials.ensure(tenants.tenants(), dataDir, "127.0.0.1", 18095, NOW);

        assertThat(credentials.organization()).isEqualTo("local");
        assertThat(credentials.projectId()).isEqualTo("1");
        assertThat(tenants.project("local", "1")).map(Project::slug).hasValue("default");
        assertThat(tenants.project("local", "default")).map(Project::id).hasValue("1");
    }

    /** Sentry's project and key shapes carry {@code dateCreated}; the first tenant's read as any other's. */
    @Test
    void theFirstStartDatesItsProjectAndKey() {
        InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
        LocalCredentials credentials = LocalCredentials.ensure(tenants.tenants(), dataDir, "127.0.0.1", 18095, NOW);

        assertThat(tenants.project("local", "1")).map(Project::dateCreated).hasValue(NOW);
        assertThat(tenants.keys("local", "1", null, 10).items())
                .singleElement()
                .satisfies(key -> {
                    assertThat(key.publicKey()).isEqualTo(credentials.publicKey());
                    assertThat(key.dateCreated()).isEqualTo(NOW);
                });
    }

    @Test
    void aRestartKeepsTheFirstStartsDates() {
        InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
        LocalCredentials.ensure(tenants.tenants(), dataDir, "127.0.0.1", 18095, NOW);
        LocalCredentials.ensure(tenants.tenants(), dataDir, "127.0.0.1", 18095, NOW.plusSeconds(3600));

        assertThat(tenants.project("local", "1")).map(Project::dateCreated).hasValue(NOW);
        assertThat(tenants.keys("local", "1", null, 10).items()).extracting(ProjectKey::dateCreated).containsExactly(NOW);
    }

    @Test
    void localJsonNamesTheProjectBySlugToo() throws Exception {
        LocalCredentials.ensure(new InMemoryTenantDirectory().tenants(), dataDir, "127.0.0.1", 18095, NOW);

        assertThat(Json.parseObject(Files.readString(dataDir.resolve("local.json"))))
                .containsEntry("projectId", "1").containsEntry("projectSlug", "default");
    }

    @Test
    void anotherOrganizationsProject1IsNamedDefaultToo() {
        InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
        LocalCredentials.createOrganization(tenants.tenants(), "globex", NOW, "127.0.0.1", 18095).orElseThrow();

        assertThat(tenants.project("globex", "1")).map(Project::slug).hasValue("default");
    }

    /** The Healthchecks API's key: read-write, of project 1, kept across restarts unless revoked. */
    @Test
    void localJsonHoldsAReadWriteApiKeyOfProject1_keptAcrossRestarts_replacedWhenRevoked() throws Exception {
        InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
        String first = LocalCredentials.ensure(tenants.tenants(), dataDir, "127.0.0.1", 18095, NOW).apiKey();
        assertThat(first).matches("hcw_[a-z0-9]{28}");
        assertThat(Json.parseObject(Files.readString(dataDir.resolve("local.json")))).containsEntry("apiKey", first);
        assertThat(tenants.apiKey(first)).get().satisfies(k -> {
            assertThat(k.projectId()).isEqualTo("1");
            assertThat(k.readOnly()).isFalse();
        });
        assertThat(LocalCredentials.ensure(tenants.tenants(), dataDir, "127.0.0.1", 18095, NOW).apiKey()).isEqualTo(first);

        tenants.revokeApiKey("local", "1", tenants.apiKey(first).orElseThrow().id());
        String second = LocalCredentials.ensure(tenants.tenants(), dataDir, "127.0.0.1", 18095, NOW).apiKey();
        assertThat(second).isNotEqualTo(first).matches("hcw_[a-z0-9]{28}");
        assertThat(tenants.apiKeys("local", "1", null, 10).items()).hasSize(1);
    }
}
