package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.core.port.InvalidCursorException;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.AccessKeys;
import dev.cronwatch.core.port.BadgeSummaries;
import dev.cronwatch.core.port.CredentialLookup;
import dev.cronwatch.core.port.ProjectDirectory;
import dev.cronwatch.core.port.Tenants;
import dev.cronwatch.core.healthchecks.BadgeStatus;
import dev.cronwatch.core.healthchecks.BadgeSummary;
import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.ProjectKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tenants' ports' contract, run against the in-memory fake and the DynamoDB adapters. */
abstract class TenantsContract {
    static final String K1 = "0123456789abcdef0123456789abcdef";
    static final String K2 = "fedcba9876543210fedcba9876543210";
    static final String K3 = "00000000000000000000000000000003";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    CredentialLookup credentials;
    ProjectDirectory projects;
    AccessKeys accessKeys;
    BadgeSummaries badges;

    abstract Tenants newTenants();

    @BeforeEach
    void setUp() {
        Tenants tenants = newTenants();
        credentials = tenants.credentials();
        projects = tenants.projects();
        accessKeys = tenants.accessKeys();
        badges = tenants.badges();
    }

    @Test
    void findsNothing_whenNothingExists() {
        assertThat(credentials.dsnKey(K1)).isEmpty();
        assertThat(credentials.token("secret")).isEmpty();
        assertThat(projects.project("acme", "1")).isEmpty();
        assertThat(projects.organizationExists("acme")).isFalse();
    }

    @Test
    void findsProjects_byIdOrSlug_withinTheirOrganization() {
        projects.ensureOrganization("acme");
        projects.ensureProject(new Project("acme", "1", "default"));
        projects.ensureProject(new Project("acme", "2", "billing"));
        projects.ensureProject(new Project("globex", "1", "default"));

        assertThat(projects.project("acme", "1")).contains(new Project("acme", "1", "default"));
        assertThat(projects.project("acme", "billing")).contains(new Project("acme", "2", "billing"));
        assertThat(projects.project("globex", "default")).contains(new Project("globex", "1", "default"));
        assertThat(projects.project("acme", "3")).isEmpty();
        assertThat(projects.project("initech", "default")).isEmpty();
    }

    @Test
    void aProjectKeepsItsFirstPingKey_whichFindsItsProject() {
        projects.ensureOrganization("acme");
        projects.ensureProject(new Project("acme", "1", "default"));
        String first = "abcdefghijklmnopqrstuv";
        assertThat(projects.pingKeyOf("acme", "1")).isEmpty();

        assertThat(projects.ensurePingKey("acme", "1", first).key()).isEqualTo(first);
        assertThat(projects.ensurePingKey("acme", "1", "0123456789abcdefghijkl").key()).isEqualTo(first);

        assertThat(projects.pingKeyOf("acme", "1")).hasValueSatisfying(k -> assertThat(k.key()).isEqualTo(first));
        assertThat(credentials.pingKey(first)).hasValueSatisfying(k -> assertThat(k.projectId()).isEqualTo("1"));
        assertThat(credentials.pingKey("0123456789abcdefghijkl")).isEmpty();
        assertThat(credentials.pingKey("NOT A KEY")).isEmpty();
    }

    @Test
    void ensuringTwice_keepsTheFirst() {
        projects.ensureOrganization("acme");
        projects.ensureOrganization("acme");
        projects.ensureProject(new Project("acme", "1", "default"));
        projects.ensureProject(new Project("acme", "1", "renamed"));
        projects.ensureDsnKey(new DsnKey(K1, "acme", "1"));
        projects.ensureDsnKey(new DsnKey(K1, "globex", "9"));
        accessKeys.ensureToken("acme", "t1");
        accessKeys.ensureToken("globex", "t1");

        assertThat(projects.project("acme", "1")).contains(new Project("acme", "1", "default"));
        assertThat(projects.project("acme", "renamed")).isEmpty();
        assertThat(credentials.dsnKey(K1)).contains(new DsnKey(K1, "acme", "1"));
        assertThat(credentials.token("t1")).map(ManagementToken::organization).contains("acme");
    }

