package dev.cronwatch.core.fakes;

import dev.cronwatch.core.port.AccessKeys;
import dev.cronwatch.core.port.BadgeSummaries;
import dev.cronwatch.core.port.CredentialLookup;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.ProjectDirectory;
import dev.cronwatch.core.port.Tenants;
import dev.cronwatch.core.healthchecks.BadgeSummary;
import dev.cronwatch.core.service.ConcurrentChangeException;
import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.PingKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.ProjectKey;
import dev.cronwatch.core.tenant.TenantNames;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The tenants' ports in memory, in one object so that what one port writes another reads, refusing
 * malformed names as the DynamoDB adapters do.
 */
public final class InMemoryTenantDirectory implements CredentialLookup, ProjectDirectory, AccessKeys, BadgeSummaries {
    private final Set<String> organizations = new HashSet<>();
    private final Map<String, Project> projects = new LinkedHashMap<>();
    private final Map<String, ProjectKey> keys = new LinkedHashMap<>();
    /** By secret: the fake keeps what the real directory keeps only as a hash. */
    private final Map<String, ManagementToken> tokens = new LinkedHashMap<>();
    /** By secret, as {@link #tokens}. */
    private final Map<String, ApiKey> apiKeys = new LinkedHashMap<>();
    private final Map<String, BadgeSummary> badgeSummaries = new LinkedHashMap<>();
    private final Map<String, PingKey> pingKeys = new LinkedHashMap<>();
    private int writes;
    private int badgeReads;
    private boolean pingKeyConflicts;

    @Override
    public synchronized Optional<PingKey> pingKey(String key) {
        if (!PingKey.isPingKey(key)) return Optional.empty();
        return Optional.ofNullable(pingKeys.get(key));
    }

    @Override
    public synchronized Optional<PingKey> pingKeyOf(String organization, String projectId) {
        return pingKeys.values().stream()
                .filter(k -> k.organization().equals(organization) && k.projectId().equals(projectId)).findFirst();
    }

    /** From now on a first ping key meets other writers' transactions on every try, as the table's can. */
    public synchronized void conflictOnPingKeys() {
        pingKeyConflicts = true;
    }

    @Override
    public synchronized PingKey ensurePingKey(String organization, String projectId, String candidate) {
        Optional<PingKey> existing = pingKeyOf(organization, projectId);
        if (existing.isPresent()) return existing.get();
        if (pingKeyConflicts) throw new ConcurrentChangeException("making the ping key: conflicting transactions in a row");
        if (project(organization, projectId).isEmpty()) throw new IllegalArgumentException("no project " + projectId);
        PingKey key = new PingKey(candidate, organization, projectId);
        pingKeys.put(candidate, key);
        writes++;
        return key;
    }

    @Override
    public synchronized Optional<DsnKey> dsnKey(String publicKey) {
        if (!TenantNames.isPublicKey(publicKey)) return Optional.empty();
        return Optional.ofNullable(keys.get(publicKey)).map(ProjectKey::dsnKey);
    }

    @Override
    public synchronized Optional<ManagementToken> token(String secret) {
        return Optional.ofNullable(tokens.get(secret));
    }

    @Override
    public synchronized Optional<Project> project(String organization, String idOrSlug) {
        Optional<Project> byId = projects.values().stream()
                .filter(p -> p.organization().equals(organization) && p.id().equals(idOrSlug)).findFirst();
        if (byId.isPresent()) return byId;
        return projects.values().stream()
                .filter(p -> p.organization().equals(organization) && p.slug().equals(idOrSlug)).findFirst();
    }

    @Override
    public synchronized void ensureOrganization(String organization) {
        TenantNames.requireSlug(organization, "organization");
        if (organizations.add(organization)) writes++;
    }

    @Override
    public synchronized void ensureProject(Project project) {
        TenantNames.requireSlug(project.organization(), "organization");
        TenantNames.requireProjectId(project.id());
        TenantNames.requireSlug(project.slug(), "project");
        if (projects.putIfAbsent(project.organization() + "/" + project.id(), project) == null) writes++;
    }

