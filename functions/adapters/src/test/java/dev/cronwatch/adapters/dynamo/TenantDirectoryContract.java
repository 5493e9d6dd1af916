package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.core.port.InvalidCursorException;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.TenantDirectory;
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

/** The TenantDirectory contract, run against the in-memory fake and the DynamoDB directory. */
abstract class TenantDirectoryContract {
    static final String K1 = "0123456789abcdef0123456789abcdef";
    static final String K2 = "fedcba9876543210fedcba9876543210";
    static final String K3 = "00000000000000000000000000000003";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    TenantDirectory directory;

    abstract TenantDirectory newDirectory();

    @BeforeEach
    void setUp() {
        directory = newDirectory();
    }

    @Test
    void findsNothing_whenNothingExists() {
        assertThat(directory.dsnKey(K1)).isEmpty();
        assertThat(directory.token("secret")).isEmpty();
        assertThat(directory.project("acme", "1")).isEmpty();
        assertThat(directory.organizationExists("acme")).isFalse();
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
    void aProjectKeepsItsFirstPingKey_whichFindsItsProject() {
        directory.ensureOrganization("acme");
        directory.ensureProject(new Project("acme", "1", "default"));
        String first = "abcdefghijklmnopqrstuv";
        assertThat(directory.pingKeyOf("acme", "1")).isEmpty();

        assertThat(directory.ensurePingKey("acme", "1", first).key()).isEqualTo(first);
        assertThat(directory.ensurePingKey("acme", "1", "0123456789abcdefghijkl").key()).isEqualTo(first);

        assertThat(directory.pingKeyOf("acme", "1")).hasValueSatisfying(k -> assertThat(k.key()).isEqualTo(first));
        assertThat(directory.pingKey(first)).hasValueSatisfying(k -> assertThat(k.projectId()).isEqualTo("1"));
        assertThat(directory.pingKey("0123456789abcdefghijkl")).isEmpty();
        assertThat(directory.pingKey("NOT A KEY")).isEmpty();
    }

    @Test
    void ensuringTwice_keepsTheFirst() {
        directory.ensureOrganization("acme");
        directory.ensureOrganization("acme");
        directory.ensureProject(new Project("acme", "1", "default"));
        directory.ensureProject(new Project("acme", "1", "renamed"));
        directory.ensureDsnKey(new DsnKey(K1, "acme", "1"));
        directory.ensureDsnKey(new DsnKey(K1, "globex", "9"));
        directory.ensureToken("acme", "t1");
        directory.ensureToken("globex", "t1");

        assertThat(directory.project("acme", "1")).contains(new Project("acme", "1", "default"));
        assertThat(directory.project("acme", "renamed")).isEmpty();
        assertThat(directory.dsnKey(K1)).contains(new DsnKey(K1, "acme", "1"));
        assertThat(directory.token("t1")).map(ManagementToken::organization).contains("acme");
    }

    @Test
    void resolvesDsnKeysAndTokens() {
        directory.ensureDsnKey(new DsnKey(K1, "acme", "1"));
        directory.ensureDsnKey(new DsnKey(K2, "globex", "7"));
        directory.ensureToken("acme", "t-acme");
        directory.ensureToken("globex", "t-globex");

        assertThat(directory.dsnKey(K2)).contains(new DsnKey(K2, "globex", "7"));
        assertThat(directory.token("t-acme")).map(ManagementToken::organization).contains("acme");
        assertThat(directory.token("t-globex")).map(ManagementToken::organization).contains("globex");
        assertThat(directory.token("t-acme ")).isEmpty();
    }

    // ---- names that become key parts ----

    @Test
    void malformedNames_findNothing_andCannotBeWritten() {
        directory.ensureOrganization("acme");
        directory.ensureProject(new Project("acme", "1", "default"));
        assertThat(directory.dsnKey("a".repeat(3_000))).isEmpty();
        assertThat(directory.dsnKey(K1.toUpperCase())).isEmpty();
        assertThat(directory.dsnKey("")).isEmpty();
        assertThat(directory.project("acme", "")).isEmpty();
        assertThat(directory.project("acme#x", "1")).isEmpty();
        assertThat(directory.project("acme", "x".repeat(3_000))).isEmpty();
        assertThat(directory.organizationExists("acme#x")).isFalse();

        for (String organization : List.of("acme#x", "", "Acme", "-acme", "a".repeat(51), "acme x")) {
            assertThatThrownBy(() -> directory.ensureOrganization(organization)).as(organization)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> directory.createOrganization(organization, T0)).as(organization)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> directory.ensureToken(organization, "t")).as(organization)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> directory.ensureProject(new Project("acme", "1#2", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.ensureProject(new Project("acme", "3", "a#b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.ensureDsnKey(new DsnKey("k1", "acme", "1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.createProject("acme", "x", "a#b", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- onboarding ----

    @Test
    void createsAnOrganizationOnce() {
        assertThat(directory.createOrganization("acme", T0)).isTrue();
        assertThat(directory.createOrganization("acme", T0)).isFalse();
        assertThat(directory.organizationExists("acme")).isTrue();
        assertThat(directory.organizationExists("globex")).isFalse();
    }

    @Test
    void createsProjectsWithTheNextIds_andUniqueSlugs_afterOperatorMadeOnes() {
        directory.createOrganization("acme", T0);
        directory.createOrganization("globex", T0);
        directory.ensureProject(new Project("acme", "1", "default"));

        Project web = directory.createProject("acme", "Web", "web", T0).orElseThrow();
        Project jobs = directory.createProject("acme", "Jobs", "jobs", T0.plusSeconds(1)).orElseThrow();
        assertThat(web).isEqualTo(new Project("acme", "2", "web", "Web", T0));
        assertThat(jobs.id()).isEqualTo("3");
        assertThat(directory.createProject("acme", "Web again", "web", T0)).isEmpty();
        assertThat(directory.createProject("acme", "Default", "default", T0)).isEmpty();
        assertThat(directory.createProject("globex", "Web", "web", T0)).get()
                .satisfies(p -> assertThat(p.id()).isEqualTo("1"));
        assertThat(directory.project("acme", "web")).contains(web);
        assertThat(directory.project("acme", "3")).contains(jobs);
        assertThatThrownBy(() -> directory.createProject("initech", "Web", "web", T0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pagesProjectsInSlugOrder_withinTheirOrganization() {
        directory.createOrganization("acme", T0);
        directory.createOrganization("globex", T0);
        for (String slug : List.of("delta", "alpha", "charlie", "bravo")) directory.createProject("acme", slug, slug, T0);
        directory.createProject("globex", "zulu", "zulu", T0);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<Project> page = directory.projects("acme", cursor, 3);
            page.items().forEach(p -> seen.add(p.slug()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactly("alpha", "bravo", "charlie", "delta");
        String acmeCursor = directory.projects("acme", null, 1).nextCursor();
        assertThatThrownBy(() -> directory.projects("globex", acmeCursor, 1)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> directory.projects("acme", "!!!", 1)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void listsAProjectsKeys_oldestFirst_andRevokesOnlyItsOwn() {
        directory.createOrganization("acme", T0);
        directory.ensureProject(new Project("acme", "1", "default"));
        directory.ensureProject(new Project("acme", "2", "other"));
        ProjectKey first = new ProjectKey(K1, "acme", "1", "Default", T0);
        ProjectKey second = new ProjectKey(K2, "acme", "1", "CI", T0.plusSeconds(5));
        ProjectKey elsewhere = new ProjectKey(K3, "acme", "2", "Default", T0);
        directory.createKey(second);
        directory.createKey(first);
        directory.createKey(elsewhere);
        assertThatThrownBy(() -> directory.createKey(first)).isInstanceOf(IllegalStateException.class);

        Page<ProjectKey> page = directory.keys("acme", "1", null, 1);
        assertThat(page.items()).containsExactly(first);
        assertThat(directory.keys("acme", "1", page.nextCursor(), 5).items()).containsExactly(second);
        assertThatThrownBy(() -> directory.keys("acme", "2", page.nextCursor(), 5))
                .isInstanceOf(InvalidCursorException.class);

        assertThat(directory.revokeKey("acme", "2", K1)).isFalse();
        assertThat(directory.revokeKey("globex", "1", K1)).isFalse();
        assertThat(directory.dsnKey(K1)).isPresent();
        assertThat(directory.revokeKey("acme", "1", K1)).isTrue();
        assertThat(directory.revokeKey("acme", "1", K1)).isFalse();
        assertThat(directory.dsnKey(K1)).isEmpty();
        assertThat(directory.keys("acme", "1", null, 5).items()).containsExactly(second);
    }

    @Test
    void operatorMadeKeys_areListedToo() {
        directory.ensureDsnKey(new DsnKey(K1, "acme", "1"));
        assertThat(directory.keys("acme", "1", null, 5).items()).extracting(ProjectKey::publicKey).containsExactly(K1);
    }

    // ---- management tokens ----

    @Test
    void createsATokenOnce_andFindsItBySecret_withWhatItWasMadeWith() {
        ManagementToken made = ManagementToken.of("acme", "s3cr3t-1234", "CI", T0, T0.plusSeconds(3600));
        assertThat(directory.createToken(made, "s3cr3t-1234")).isTrue();
        assertThat(directory.createToken(ManagementToken.of("globex", "s3cr3t-1234", null, T0, null), "s3cr3t-1234")).isFalse();

        assertThat(directory.token("s3cr3t-1234")).contains(made);
        assertThat(made.lastCharacters()).isEqualTo("1234");
        assertThat(made.id()).hasSize(16).doesNotContain("1234");
        assertThat(directory.token("s3cr3t-123")).isEmpty();
    }

    @Test
    void listsAnOrganizationsTokens_oldestFirst_withoutOthers() {
        ManagementToken undated = ManagementToken.of("acme", "t-undated", null, null, null);
        ManagementToken older = ManagementToken.of("acme", "t-older", "first", T0, null);
        ManagementToken newer = ManagementToken.of("acme", "t-newer", "second", T0.plusSeconds(5), T0.plusSeconds(99));
        directory.createToken(newer, "t-newer");
        directory.createToken(older, "t-older");
        directory.ensureToken("acme", "t-undated");
        directory.createToken(ManagementToken.of("globex", "t-globex", null, T0, null), "t-globex");

        List<ManagementToken> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<ManagementToken> page = directory.tokens("acme", cursor, 2);
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactly(undated, older, newer);
        String acmeCursor = directory.tokens("acme", null, 1).nextCursor();
        assertThatThrownBy(() -> directory.tokens("globex", acmeCursor, 1)).isInstanceOf(InvalidCursorException.class);
        assertThat(directory.tokens("initech", null, 5).items()).isEmpty();
    }

    @Test
    void revokesOnlyItsOwnOrganizationsToken_once_keepingTheFirstDate() {
        ManagementToken acme = ManagementToken.of("acme", "t-acme", null, T0, null);
        directory.createToken(acme, "t-acme");
        directory.createToken(ManagementToken.of("globex", "t-globex", null, T0, null), "t-globex");

        assertThat(directory.revokeToken("globex", acme.id(), T0.plusSeconds(1))).isFalse();
        assertThat(directory.revokeToken("acme", "0123456789abcdef", T0.plusSeconds(1))).isFalse();
        assertThat(directory.revokeToken("acme", "not an id", T0.plusSeconds(1))).isFalse();
        assertThat(directory.token("t-acme")).get().extracting(ManagementToken::dateRevoked).isNull();

        assertThat(directory.revokeToken("acme", acme.id(), T0.plusSeconds(2))).isTrue();
        assertThat(directory.revokeToken("acme", acme.id(), T0.plusSeconds(3))).isTrue();
        assertThat(directory.token("t-acme")).contains(acme.revokedAt(T0.plusSeconds(2)));
        assertThat(directory.tokens("acme", null, 5).items()).containsExactly(acme.revokedAt(T0.plusSeconds(2)));
        assertThat(directory.token("t-globex")).get().extracting(ManagementToken::dateRevoked).isNull();
    }

    // ---- API keys ----

    static final String RW = "hcw_0123456789abcdefghijklmnopqr";
    static final String RO = "hcr_0123456789abcdefghijklmnopqr";

    @Test
    void createsAnApiKeyOnce_findsItBySecret_andListsAProjectsKeysOldestFirst() {
        ApiKey newer = ApiKey.of("acme", "1", RO, "dashboard", T0.plusSeconds(5));
        ApiKey older = ApiKey.of("acme", "1", RW, null, T0);
        assertThat(directory.createApiKey(newer, RO)).isTrue();
        assertThat(directory.createApiKey(older, RW)).isTrue();
        assertThat(directory.createApiKey(ApiKey.of("globex", "1", RW, null, T0), RW)).isFalse();
        directory.createApiKey(ApiKey.of("acme", "2", "hcw_zzzzzzzzzzzzzzzzzzzzzzzzzzzz", null, T0),
                "hcw_zzzzzzzzzzzzzzzzzzzzzzzzzzzz");

        assertThat(directory.apiKey(RW)).contains(older);
        assertThat(directory.apiKey(RO)).get().satisfies(k -> {
            assertThat(k.readOnly()).isTrue();
            assertThat(k.lastCharacters()).isEqualTo("nopqr".substring(1));
        });
        assertThat(directory.apiKey("hcw_0123456789abcdefghijklmnopqs")).isEmpty();
        assertThat(directory.apiKeys("acme", "1", null, 1).items()).containsExactly(older);
        String cursor = directory.apiKeys("acme", "1", null, 1).nextCursor();
        assertThat(directory.apiKeys("acme", "1", cursor, 1).items()).containsExactly(newer);
        assertThatThrownBy(() -> directory.apiKeys("acme", "2", cursor, 1)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void revokesOnlyItsOwnProjectsApiKey() {
        ApiKey key = ApiKey.of("acme", "1", RW, null, T0);
        directory.createApiKey(key, RW);
        assertThat(directory.revokeApiKey("acme", "2", key.id())).isFalse();
        assertThat(directory.revokeApiKey("globex", "1", key.id())).isFalse();
        assertThat(directory.apiKey(RW)).isPresent();
        assertThat(directory.revokeApiKey("acme", "1", key.id())).isTrue();
        assertThat(directory.apiKey(RW)).isEmpty();
        assertThat(directory.apiKeys("acme", "1", null, 5).items()).isEmpty();
        assertThat(directory.revokeApiKey("acme", "1", key.id())).isFalse();
    }

    // ---- badge summaries ----

    @Test
    void keepsOneBadgeSummaryPerProject_readByItsKey_withEntriesSetRemovedAndReplaced() {
        BadgeSummary.Entry up = new BadgeSummary.Entry(List.of("prod", "db"), BadgeStatus.CheckState.UP);
        BadgeSummary.Entry down = new BadgeSummary.Entry(List.of(), BadgeStatus.CheckState.DOWN);
        assertThat(directory.createBadgeSummary(new BadgeSummary("acme", "1", K1, "s1", Map.of("backup", up)))).isTrue();
        assertThat(directory.createBadgeSummary(new BadgeSummary("acme", "1", K2, "s2", Map.of()))).isFalse();
        assertThat(directory.badgeSummary(K2)).isEmpty();
        assertThat(directory.badgeKey("acme", "1")).contains(K1);
        assertThat(directory.badgeKey("acme", "2")).isEmpty();

        directory.putBadgeEntry(K1, "sync", down);
        assertThat(directory.badgeSummary(K1)).get().satisfies(b -> {
            assertThat(b.secret()).isEqualTo("s1");
            assertThat(b.monitors()).containsOnly(Map.entry("backup", up), Map.entry("sync", down));
        });
        directory.putBadgeEntry(K1, "backup", null);
        assertThat(directory.badgeSummary(K1).orElseThrow().monitors()).containsOnlyKeys("sync");
        directory.replaceBadgeEntries(K1, Map.of("other", up));
        assertThat(directory.badgeSummary(K1).orElseThrow().monitors()).containsOnly(Map.entry("other", up));
        directory.putBadgeEntry(K3, "x", up);
        assertThat(directory.badgeSummary(K3)).isEmpty();
        assertThat(directory.badgeSummary("not a key")).isEmpty();
    }

    /** About 8,000 monitors with long slugs, or fewer with big tag lists: more than one DynamoDB item holds (400 KB). */
    @Test
    void aBadgeSummaryOfEntriesTotallingOver400Kb_isWrittenAndReadWhole() {
        String tags = "t".repeat(480);
        Map<String, BadgeSummary.Entry> entries = new java.util.HashMap<>();
        for (int i = 0; i < 500; i++) {
            entries.put("monitor-" + i, new BadgeSummary.Entry(List.of(tags + i), BadgeStatus.CheckState.UP));
        }
        assertThat(directory.createBadgeSummary(new BadgeSummary("acme", "1", K1, "s1", entries))).isTrue();
        for (int i = 500; i < 1000; i++) {
            directory.putBadgeEntry(K1, "monitor-" + i, new BadgeSummary.Entry(List.of(tags + i), BadgeStatus.CheckState.DOWN));
        }
        BadgeSummary read = directory.badgeSummary(K1).orElseThrow();
        assertThat(read.monitors()).hasSize(1000);
        assertThat(read.monitors().get("monitor-999").tags()).containsExactly(tags + 999);
        assertThat(read.status(dev.cronwatch.core.healthchecks.BadgeSignature.ALL, true).down()).isEqualTo(500);

        entries.put("monitor-0", new BadgeSummary.Entry(List.of(), BadgeStatus.CheckState.DOWN));
        directory.replaceBadgeEntries(K1, entries);
        assertThat(directory.badgeSummary(K1).orElseThrow().monitors()).hasSize(500)
                .containsEntry("monitor-0", new BadgeSummary.Entry(List.of(), BadgeStatus.CheckState.DOWN));
    }
}
