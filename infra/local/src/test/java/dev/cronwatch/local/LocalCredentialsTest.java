package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.tenant.Project;
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
        LocalCredentials credentials = LocalCredentials.ensure(tenants, dataDir, "127.0.0.1", 18095, NOW);

        assertThat(credentials.organization()).isEqualTo("local");
        assertThat(credentials.projectId()).isEqualTo("1");
        assertThat(tenants.project("local", "1")).map(Project::slug).hasValue("default");
        assertThat(tenants.project("local", "default")).map(Project::id).hasValue("1");
    }

    @Test
    void anotherOrganizationsProject1IsNamedDefaultToo() {
        InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
        LocalCredentials.createOrganization(tenants, "globex", NOW, "127.0.0.1", 18095).orElseThrow();

        assertThat(tenants.project("globex", "1")).map(Project::slug).hasValue("default");
    }
}
