package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Organizations, projects, DSN keys and management tokens in the monitors' table. Every lookup is
 * one GetItem (a project by slug: one Query of its organization's few projects); every ensure is one
 * PutItem that leaves an existing item alone.
 */
public final class DynamoTenantDirectory implements TenantDirectory {
    private static final String ORGANIZATION = "organization";
    private static final String PROJECT_ID = "projectId";
    private static final String SLUG = "slug";

    private final DynamoDbClient client;
    private final String table;

    public DynamoTenantDirectory(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<DsnKey> dsnKey(String publicKey) {
        return get("KEY#" + publicKey, "KEY")
                .map(item -> new DsnKey(publicKey, item.get(ORGANIZATION).s(), item.get(PROJECT_ID).s()));
    }

    @Override
    public Optional<String> organizationForToken(String token) {
        return get(tokenPk(token), "TOKEN").map(item -> item.get(ORGANIZATION).s());
    }

    /** By id first (the usual form in URLs), then by slug. */
    @Override
    public Optional<Project> project(String organization, String idOrSlug) {
        Optional<Project> byId = get(projectPk(organization), idOrSlug).map(this::project);
        if (byId.isPresent()) return byId;
        var response = client.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .filterExpression("#slug = :slug")
                .expressionAttributeNames(Map.of("#slug", SLUG))
                .expressionAttributeValues(Map.of(":pk", s(projectPk(organization)), ":slug", s(idOrSlug)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        return response.items().stream().findFirst().map(this::project);
    }

    @Override
    public void ensureOrganization(String organization) {
        putIfAbsent(Map.of(ORGANIZATION, s(organization)), "ORG#" + organization, "ORG");
    }

    @Override
    public void ensureProject(Project project) {
        putIfAbsent(Map.of(ORGANIZATION, s(project.organization()), PROJECT_ID, s(project.id()),
                SLUG, s(project.slug())), projectPk(project.organization()), project.id());
    }

    @Override
    public void ensureDsnKey(DsnKey key) {
        putIfAbsent(Map.of(ORGANIZATION, s(key.organization()), PROJECT_ID, s(key.projectId())),
                "KEY#" + key.publicKey(), "KEY");
    }

    /** Only the token's SHA-256 is stored: a leaked table does not leak working tokens. */
    @Override
    public void ensureToken(String organization, String token) {
        putIfAbsent(Map.of(ORGANIZATION, s(organization)), tokenPk(token), "TOKEN");
    }

    private Project project(Map<String, AttributeValue> item) {
        return new Project(item.get(ORGANIZATION).s(), item.get(PROJECT_ID).s(), item.get(SLUG).s());
    }

    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        var item = client.getItem(b -> b.tableName(table).key(Keys.key(pk, sk)).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private void putIfAbsent(Map<String, AttributeValue> attributes, String pk, String sk) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.putAll(Keys.key(pk, sk));
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException exists) {
            // created before: ensure* leaves what exists
        }
    }

    private static String projectPk(String organization) {
        return "PRJ#" + organization;
    }

    static String tokenPk(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "TOKEN#" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