    @Test
    void resolvesDsnKeysAndTokens() {
        projects.ensureDsnKey(new DsnKey(K1, "acme", "1"));
        projects.ensureDsnKey(new DsnKey(K2, "globex", "7"));
        accessKeys.ensureToken("acme", "t-acme");
        accessKeys.ensureToken("globex", "t-globex");

        assertThat(credentials.dsnKey(K2)).contains(new DsnKey(K2, "globex", "7"));
        assertThat(credentials.token("t-acme")).map(ManagementToken::organization).contains("acme");
        assertThat(credentials.token("t-globex")).map(ManagementToken::organization).contains("globex");
        assertThat(credentials.token("t-acme ")).isEmpty();
    }

    // ---- names that become key parts ----

    @Test
    void malformedNames_findNothing_andCannotBeWritten() {
        projects.ensureOrganization("acme");
        projects.ensureProject(new Project("acme", "1", "default"));
        assertThat(credentials.dsnKey("a".repeat(3_000))).isEmpty();
        assertThat(credentials.dsnKey(K1.toUpperCase())).isEmpty();
        assertThat(credentials.dsnKey("")).isEmpty();
        assertThat(projects.project("acme", "")).isEmpty();
        assertThat(projects.project("acme#x", "1")).isEmpty();
        assertThat(projects.project("acme", "x".repeat(3_000))).isEmpty();
        assertThat(projects.organizationExists("acme#x")).isFalse();

        for (String organization : List.of("acme#x", "", "Acme", "-acme", "a".repeat(51), "acme x")) {
            assertThatThrownBy(() -> projects.ensureOrganization(organization)).as(organization)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> projects.createOrganization(organization, T0)).as(organization)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> accessKeys.ensureToken(organization, "t")).as(organization)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> projects.ensureProject(new Project("acme", "1#2", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> projects.ensureProject(new Project("acme", "3", "a#b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> projects.ensureDsnKey(new DsnKey("k1", "acme", "1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> projects.createProject("acme", "x", "a#b", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- onboarding ----

    @Test
    void createsAnOrganizationOnce() {
        assertThat(projects.createOrganization("acme", T0)).isTrue();
        assertThat(projects.createOrganization("acme", T0)).isFalse();
        assertThat(projects.organizationExists("acme")).isTrue();
        assertThat(projects.organizationExists("globex")).isFalse();
    }

    @Test
    void createsProjectsWithTheNextIds_andUniqueSlugs_afterOperatorMadeOnes() {
        projects.createOrganization("acme", T0);
        projects.createOrganization("globex", T0);
        projects.ensureProject(new Project("acme", "1", "default"));

        Project web = projects.createProject("acme", "Web", "web", T0).orElseThrow();
        Project jobs = projects.createProject("acme", "Jobs", "jobs", T0.plusSeconds(1)).orElseThrow();
        assertThat(web).isEqualTo(new Project("acme", "2", "web", "Web", T0));
        assertThat(jobs.id()).isEqualTo("3");
        assertThat(projects.createProject("acme", "Web again", "web", T0)).isEmpty();
        assertThat(projects.createProject("acme", "Default", "default", T0)).isEmpty();
        assertThat(projects.createProject("globex", "Web", "web", T0)).get()
                .satisfies(p -> assertThat(p.id()).isEqualTo("1"));
        assertThat(projects.project("acme", "web")).contains(web);
        assertThat(projects.project("acme", "3")).contains(jobs);
        assertThatThrownBy(() -> projects.createProject("initech", "Web", "web", T0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pagesProjectsInSlugOrder_withinTheirOrganization() {
        projects.createOrganization("acme", T0);
        projects.createOrganization("globex", T0);
        for (String slug : List.of("delta", "alpha", "charlie", "bravo")) projects.createProject("acme", slug, slug, T0);
        projects.createProject("globex", "zulu", "zulu", T0);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<Project> page = projects.projects("acme", cursor, 3);
            page.items().forEach(p -> seen.add(p.slug()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactly("alpha", "bravo", "charlie", "delta");
        String acmeCursor = projects.projects("acme", null, 1).nextCursor();
        assertThatThrownBy(() -> projects.projects("globex", acmeCursor, 1)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> projects.projects("acme", "!!!", 1)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void listsAProjectsKeys_oldestFirst_andRevokesOnlyItsOwn() {
        projects.createOrganization("acme", T0);
        projects.ensureProject(new Project("acme", "1", "default"));
        projects.ensureProject(new Project("acme", "2", "other"));
        ProjectKey first = new ProjectKey(K1, "acme", "1", "Default", T0);
        ProjectKey second = new ProjectKey(K2, "acme", "1", "CI", T0.plusSeconds(5));
        ProjectKey elsewhere = new ProjectKey(K3, "acme", "2", "Default", T0);
        projects.createKey(second);
        projects.createKey(first);
        projects.createKey(elsewhere);
        assertThatThrownBy(() -> projects.createKey(first)).isInstanceOf(IllegalStateException.class);

        Page<ProjectKey> page = projects.keys("acme", "1", null, 1);
        assertThat(page.items()).containsExactly(first);
        assertThat(projects.keys("acme", "1", page.nextCursor(), 5).items()).containsExactly(second);
        assertThatThrownBy(() -> projects.keys("acme", "2", page.nextCursor(), 5))
                .isInstanceOf(InvalidCursorException.class);

        assertThat(projects.revokeKey("acme", "2", K1)).isFalse();
        assertThat(projects.revokeKey("globex", "1", K1)).isFalse();
        assertThat(credentials.dsnKey(K1)).isPresent();
        assertThat(projects.revokeKey("acme", "1", K1)).isTrue();
        assertThat(projects.revokeKey("acme", "1", K1)).isFalse();
        assertThat(credentials.dsnKey(K1)).isEmpty();
        assertThat(projects.keys("acme", "1", null, 5).items()).containsExactly(second);
    }

    @Test
    void operatorMadeKeys_areListedToo() {
        projects.ensureDsnKey(new DsnKey(K1, "acme", "1"));
        assertThat(projects.keys("acme", "1", null, 5).items()).extracting(ProjectKey::publicKey).containsExactly(K1);
    }

    // ---- management tokens ----

    @Test
    void createsATokenOnce_andFindsItBySecret_withWhatItWasMadeWith() {
        ManagementToken made = ManagementToken.of("acme", "s3cr3t-1234", "CI", T0, T0.plusSeconds(3600));
        assertThat(accessKeys.createToken(made, "s3cr3t-1234")).isTrue();
        assertThat(accessKeys.createToken(ManagementToken.of("globex", "s3cr3t-1234", null, T0, null), "s3cr3t-1234")).isFalse();

        assertThat(credentials.token("s3cr3t-1234")).contains(made);
        assertThat(made.lastCharacters()).isEqualTo("1234");
        assertThat(made.id()).hasSize(16).doesNotContain("1234");
        assertThat(credentials.token("s3cr3t-123")).isEmpty();
    }

    @Test
    void listsAnOrganizationsTokens_oldestFirst_withoutOthers() {
        ManagementToken undated = ManagementToken.of("acme", "t-undated", null, null, null);
        ManagementToken older = ManagementToken.of("acme", "t-older", "first", T0, null);
        ManagementToken newer = ManagementToken.of("acme", "t-newer", "second", T0.plusSeconds(5), T0.plusSeconds(99));
        accessKeys.createToken(newer, "t-newer");
        accessKeys.createToken(older, "t-older");
        accessKeys.ensureToken("acme", "t-undated");
        accessKeys.createToken(ManagementToken.of("globex", "t-globex", null, T0, null), "t-globex");

        List<ManagementToken> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<ManagementToken> page = accessKeys.tokens("acme", cursor, 2);
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactly(undated, older, newer);
        String acmeCursor = accessKeys.tokens("acme", null, 1).nextCursor();
        assertThatThrownBy(() -> accessKeys.tokens("globex", acmeCursor, 1)).isInstanceOf(InvalidCursorException.class);
        assertThat(accessKeys.tokens("initech", null, 5).items()).isEmpty();
    }

    @Test
    void revokesOnlyItsOwnOrganizationsToken_once_keepingTheFirstDate() {
        ManagementToken acme = ManagementToken.of("acme", "t-acme", null, T0, null);
        accessKeys.createToken(acme, "t-acme");
        accessKeys.createToken(ManagementToken.of("globex", "t-globex", null, T0, null), "t-globex");

        assertThat(accessKeys.revokeToken("globex", acme.id(), T0.plusSeconds(1))).isFalse();
        assertThat(accessKeys.revokeToken("acme", "0123456789abcdef", T0.plusSeconds(1))).isFalse();
        assertThat(accessKeys.revokeToken("acme", "not an id", T0.plusSeconds(1))).isFalse();
        assertThat(credentials.token("t-acme")).get().extracting(ManagementToken::dateRevoked).isNull();

        assertThat(accessKeys.revokeToken("acme", acme.id(), T0.plusSeconds(2))).isTrue();
        assertThat(accessKeys.revokeToken("acme", acme.id(), T0.plusSeconds(3))).isTrue();
        assertThat(credentials.token("t-acme")).contains(acme.revokedAt(T0.plusSeconds(2)));
        assertThat(accessKeys.tokens("acme", null, 5).items()).containsExactly(acme.revokedAt(T0.plusSeconds(2)));
        assertThat(credentials.token("t-globex")).get().extracting(ManagementToken::dateRevoked).isNull();
    }

    // ---- API keys ----

    static final String RW = "hcw_0123456789abcdefghijklmnopqr";
    static final String RO = "hcr_0123456789abcdefghijklmnopqr";

    @Test
    void createsAnApiKeyOnce_findsItBySecret_andListsAProjectsKeysOldestFirst() {
        ApiKey newer = ApiKey.of("acme", "1", RO, "dashboard", T0.plusSeconds(5));
        ApiKey older = ApiKey.of("acme", "1", RW, null, T0);
        assertThat(accessKeys.createApiKey(newer, RO)).isTrue();
        assertThat(accessKeys.createApiKey(older, RW)).isTrue();
        assertThat(accessKeys.createApiKey(ApiKey.of("globex", "1", RW, null, T0), RW)).isFalse();
        accessKeys.createApiKey(ApiKey.of("acme", "2", "hcw_zzzzzzzzzzzzzzzzzzzzzzzzzzzz", null, T0),
                "hcw_zzzzzzzzzzzzzzzzzzzzzzzzzzzz");

        assertThat(credentials.apiKey(RW)).contains(older);
        assertThat(credentials.apiKey(RO)).get().satisfies(k -> {
            assertThat(k.readOnly()).isTrue();
            assertThat(k.lastCharacters()).isEqualTo("nopqr".substring(1));
        });
        assertThat(credentials.apiKey("hcw_0123456789abcdefghijklmnopqs")).isEmpty();
        assertThat(accessKeys.apiKeys("acme", "1", null, 1).items()).containsExactly(older);
        String cursor = accessKeys.apiKeys("acme", "1", null, 1).nextCursor();
        assertThat(accessKeys.apiKeys("acme", "1", cursor, 1).items()).containsExactly(newer);
        assertThatThrownBy(() -> accessKeys.apiKeys("acme", "2", cursor, 1)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void revokesOnlyItsOwnProjectsApiKey() {
        ApiKey key = ApiKey.of("acme", "1", RW, null, T0);
        accessKeys.createApiKey(key, RW);
        assertThat(accessKeys.revokeApiKey("acme", "2", key.id())).isFalse();
        assertThat(accessKeys.revokeApiKey("globex", "1", key.id())).isFalse();
        assertThat(credentials.apiKey(RW)).isPresent();
        assertThat(accessKeys.revokeApiKey("acme", "1", key.id())).isTrue();
        assertThat(credentials.apiKey(RW)).isEmpty();
        assertThat(accessKeys.apiKeys("acme", "1", null, 5).items()).isEmpty();
        assertThat(accessKeys.revokeApiKey("acme", "1", key.id())).isFalse();
    }

    // ---- badge summaries ----

    @Test
    void keepsOneBadgeSummaryPerProject_readByItsKey_withEntriesSetRemovedAndReplaced() {
        BadgeSummary.Entry up = new BadgeSummary.Entry(List.of("prod", "db"), BadgeStatus.CheckState.UP);
        BadgeSummary.Entry down = new BadgeSummary.Entry(List.of(), BadgeStatus.CheckState.DOWN);
        assertThat(badges.createBadgeSummary(new BadgeSummary("acme", "1", K1, "s1", Map.of("backup", up)))).isTrue();
        assertThat(badges.createBadgeSummary(new BadgeSummary("acme", "1", K2, "s2", Map.of()))).isFalse();
        assertThat(badges.badgeSummary(K2)).isEmpty();
        assertThat(badges.badgeKey("acme", "1")).contains(K1);
        assertThat(badges.badgeKey("acme", "2")).isEmpty();

        badges.putBadgeEntry(K1, "sync", down);
        assertThat(badges.badgeSummary(K1)).get().satisfies(b -> {
            assertThat(b.secret()).isEqualTo("s1");
            assertThat(b.monitors()).containsOnly(Map.entry("backup", up), Map.entry("sync", down));
        });
        badges.putBadgeEntry(K1, "backup", null);
        assertThat(badges.badgeSummary(K1).orElseThrow().monitors()).containsOnlyKeys("sync");
        badges.replaceBadgeEntries(K1, Map.of("other", up));
        assertThat(badges.badgeSummary(K1).orElseThrow().monitors()).containsOnly(Map.entry("other", up));
        badges.putBadgeEntry(K3, "x", up);
        assertThat(badges.badgeSummary(K3)).isEmpty();
        assertThat(badges.badgeSummary("not a key")).isEmpty();
    }

    /** About 8,000 monitors with long slugs, or fewer with big tag lists: more than one DynamoDB item holds (400 KB). */
    @Test
    void aBadgeSummaryOfEntriesTotallingOver400Kb_isWrittenAndReadWhole() {
        String tags = "t".repeat(480);
        Map<String, BadgeSummary.Entry> entries = new java.util.HashMap<>();
        for (int i = 0; i < 500; i++) {
            entries.put("monitor-" + i, new BadgeSummary.Entry(List.of(tags + i), BadgeStatus.CheckState.UP));
        }
        assertThat(badges.createBadgeSummary(new BadgeSummary("acme", "1", K1, "s1", entries))).isTrue();
        for (int i = 500; i < 1000; i++) {
            badges.putBadgeEntry(K1, "monitor-" + i, new BadgeSummary.Entry(List.of(tags + i), BadgeStatus.CheckState.DOWN));
        }
        BadgeSummary read = badges.badgeSummary(K1).orElseThrow();
        assertThat(read.monitors()).hasSize(1000);
        assertThat(read.monitors().get("monitor-999").tags()).containsExactly(tags + 999);
        assertThat(read.status(dev.cronwatch.core.healthchecks.BadgeSignature.ALL, true).down()).isEqualTo(500);

        entries.put("monitor-0", new BadgeSummary.Entry(List.of(), BadgeStatus.CheckState.DOWN));
        badges.replaceBadgeEntries(K1, entries);
        assertThat(badges.badgeSummary(K1).orElseThrow().monitors()).hasSize(500)
                .containsEntry("monitor-0", new BadgeSummary.Entry(List.of(), BadgeStatus.CheckState.DOWN));
    }
}
