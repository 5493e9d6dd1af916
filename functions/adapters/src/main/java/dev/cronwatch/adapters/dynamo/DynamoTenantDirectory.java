package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.healthchecks.BadgeSummary;
import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.PingKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.ProjectKey;
import dev.cronwatch.core.tenant.TenantNames;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Organizations, projects, DSN keys, management tokens and API keys in the monitors' table
 * (infra/table-design.md). Every name is checked against {@link TenantNames} before it becomes part of
 * a key: a lookup with a malformed one finds nothing without a request, a write with one throws.
 */
public final class DynamoTenantDirectory implements TenantDirectory {
    private static final String ORGANIZATION = "organization";
    private static final String PROJECT_ID = "projectId";
    private static final String SLUG = "slug";
    private static final String NAME = "name";
    private static final String DATE_CREATED = "dateCreated";
    private static final String LAST_PROJECT_ID = "lastProjectId";
    private static final String TOKEN_ID = "tokenId";
    private static final String LAST_CHARACTERS = "lastCharacters";
    /** Not the table's TTL attribute ({@code expiresAt}): an expired token is kept, to be refused as expired. */
    private static final String TOKEN_EXPIRES_AT = "tokenExpiresAt";
    private static final String DATE_REVOKED = "dateRevoked";
    private static final String KEY_ID = "keyId";
    private static final String READ_ONLY = "readOnly";
    private static final String PING_KEY = "pingKey";
    private static final int ID_ATTEMPTS = 5;

    private final DynamoDbClient client;
    private final String table;
    private final Queries queries;
    private final TenantItems items;
    private final DynamoBadgeSummaries badges;

    public DynamoTenantDirectory(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        this.queries = new Queries(client, table);
        this.items = new TenantItems(client, table);
        this.badges = new DynamoBadgeSummaries(client, table);
    }

    // ---- credentials ----

    @Override
    public Optional<DsnKey> dsnKey(String publicKey) {
        if (!TenantNames.isPublicKey(publicKey)) return Optional.empty();
        return get(Keys.dsnKeyPk(publicKey), Keys.DSN_KEY).map(item -> projectKey(item, publicKey).dsnKey());
    }

    /** A token made before tokens had ids is given its id and listing attributes here, the first time it is used. */
    @Override
    public Optional<ManagementToken> token(String secret) {
        return get(Keys.tokenPk(secret), Keys.TOKEN).map(item -> item.containsKey(TOKEN_ID) ? token(item) : listed(item, secret));
    }

    // ---- Healthchecks ping keys: an attribute of the project's id item, and an item of its own to look it up by ----

    @Override
    public Optional<PingKey> pingKey(String key) {
        if (!PingKey.isPingKey(key)) return Optional.empty();
        var item = client.getItem(b -> b.tableName(table).key(Keys.pingKeyKey(key)).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new PingKey(key, item.get(ORGANIZATION).s(), item.get(PROJECT_ID).s()));
    }

    @Override
    public Optional<PingKey> pingKeyOf(String organization, String projectId) {
        if (!TenantNames.isSlug(organization) || !TenantNames.isProjectId(projectId)) return Optional.empty();
        return get(Keys.projectPk(organization), projectId).filter(item -> item.containsKey(PING_KEY))
                .map(item -> new PingKey(item.get(PING_KEY).s(), organization, projectId));
    }

