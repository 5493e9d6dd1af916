package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TenantDirectory contract, run against the in-memory fake and the DynamoDB directory. */
abstract class TenantDirectoryContract {
    TenantDirectory directory;

    abstract TenantDirectory newDirectory();

    @BeforeEach
    void setUp() {
        directory = newDirectory();
    }

    @Test
    void findsNothing_whenNothingExists() {
        assertThat(directory.dsnKey("0123456789abcdef0123456789abcdef")).isEmpty();
        assertThat(directory.organizationForToken("secret")).isEmpty();
        assertThat(directory.project("acme", "1")).isEmpty();
    }

    @Test
    void findsProjects_byIdOrSlug_withinTheirOrganization() {
        directory.ensureOrganization("acme");
        directory.ensureProject(new Project("acme", "1", "default"));
        directory.ensureProject(new Project("acme", "2", "billing"));
        directory.ensureProject(new Project("globex", "1", "default"));

        assertThat(directory.project("acme", "1")).contains(new Project("acme", "1", "default"));
        assertThat(directory.project("acme", "billing")).contains(new Project("acme", "2", "billing"));
        assertThat(directory.project("globex", "default")).contains(new Project("globex", "1", "default"));
        assertThat(directory.project("acme", "3")).isEmpty();
        assertThat(directory.project("initech", "default")).isEmpty();
    }

    @Test
    void ensuringTwice_keepsTheFirst() {
        directory.ensureOrganization("acme");
        directory.ensureOrganization("acme");
        directory.ensureProject(new Project("acme", "1", "default"));
        directory.ensureProject(new Project("acme", "1", "renamed"));
        directory.ensureDsnKey(new DsnKey("k1", "acme", "1"));
        directory.ensureDsnKey(new DsnKey("k1", "globex", "9"));
        directory.ensureToken("acme", "t1");
        directory.ensureToken("globex", "t1");

        assertThat(directory.project("acme", "1")).contains(new Project("acme", "1", "default"));
        assertThat(directory.dsnKey("k1")).contains(new DsnKey("k1", "acme", "1"));
        assertThat(directory.organizationForToken("t1")).contains("acme");
    }

    @Test
    void resolvesDsnKeysAndTokens() {
        directory.ensureDsnKey(new DsnKey("k1", "acme", "1"));
        directory.ensureDsnKey(new DsnKey("k2", "globex", "7"));
        directory.ensureToken("acme", "t-acme");
        directory.ensureToken("globex", "t-globex");

        assertThat(directory.dsnKey("k2")).contains(new DsnKey("k2", "globex", "7"));
        assertThat(directory.organizationForToken("t-acme")).contains("acme");
        assertThat(directory.organizationForToken("t-globex")).contains("globex");
        assertThat(directory.organizationForToken("t-acme ")).isEmpty();
    }
}
