package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;
import static dev.cronwatch.adapters.dynamo.TenantRecords.*;

import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.ProjectDirectory;
import dev.cronwatch.core.service.ConcurrentChangeException;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.PingKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.ProjectKey;
import dev.cronwatch.core.tenant.TenantNames;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Organizations, their projects, the projects' DSN keys and ping keys, in the monitors' table
 * (infra/table-design.md). Every name is checked against {@link TenantNames} before it becomes part of a
 * key: a lookup with a malformed one finds nothing without a request, a write with one throws.
 */
record DynamoProjectDirectory(TableHandle table) implements ProjectDirectory {
    private static final String LAST_PROJECT_ID = "lastProjectId";
    private static final int ID_ATTEMPTS = 5;

    /** Conflicts with another writer's transaction a first ping key may meet before it gives up. */
    private static final int PING_KEY_ATTEMPTS = 5;

    @Override
    public Optional<PingKey> pingKeyOf(String organization, String projectId) {
        if (!TenantNames.isSlug(organization) || !TenantNames.isProjectId(projectId)) return Optional.empty();
        return table.items().get(Keys.projectPk(organization), projectId).filter(item -> item.containsKey(PING_KEY))
                .map(item -> new PingKey(item.get(PING_KEY).s(), organization, projectId));
    }

    /**
     * The project's attribute and the lookup item in one transaction, each only if absent. A writer that
     * loses to another reads the winner's key (consistently); one whose transaction met another still
     * under way (a conflict, the winner's key not readable yet) tries again, and gives up as every lost
     * race does, with a {@link ConcurrentChangeException} (409, docs/spec.md §4.6).
     */
    @Override
    public PingKey ensurePingKey(String organization, String projectId, String candidate) {
        for (int attempt = 1; ; attempt++) {
            Optional<PingKey> existing = pingKeyOf(organization, projectId);
            if (existing.isPresent()) return existing.get();
            try {
                writePingKey(organization, projectId, candidate);
                return new PingKey(candidate, organization, projectId);
            } catch (TransactionCanceledException e) {
                if (!Commits.conflicted(e)) {
                    return pingKeyOf(organization, projectId)
                            .orElseThrow(() -> new IllegalArgumentException("no project " + organization + "/" + projectId));
                }
                if (attempt == PING_KEY_ATTEMPTS) {
                    throw new ConcurrentChangeException("making the ping key of " + organization + "/" + projectId
                            + ": " + PING_KEY_ATTEMPTS + " conflicting transactions in a row");
                }
            }
        }
    }