    /** The project's attribute and the lookup item in one transaction, each only if absent. */
    @Override
    public PingKey ensurePingKey(String organization, String projectId, String candidate) {
        Optional<PingKey> existing = pingKeyOf(organization, projectId);
        if (existing.isPresent()) return existing.get();
        PingKey key = new PingKey(candidate, organization, projectId);
        Map<String, AttributeValue> lookup = new HashMap<>(Keys.pingKeyKey(candidate));
        lookup.put(ORGANIZATION, s(organization));
        lookup.put(PROJECT_ID, s(projectId));
        try {
            client.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(Keys.key(Keys.projectPk(organization), projectId))
                            .updateExpression("SET #k = :k")
                            .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#k)")
                            .expressionAttributeNames(Map.of("#k", PING_KEY))
                            .expressionAttributeValues(Map.of(":k", s(candidate))).build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(lookup)
                            .conditionExpression("attribute_not_exists(pk)").build()).build())
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return key;
        } catch (TransactionCanceledException e) {
            // another writer gave the project its key first (or the project is gone)
            return pingKeyOf(organization, projectId)
                    .orElseThrow(() -> new IllegalArgumentException("no project " + organization + "/" + projectId));
        }
    }

    // ---- organizations ----

    @Override
    public void ensureOrganization(String organization) {
        putIfAbsent(Map.of(ORGANIZATION, s(organization)), Keys.organizationPk(organization), Keys.ORGANIZATION);
    }

    @Override
    public boolean createOrganization(String organization, Instant now) {
        return putIfAbsent(Map.of(ORGANIZATION, s(organization), DATE_CREATED, s(now.toString())),
                Keys.organizationPk(organization), Keys.ORGANIZATION);
    }

    @Override
    public boolean organizationExists(String organization) {
        return TenantNames.isSlug(organization) && get(Keys.organizationPk(organization), Keys.ORGANIZATION).isPresent();
    }

    // ---- projects: one item by id, one by slug (listing in slug order, and what makes the slug unique) ----

    /** By id first (the usual form in URLs), then by slug. */
    @Override
    public Optional<Project> project(String organization, String idOrSlug) {
        if (!TenantNames.isSlug(organization)) return Optional.empty();
        if (TenantNames.isProjectId(idOrSlug)) {
            Optional<Project> byId = get(Keys.projectPk(organization), idOrSlug).map(DynamoTenantDirectory::project);
            if (byId.isPresent()) return byId;
        }
        if (!TenantNames.isSlug(idOrSlug)) return Optional.empty();
        return get(Keys.projectPk(organization), Keys.projectSlugSk(idOrSlug)).map(DynamoTenantDirectory::project);
    }

    /** Also writes the slug item if it is missing (projects made before there was one). */
    @Override
    public void ensureProject(Project project) {
        TenantNames.requireSlug(project.slug(), "project");
        TenantNames.requireProjectId(project.id());
        putIfAbsent(projectAttributes(project), Keys.projectPk(project.organization()), project.id());
        Project stored = get(Keys.projectPk(project.organization()), project.id()).map(DynamoTenantDirectory::project)
                .orElseThrow(() -> new IllegalStateException("project " + project.id() + " vanished"));
        putIfAbsent(projectAttributes(stored), Keys.projectPk(stored.organization()), Keys.projectSlugSk(stored.slug()));
    }

    /**
     * The id is the organization's counter plus one; both items are written in one transaction, each
     * only if absent, so a slug is never taken twice and an id never reused (ids made before the counter
     * are skipped).
     */
    @Override
    public Optional<Project> createProject(String organization, String name, String slug, Instant now) {
        TenantNames.requireSlug(slug, "project");
        if (get(Keys.projectPk(organization), Keys.projectSlugSk(slug)).isPresent()) return Optional.empty();
        for (int attempt = 1; attempt <= ID_ATTEMPTS; attempt++) {
            Project project = new Project(organization, nextProjectId(organization), slug, name, now);
            Map<String, AttributeValue> attributes = projectAttributes(project);
            try {
                client.transactWriteItems(b -> b.transactItems(
                        absentPut(attributes, Keys.projectPk(organization), project.id()),
                        absentPut(attributes, Keys.projectPk(organization), Keys.projectSlugSk(slug)))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                return Optional.of(project);
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (reasons.size() == 2 && "ConditionalCheckFailed".equals(reasons.get(1).code())) return Optional.empty();
                if (reasons.isEmpty() || !"ConditionalCheckFailed".equals(reasons.get(0).code())) throw e;
                // the id was taken by a project made without the counter: take the next one
            }
        }
        throw new IllegalStateException("no free project id in " + ID_ATTEMPTS + " attempts for " + organization);
    }

    @Override
    public Page<Project> projects(String organization, String cursor, int limit) {
        if (!TenantNames.isSlug(organization)) return new Page<>(List.of(), null);
        String pk = Keys.projectPk(organization);
        var start = Cursors.decodeFromClient(cursor, Queries.TABLE_KEY,
                key -> key.get(TableDefinition.PK).s().equals(pk)
                        && key.get(TableDefinition.SK).s().startsWith(Keys.PROJECT_SLUG_PREFIX));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :slug)")
                .expressionAttributeValues(Map.of(":pk", s(pk), ":slug", s(Keys.PROJECT_SLUG_PREFIX)));
        Page<Map<String, AttributeValue>> page = queries.page(query, start, limit, Queries.TABLE_KEY);
        return new Page<>(page.items().stream().map(DynamoTenantDirectory::project).toList(), page.nextCursor());
    }

    /** Atomic: an UpdateItem that adds one; the organization item must exist. */
    private String nextProjectId(String organization) {
        try {
            var response = client.updateItem(b -> b.tableName(table)
                    .key(Keys.key(Keys.organizationPk(organization), Keys.ORGANIZATION))
                    .updateExpression("ADD #last :one")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#last", LAST_PROJECT_ID))
                    .expressionAttributeValues(Map.of(":one", Keys.n(1)))
                    .returnValues(ReturnValue.UPDATED_NEW)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return response.attributes().get(LAST_PROJECT_ID).n();
        } catch (ConditionalCheckFailedException missing) {
            throw new IllegalStateException("no organization " + organization);
        }
    }

    // ---- DSN keys: one item each, listed per project through byParent ----

    /** Keys made before they were listed get their listing attributes, if they are this project's. */
    @Override
    public void ensureDsnKey(DsnKey key) {
        Map<String, AttributeValue> item = new HashMap<>(keyAttributes(new ProjectKey(key.publicKey(), key.organization(),
                key.projectId(), "Default", null)));
        item.putAll(Keys.key(Keys.dsnKeyPk(key.publicKey()), Keys.DSN_KEY));
        try {
            client.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (attribute_not_exists(#gpk) AND #org = :org AND #pid = :pid)")
                    .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK, "#org", ORGANIZATION, "#pid", PROJECT_ID))
                    .expressionAttributeValues(Map.of(":org", s(key.organization()), ":pid", s(key.projectId())))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException exists) {
            // created before: ensure* leaves what exists
        }
    }

    @Override
    public void createKey(ProjectKey key) {
        if (!putIfAbsent(keyAttributes(key), Keys.dsnKeyPk(key.publicKey()), Keys.DSN_KEY)) {
            throw new IllegalStateException("a DSN key with this public key exists");
        }
    }

    @Override
    public Page<ProjectKey> keys(String organization, String projectId, String cursor, int limit) {
        if (!TenantNames.isSlug(organization) || !TenantNames.isProjectId(projectId)) return new Page<>(List.of(), null);
        String parent = Keys.dsnKeysOf(organization, projectId);
        var start = Cursors.decodeFromClient(cursor, Queries.BY_PARENT_KEY, key -> key.get(TableDefinition.GPK).s().equals(parent));
        Page<Map<String, AttributeValue>> page = queries.page(queries.byParent(parent), start, limit, Queries.BY_PARENT_KEY);
        return new Page<>(page.items().stream()
                .map(item -> projectKey(item, Keys.publicKeyOf(item.get(TableDefinition.PK).s()))).toList(),
                page.nextCursor());
    }

    /** One conditional delete: the key goes only if it is this project's. */
    @Override
    public boolean revokeKey(String organization, String projectId, String publicKey) {
        if (!TenantNames.isPublicKey(publicKey)) return false;
        try {
            client.deleteItem(b -> b.tableName(table).key(Keys.key(Keys.dsnKeyPk(publicKey), Keys.DSN_KEY))
                    .conditionExpression("#org = :org AND #pid = :pid")
                    .expressionAttributeNames(Map.of("#org", ORGANIZATION, "#pid", PROJECT_ID))
                    .expressionAttributeValues(Map.of(":org", s(organization), ":pid", s(projectId)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException notThisProjects) {
            return false;
        }
    }

    // ---- tokens: one item each, under the secret's hash, listed per organization through byParent ----

    /** Only the token's SHA-256 is stored: a leaked table does not leak working tokens. */
    @Override
    public boolean createToken(ManagementToken token, String secret) {
        return putIfAbsent(tokenAttributes(token), Keys.tokenPk(secret), Keys.TOKEN);
    }

    @Override
    public Page<ManagementToken> tokens(String organization, String cursor, int limit) {
        if (!TenantNames.isSlug(organization)) return new Page<>(List.of(), null);
        String parent = Keys.tokensOf(organization);
        var start = Cursors.decodeFromClient(cursor, Queries.BY_PARENT_KEY, key -> key.get(TableDefinition.GPK).s().equals(parent));
        Page<Map<String, AttributeValue>> page = queries.page(queries.byParent(parent), start, limit, Queries.BY_PARENT_KEY);
        return new Page<>(page.items().stream().map(DynamoTenantDirectory::token).toList(), page.nextCursor());
    }

    /**
     * Found by its id among the organization's (an organization has few tokens), then marked with one
     * conditional update, so a second revocation keeps the first one's date.
     */
    @Override
    public boolean revokeToken(String organization, String id, Instant now) {
        if (!TenantNames.isSlug(organization) || !ManagementToken.isId(id)) return false;
        var found = queries.all(queries.byParent(Keys.tokensOf(organization)).filterExpression("#id = :id")
                .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK, "#id", TOKEN_ID))
                .expressionAttributeValues(Map.of(":parent", s(Keys.tokensOf(organization)), ":id", s(id))));
        if (found.isEmpty()) return false;
        try {
            client.updateItem(b -> b.tableName(table).key(Keys.key(found.get(0).get(TableDefinition.PK).s(), Keys.TOKEN))
                    .updateExpression("SET #revoked = :now")
                    .conditionExpression("#org = :org AND attribute_not_exists(#revoked)")
                    .expressionAttributeNames(Map.of("#revoked", DATE_REVOKED, "#org", ORGANIZATION))
                    .expressionAttributeValues(Map.of(":now", s(now.toString()), ":org", s(organization)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException revokedBefore) {
            // idempotent: the first revocation's date stays
        }
        return true;
    }

    // ---- API keys: one item each, under the secret's hash, listed per project through byParent ----

    @Override
    public Optional<ApiKey> apiKey(String secret) {
        if (!ApiKey.isSecret(secret)) return Optional.empty();
        return get(Keys.apiKeyPk(secret), Keys.API_KEY).map(DynamoTenantDirectory::apiKey);
    }

    @Override
    public boolean createApiKey(ApiKey key, String secret) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                ORGANIZATION, s(key.organization()), PROJECT_ID, s(key.projectId()), KEY_ID, s(key.id()),
                READ_ONLY, AttributeValue.fromBool(key.readOnly()), LAST_CHARACTERS, s(key.lastCharacters()),
                TableDefinition.GPK, s(Keys.apiKeysOf(key.organization(), key.projectId())),
                TableDefinition.GSK, s(Keys.listedGsk(key.dateCreated(), key.id()))));
        if (key.name() != null) item.put(NAME, s(key.name()));
        if (key.dateCreated() != null) item.put(DATE_CREATED, s(key.dateCreated().toString()));
        return putIfAbsent(item, Keys.apiKeyPk(secret), Keys.API_KEY);
    }

    @Override
    public Page<ApiKey> apiKeys(String organization, String projectId, String cursor, int limit) {
        if (!TenantNames.isSlug(organization) || !TenantNames.isProjectId(projectId)) return new Page<>(List.of(), null);
        String parent = Keys.apiKeysOf(organization, projectId);
        var start = Cursors.decodeFromClient(cursor, Queries.BY_PARENT_KEY, key -> key.get(TableDefinition.GPK).s().equals(parent));
        Page<Map<String, AttributeValue>> page = queries.page(queries.byParent(parent), start, limit, Queries.BY_PARENT_KEY);
        return new Page<>(page.items().stream().map(DynamoTenantDirectory::apiKey).toList(), page.nextCursor());
    }

    /** Found by its id among the project's (a project has few keys), then deleted if it is still the project's. */
    @Override
    public boolean revokeApiKey(String organization, String projectId, String id) {
        if (!TenantNames.isSlug(organization) || !TenantNames.isProjectId(projectId) || !ApiKey.isId(id)) return false;
        String parent = Keys.apiKeysOf(organization, projectId);
        var found = queries.all(queries.byParent(parent).filterExpression("#id = :id")
                .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK, "#id", KEY_ID))
                .expressionAttributeValues(Map.of(":parent", s(parent), ":id", s(id))));
        if (found.isEmpty()) return false;
        try {
            client.deleteItem(b -> b.tableName(table).key(Keys.key(found.get(0).get(TableDefinition.PK).s(), Keys.API_KEY))
                    .conditionExpression("#org = :org AND #pid = :pid")
                    .expressionAttributeNames(Map.of("#org", ORGANIZATION, "#pid", PROJECT_ID))
                    .expressionAttributeValues(Map.of(":org", s(organization), ":pid", s(projectId)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    // ---- badges ----

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

    private static ApiKey apiKey(Map<String, AttributeValue> item) {
        return new ApiKey(item.get(KEY_ID).s(), item.get(ORGANIZATION).s(), item.get(PROJECT_ID).s(),
                item.get(READ_ONLY).bool(), item.containsKey(NAME) ? item.get(NAME).s() : null,
                item.get(LAST_CHARACTERS).s(), instant(item));
    }

    /** Gives a token made before ids its listing attributes; they follow from the secret, so a race writes the same. */
    private ManagementToken listed(Map<String, AttributeValue> item, String secret) {
        ManagementToken token = new ManagementToken(ManagementToken.idOf(secret), item.get(ORGANIZATION).s(), null,
                ManagementToken.lastCharactersOf(secret), null, null, instant(item, DATE_REVOKED));
        Map<String, AttributeValue> listing = tokenAttributes(token);
        try {
            client.updateItem(b -> b.tableName(table).key(Keys.key(Keys.tokenPk(secret), Keys.TOKEN))
                    .updateExpression("SET #id = :id, #last = :last, #gpk = :gpk, #gsk = :gsk")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#id", TOKEN_ID, "#last", LAST_CHARACTERS,
                            "#gpk", TableDefinition.GPK, "#gsk", TableDefinition.GSK))
                    .expressionAttributeValues(Map.of(":id", listing.get(TOKEN_ID), ":last", listing.get(LAST_CHARACTERS),
                            ":gpk", listing.get(TableDefinition.GPK), ":gsk", listing.get(TableDefinition.GSK)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException gone) {
            // deleted meanwhile: nothing to list
        }
        return token;
    }

    // ---- items ----

    private static Map<String, AttributeValue> projectAttributes(Project project) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(ORGANIZATION, s(project.organization()),
                PROJECT_ID, s(project.id()), SLUG, s(project.slug()), NAME, s(project.name())));
        if (project.dateCreated() != null) item.put(DATE_CREATED, s(project.dateCreated().toString()));
        return item;
    }

    private static Project project(Map<String, AttributeValue> item) {
        String slug = item.get(SLUG).s();
        return new Project(item.get(ORGANIZATION).s(), item.get(PROJECT_ID).s(), slug,
                item.containsKey(NAME) ? item.get(NAME).s() : slug, instant(item));
    }

    /** Listed under its project, oldest first (keys made by an operator, without a date, come first). */
    private static Map<String, AttributeValue> keyAttributes(ProjectKey key) {
        TenantNames.requirePublicKey(key.publicKey());
        TenantNames.requireSlug(key.organization(), "organization");
        TenantNames.requireProjectId(key.projectId());
        Map<String, AttributeValue> item = new HashMap<>(Map.of(ORGANIZATION, s(key.organization()),
                PROJECT_ID, s(key.projectId()), NAME, s(key.name()),
                TableDefinition.GPK, s(Keys.dsnKeysOf(key.organization(), key.projectId())),
                TableDefinition.GSK, s(Keys.listedGsk(key.dateCreated(), key.publicKey()))));
        if (key.dateCreated() != null) item.put(DATE_CREATED, s(key.dateCreated().toString()));
        return item;
    }

    private static ProjectKey projectKey(Map<String, AttributeValue> item, String publicKey) {
        return new ProjectKey(publicKey, item.get(ORGANIZATION).s(), item.get(PROJECT_ID).s(),
                item.containsKey(NAME) ? item.get(NAME).s() : "Default", instant(item));
    }

    /** Listed under its organization, oldest first (tokens made before they were dated come first). */
    private static Map<String, AttributeValue> tokenAttributes(ManagementToken token) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                ORGANIZATION, s(TenantNames.requireSlug(token.organization(), "organization")),
                TOKEN_ID, s(token.id()), LAST_CHARACTERS, s(token.lastCharacters()),
                TableDefinition.GPK, s(Keys.tokensOf(token.organization())),
                TableDefinition.GSK, s(Keys.listedGsk(token.dateCreated(), token.id()))));
        if (token.name() != null) item.put(NAME, s(token.name()));
        if (token.dateCreated() != null) item.put(DATE_CREATED, s(token.dateCreated().toString()));
        if (token.expiresAt() != null) item.put(TOKEN_EXPIRES_AT, s(token.expiresAt().toString()));
        if (token.dateRevoked() != null) item.put(DATE_REVOKED, s(token.dateRevoked().toString()));
        return item;
    }

    private static ManagementToken token(Map<String, AttributeValue> item) {
        return new ManagementToken(item.get(TOKEN_ID).s(), item.get(ORGANIZATION).s(),
                item.containsKey(NAME) ? item.get(NAME).s() : null, item.get(LAST_CHARACTERS).s(), instant(item),
                instant(item, TOKEN_EXPIRES_AT), instant(item, DATE_REVOKED));
    }

    private static Instant instant(Map<String, AttributeValue> item) {
        return instant(item, DATE_CREATED);
    }

    private static Instant instant(Map<String, AttributeValue> item, String attribute) {
        return item.containsKey(attribute) ? Instant.parse(item.get(attribute).s()) : null;
    }

    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        return items.get(pk, sk);
    }

    private boolean putIfAbsent(Map<String, AttributeValue> attributes, String pk, String sk) {
        return items.putIfAbsent(attributes, pk, sk);
    }

    private TransactWriteItem absentPut(Map<String, AttributeValue> attributes, String pk, String sk) {
        return items.absentPut(attributes, pk, sk);
    }
}