    @Override
    public synchronized void ensureDsnKey(DsnKey key) {
        TenantNames.requirePublicKey(key.publicKey());
        TenantNames.requireSlug(key.organization(), "organization");
        TenantNames.requireProjectId(key.projectId());
        if (keys.putIfAbsent(key.publicKey(), new ProjectKey(key.publicKey(), key.organization(), key.projectId(),
                "Default", null)) == null) {
            writes++;
        }
    }

    @Override
    public synchronized boolean createOrganization(String organization, Instant now) {
        TenantNames.requireSlug(organization, "organization");
        boolean created = organizations.add(organization);
        if (created) writes++;
        return created;
    }

    @Override
    public synchronized boolean organizationExists(String organization) {
        return organizations.contains(organization);
    }

    @Override
    public synchronized Optional<Project> createProject(String organization, String name, String slug, Instant now) {
        TenantNames.requireSlug(organization, "organization");
        TenantNames.requireSlug(slug, "project");
        if (!organizations.contains(organization)) throw new IllegalStateException("no organization " + organization);
        if (project(organization, slug).filter(p -> p.slug().equals(slug)).isPresent()) return Optional.empty();
        long next = projects.values().stream().filter(p -> p.organization().equals(organization))
                .mapToLong(p -> Long.parseLong(p.id())).max().orElse(0) + 1;
        Project project = new Project(organization, Long.toString(next), slug, name, now);
        projects.put(organization + "/" + project.id(), project);
        writes++;
        return Optional.of(project);
    }

    @Override
    public synchronized Page<Project> projects(String organization, String cursor, int limit) {
        List<Project> all = projects.values().stream().filter(p -> p.organization().equals(organization))
                .sorted(Comparator.comparing(Project::slug)).toList();
        return PageCursor.page(all, cursor, "projects/" + organization, limit);
    }

    @Override
    public synchronized void createKey(ProjectKey key) {
        TenantNames.requirePublicKey(key.publicKey());
        TenantNames.requireSlug(key.organization(), "organization");
        TenantNames.requireProjectId(key.projectId());
        if (keys.putIfAbsent(key.publicKey(), key) != null) throw new IllegalStateException("public key clash");
        writes++;
    }

    @Override
    public synchronized Page<ProjectKey> keys(String organization, String projectId, String cursor, int limit) {
        return oldestFirst(keys.values().stream()
                .filter(k -> k.organization().equals(organization) && k.projectId().equals(projectId)),
                ProjectKey::dateCreated, ProjectKey::publicKey, cursor, "keys/" + organization + "/" + projectId, limit);
    }

    @Override
    public synchronized boolean revokeKey(String organization, String projectId, String publicKey) {
        ProjectKey key = keys.get(publicKey);
        if (key == null || !key.organization().equals(organization) || !key.projectId().equals(projectId)) return false;
        keys.remove(publicKey);
        writes++;
        return true;
    }

    @Override
    public synchronized boolean createToken(ManagementToken token, String secret) {
        TenantNames.requireSlug(token.organization(), "organization");
        if (tokens.putIfAbsent(secret, token) != null) return false;
        writes++;
        return true;
    }

    @Override
    public synchronized Page<ManagementToken> tokens(String organization, String cursor, int limit) {
        return oldestFirst(tokens.values().stream().filter(t -> t.organization().equals(organization)),
                ManagementToken::dateCreated, ManagementToken::id, cursor, "tokens/" + organization, limit);
    }

    @Override
    public synchronized boolean revokeToken(String organization, String id, Instant now) {
        for (Map.Entry<String, ManagementToken> entry : tokens.entrySet()) {
            ManagementToken token = entry.getValue();
            if (!token.organization().equals(organization) || !token.id().equals(id)) continue;
            if (token.dateRevoked() == null) {
                entry.setValue(token.revokedAt(now));
                writes++;
            }
            return true;
        }
        return false;
    }