    private void writePingKey(String organization, String projectId, String candidate) {
        Map<String, AttributeValue> lookup = new HashMap<>(Keys.pingKeyKey(candidate));
        lookup.put(ORGANIZATION, s(organization));
        lookup.put(PROJECT_ID, s(projectId));
        table.client().transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                        .key(Keys.key(Keys.projectPk(organization), projectId))
                        .updateExpression("SET #k = :k")
                        .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#k)")
                        .expressionAttributeNames(Map.of("#k", PING_KEY))
                        .expressionAttributeValues(Map.of(":k", s(candidate))).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(lookup)
                        .conditionExpression("attribute_not_exists(pk)").build()).build())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    @Override
    public void ensureOrganization(String organization) {
        table.items().putIfAbsent(Map.of(ORGANIZATION, s(organization)), Keys.organizationPk(organization), Keys.ORGANIZATION);
    }

    @Override
    public boolean createOrganization(String organization, Instant now) {
        return table.items().putIfAbsent(Map.of(ORGANIZATION, s(organization), DATE_CREATED, s(now.toString())),
                Keys.organizationPk(organization), Keys.ORGANIZATION);
    }

    @Override
    public boolean organizationExists(String organization) {
        return TenantNames.isSlug(organization) && table.items().get(Keys.organizationPk(organization), Keys.ORGANIZATION).isPresent();
    }

    /** By id first (the usual form in URLs), then by slug. */
    @Override
    public Optional<Project> project(String organization, String idOrSlug) {
        if (!TenantNames.isSlug(organization)) return Optional.empty();
        if (TenantNames.isProjectId(idOrSlug)) {
            Optional<Project> byId = table.items().get(Keys.projectPk(organization), idOrSlug).map(TenantRecords::project);
            if (byId.isPresent()) return byId;
        }
        if (!TenantNames.isSlug(idOrSlug)) return Optional.empty();
        return table.items().get(Keys.projectPk(organization), Keys.projectSlugSk(idOrSlug)).map(TenantRecords::project);
    }

    /** Also writes the slug item if it is missing (projects made before there was one). */
    @Override
    public void ensureProject(Project project) {
        TenantNames.requireSlug(project.slug(), "project");
        TenantNames.requireProjectId(project.id());
        table.items().putIfAbsent(TenantRecords.projectAttributes(project), Keys.projectPk(project.organization()), project.id());
        Project stored = table.items().get(Keys.projectPk(project.organization()), project.id()).map(TenantRecords::project)
                .orElseThrow(() -> new IllegalStateException("project " + project.id() + " vanished"));
        table.items().putIfAbsent(TenantRecords.projectAttributes(stored), Keys.projectPk(stored.organization()), Keys.projectSlugSk(stored.slug()));
    }

    /**
     * The id is the organization's counter plus one; both items are written in one transaction, each
     * only if absent, so a slug is never taken twice and an id never reused (ids made before the counter
     * are skipped).
     */
    @Override
    public Optional<Project> createProject(String organization, String name, String slug, Instant now) {
        TenantNames.requireSlug(slug, "project");
        if (table.items().get(Keys.projectPk(organization), Keys.projectSlugSk(slug)).isPresent()) return Optional.empty();
        for (int attempt = 1; attempt <= ID_ATTEMPTS; attempt++) {
            Project project = new Project(organization, nextProjectId(organization), slug, name, now);
            Map<String, AttributeValue> attributes = TenantRecords.projectAttributes(project);
            try {
                table.client().transactWriteItems(b -> b.transactItems(
                        table.items().absentPut(attributes, Keys.projectPk(organization), project.id()),
                        table.items().absentPut(attributes, Keys.projectPk(organization), Keys.projectSlugSk(slug)))
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
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name()).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :slug)")
                .expressionAttributeValues(Map.of(":pk", s(pk), ":slug", s(Keys.PROJECT_SLUG_PREFIX)));
        Page<Map<String, AttributeValue>> page = table.queries().page(query, start, limit, Queries.TABLE_KEY);
        return new Page<>(page.items().stream().map(TenantRecords::project).toList(), page.nextCursor());
    }

    /** Atomic: an UpdateItem that adds one; the organization item must exist. */
    private String nextProjectId(String organization) {
        try {
            var response = table.client().updateItem(b -> b.tableName(table.name())
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

    /** Keys made before they were listed get their listing attributes, if they are this project's. */
    @Override
    public void ensureDsnKey(DsnKey key) {
        Map<String, AttributeValue> item = new HashMap<>(TenantRecords.keyAttributes(new ProjectKey(key.publicKey(), key.organization(),
                key.projectId(), "Default", null)));
        item.putAll(Keys.key(Keys.dsnKeyPk(key.publicKey()), Keys.DSN_KEY));
        try {
            table.client().putItem(b -> b.tableName(table.name()).item(item)
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
        if (!table.items().putIfAbsent(TenantRecords.keyAttributes(key), Keys.dsnKeyPk(key.publicKey()), Keys.DSN_KEY)) {
            throw new IllegalStateException("a DSN key with this public key exists");
        }
    }

    @Override
    public Page<ProjectKey> keys(String organization, String projectId, String cursor, int limit) {
        if (!TenantNames.isSlug(organization) || !TenantNames.isProjectId(projectId)) return new Page<>(List.of(), null);
        Page<Map<String, AttributeValue>> page = table.queries().childrenPage(Keys.dsnKeysOf(organization, projectId), cursor, limit);
        return new Page<>(page.items().stream()
                .map(item -> TenantRecords.projectKey(item, Keys.publicKeyOf(item.get(TableDefinition.PK).s()))).toList(),
                page.nextCursor());
    }

    /** One conditional delete: the key goes only if it is this project's. */
    @Override
    public boolean revokeKey(String organization, String projectId, String publicKey) {
        return TenantNames.isPublicKey(publicKey)
                && table.items().deleteIfProjects(Keys.dsnKeyPk(publicKey), Keys.DSN_KEY, organization, projectId);
    }
}
