package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.healthchecks.BadgeSummary;
import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.PingKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.ProjectKey;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.TenantDirectory;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tenants' ports on their adapters, one each, in one handle for the composition root: it holds no
 * logic of its own.
 */
public final class DynamoTenantDirectory implements TenantDirectory {
    private final DynamoCredentialLookup credentials;
    private final DynamoProjectDirectory projects;
    private final DynamoAccessKeys accessKeys;
    private final DynamoBadgeSummaries badges;

    public DynamoTenantDirectory(DynamoDbClient client, String table) {
        this.credentials = new DynamoCredentialLookup(client, table);
        this.projects = new DynamoProjectDirectory(client, table);
        this.accessKeys = new DynamoAccessKeys(client, table);
        this.badges = new DynamoBadgeSummaries(client, table);
    }

    @Override
    public Optional<DsnKey> dsnKey(String publicKey) {
        return credentials.dsnKey(publicKey);
    }

    @Override
    public Optional<ManagementToken> token(String secret) {
        return credentials.token(secret);
    }

    @Override
    public Optional<ApiKey> apiKey(String secret) {
        return credentials.apiKey(secret);
    }

    @Override
    public Optional<PingKey> pingKey(String key) {
        return credentials.pingKey(key);
    }

    @Override
    public void ensureOrganization(String organization) {
        projects.ensureOrganization(organization);
    }

    @Override
    public boolean createOrganization(String organization, Instant now) {
        return projects.createOrganization(organization, now);
    }

    @Override
    public boolean organizationExists(String organization) {
        return projects.organizationExists(organization);
    }

    @Override
    public Optional<Project> project(String organization, String idOrSlug) {
        return projects.project(organization, idOrSlug);
    }

    @Override
    public void ensureProject(Project project) {
        projects.ensureProject(project);
    }

    @Override
    public Optional<Project> createProject(String organization, String name, String slug, Instant now) {
        return projects.createProject(organization, name, slug, now);
    }

    @Override
    public Page<Project> projects(String organization, String cursor, int limit) {
        return projects.projects(organization, cursor, limit);
    }

    @Override
    public void ensureDsnKey(DsnKey key) {
        projects.ensureDsnKey(key);
    }

    @Override
    public void createKey(ProjectKey key) {
        projects.createKey(key);
    }

    @Override
    public Page<ProjectKey> keys(String organization, String projectId, String cursor, int limit) {
        return projects.keys(organization, projectId, cursor, limit);
    }

    @Override
    public boolean revokeKey(String organization, String projectId, String publicKey) {
        return projects.revokeKey(organization, projectId, publicKey);
    }

    @Override
    public Optional<PingKey> pingKeyOf(String organization, String projectId) {
        return projects.pingKeyOf(organization, projectId);
    }

    @Override
    public PingKey ensurePingKey(String organization, String projectId, String candidate) {
        return projects.ensurePingKey(organization, projectId, candidate);
    }

    @Override
    public boolean createToken(ManagementToken token, String secret) {
        return accessKeys.createToken(token, secret);
    }

    @Override
    public Page<ManagementToken> tokens(String organization, String cursor, int limit) {
        return accessKeys.tokens(organization, cursor, limit);
    }

    @Override
    public boolean revokeToken(String organization, String id, Instant now) {
        return accessKeys.revokeToken(organization, id, now);
    }

    @Override
    public boolean createApiKey(ApiKey key, String secret) {
        return accessKeys.createApiKey(key, secret);
    }

    @Override
    public Page<ApiKey> apiKeys(String organization, String projectId, String cursor, int limit) {
        return accessKeys.apiKeys(organization, projectId, cursor, limit);
    }

    @Override
    public boolean revokeApiKey(String organization, String projectId, String id) {
        return accessKeys.revokeApiKey(organization, projectId, id);
    }

    @Override
    public Optional<BadgeSummary> badgeSummary(String badgeKey) {
        return badges.badgeSummary(badgeKey);
    }

    @Override
    public Optional<BadgeSummary> badgeSigning(String organization, String projectId) {
        return badges.badgeSigning(organization, projectId);
    }

    @Override
    public Optional<String> badgeKey(String organization, String projectId) {
        return badges.badgeKey(organization, projectId);
    }

    @Override
    public boolean createBadgeSummary(BadgeSummary summary) {
        return badges.createBadgeSummary(summary);
    }

    @Override
    public void putBadgeEntry(String badgeKey, String slug, BadgeSummary.Entry entry) {
        badges.putBadgeEntry(badgeKey, slug, entry);
    }

    @Override
    public void replaceBadgeEntries(String badgeKey, Map<String, BadgeSummary.Entry> entries) {
        badges.replaceBadgeEntries(badgeKey, entries);
    }
}