    @Override
    public synchronized Optional<ApiKey> apiKey(String secret) {
        return Optional.ofNullable(apiKeys.get(secret));
    }

    @Override
    public synchronized boolean createApiKey(ApiKey key, String secret) {
        TenantNames.requireSlug(key.organization(), "organization");
        TenantNames.requireProjectId(key.projectId());
        if (apiKeys.putIfAbsent(secret, key) != null) return false;
        writes++;
        return true;
    }

    @Override
    public synchronized Page<ApiKey> apiKeys(String organization, String projectId, String cursor, int limit) {
        return oldestFirst(apiKeys.values().stream()
                .filter(k -> k.organization().equals(organization) && k.projectId().equals(projectId)),
                ApiKey::dateCreated, ApiKey::id, cursor, "api-keys/" + organization + "/" + projectId, limit);
    }

    @Override
    public synchronized boolean revokeApiKey(String organization, String projectId, String id) {
        boolean removed = apiKeys.values().removeIf(k -> k.organization().equals(organization)
                && k.projectId().equals(projectId) && k.id().equals(id));
        if (removed) writes++;
        return removed;
    }

    @Override
    public synchronized Optional<BadgeSummary> badgeSummary(String badgeKey) {
        badgeReads++;
        return Optional.ofNullable(badgeSummaries.get(badgeKey));
    }

    @Override
    public synchronized Optional<BadgeSummary> badgeSigning(String organization, String projectId) {
        return badgeKey(organization, projectId).map(badgeSummaries::get);
    }

    @Override
    public synchronized Optional<String> badgeKey(String organization, String projectId) {
        badgeReads++;
        return badgeSummaries.values().stream()
                .filter(b -> b.organization().equals(organization) && b.projectId().equals(projectId))
                .map(BadgeSummary::badgeKey).findFirst();
    }

    @Override
    public synchronized boolean createBadgeSummary(BadgeSummary summary) {
        if (badgeKey(summary.organization(), summary.projectId()).isPresent()) return false;
        badgeSummaries.put(summary.badgeKey(), summary);
        writes++;
        return true;
    }

    @Override
    public synchronized void putBadgeEntry(String badgeKey, String slug, BadgeSummary.Entry entry) {
        BadgeSummary summary = badgeSummaries.get(badgeKey);
        if (summary == null) return;
        Map<String, BadgeSummary.Entry> entries = new java.util.HashMap<>(summary.monitors());
        if (entry == null) entries.remove(slug);
        else entries.put(slug, entry);
        replaceBadgeEntries(badgeKey, entries);
    }

    @Override
    public synchronized void replaceBadgeEntries(String badgeKey, Map<String, BadgeSummary.Entry> entries) {
        BadgeSummary summary = badgeSummaries.get(badgeKey);
        if (summary == null) return;
        badgeSummaries.put(badgeKey, new BadgeSummary(summary.organization(), summary.projectId(), badgeKey,
                summary.secret(), entries));
        writes++;
    }

    /** Oldest first (undated first), then by id, as the DynamoDB listings order them. */
    private static <T> Page<T> oldestFirst(Stream<T> items, Function<T, Instant> created, Function<T, String> id,
                                           String cursor, String scope, int limit) {
        Comparator<T> order = Comparator.comparing(created, Comparator.nullsFirst(Comparator.naturalOrder()));
        return PageCursor.page(items.sorted(order.thenComparing(id)).toList(), cursor, scope, limit);
    }

    /** This one object as each of the ports. */
    public Tenants tenants() {
        return new Tenants(this, this, this, this);
    }

    // ---- for tests ----

    /** Reads of badge keys and summaries: a badge must cost one. */
    public synchronized int badgeReads() {
        return badgeReads;
    }

    /** Every change made: a rejected request must leave this where it was. */
    public synchronized int writes() {
        return writes;
    }
}
