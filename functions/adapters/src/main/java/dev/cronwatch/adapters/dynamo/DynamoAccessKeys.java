package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;
import static dev.cronwatch.adapters.dynamo.TenantRecords.*;

import dev.cronwatch.core.port.AccessKeys;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.TenantNames;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Management tokens and API keys, made, listed and revoked, in the monitors' table
 * (infra/table-design.md): one item each under the secret's hash, listed through byParent.
 */
record DynamoAccessKeys(TableHandle table) implements AccessKeys {
    /** Only the token's SHA-256 is stored: a leaked table does not leak working tokens. */
    @Override
    public boolean createToken(ManagementToken token, String secret) {
        return table.items().putIfAbsent(TenantRecords.tokenAttributes(token), Keys.tokenPk(secret), Keys.TOKEN);
    }

    @Override
    public Page<ManagementToken> tokens(String organization, String cursor, int limit) {
        if (!TenantNames.isSlug(organization)) return new Page<>(List.of(), null);
        Page<Map<String, AttributeValue>> page = table.queries().childrenPage(Keys.tokensOf(organization), cursor, limit);
        return new Page<>(page.items().stream().map(TenantRecords::token).toList(), page.nextCursor());
    }

    /**
     * Found by its id among the organization's (an organization has few tokens), then marked with one
     * conditional update, so a second revocation keeps the first one's date.
     */
    @Override
    public boolean revokeToken(String organization, String id, Instant now) {
        if (!TenantNames.isSlug(organization) || !ManagementToken.isId(id)) return false;
        var found = table.queries().all(table.queries().byParent(Keys.tokensOf(organization)).filterExpression("#id = :id")
                .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK, "#id", TOKEN_ID))
                .expressionAttributeValues(Map.of(":parent", s(Keys.tokensOf(organization)), ":id", s(id))));
        if (found.isEmpty()) return false;
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(Keys.key(found.get(0).get(TableDefinition.PK).s(), Keys.TOKEN))
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

    @Override
    public boolean createApiKey(ApiKey key, String secret) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                ORGANIZATION, s(key.organization()), PROJECT_ID, s(key.projectId()), KEY_ID, s(key.id()),
                READ_ONLY, AttributeValue.fromBool(key.readOnly()), LAST_CHARACTERS, s(key.lastCharacters()),
                TableDefinition.GPK, s(Keys.apiKeysOf(key.organization(), key.projectId())),
                TableDefinition.GSK, s(Keys.listedGsk(key.dateCreated(), key.id()))));
        if (key.name() != null) item.put(NAME, s(key.name()));
        if (key.dateCreated() != null) item.put(DATE_CREATED, s(key.dateCreated().toString()));
        return table.items().putIfAbsent(item, Keys.apiKeyPk(secret), Keys.API_KEY);
    }

    @Override
    public Page<ApiKey> apiKeys(String organization, String projectId, String cursor, int limit) {
        if (!TenantNames.isSlug(organization) || !TenantNames.isProjectId(projectId)) return new Page<>(List.of(), null);
        Page<Map<String, AttributeValue>> page = table.queries().childrenPage(Keys.apiKeysOf(organization, projectId), cursor, limit);
        return new Page<>(page.items().stream().map(TenantRecords::apiKey).toList(), page.nextCursor());
    }

    /** Found by its id among the project's (a project has few keys), then deleted if it is still the project's. */
    @Override
    public boolean revokeApiKey(String organization, String projectId, String id) {
        if (!TenantNames.isSlug(organization) || !TenantNames.isProjectId(projectId) || !ApiKey.isId(id)) return false;
        String parent = Keys.apiKeysOf(organization, projectId);
        var found = table.queries().all(table.queries().byParent(parent).filterExpression("#id = :id")
                .expressionAttributeNames(Map.of("#gpk", TableDefinition.GPK, "#id", KEY_ID))
                .expressionAttributeValues(Map.of(":parent", s(parent), ":id", s(id))));
        return !found.isEmpty() && table.items().deleteIfProjects(found.get(0).get(TableDefinition.PK).s(), Keys.API_KEY,
                organization, projectId);
    }
}
