package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.TenantRecords.*;

import dev.cronwatch.core.port.CredentialLookup;
import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.PingKey;
import dev.cronwatch.core.tenant.TenantNames;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The credentials looked up on every request (DSN keys, management tokens, API keys, ping keys), one
 * GetItem each, in the monitors' table (infra/table-design.md). A malformed one finds nothing without a
 * request.
 */
record DynamoCredentialLookup(TableHandle table) implements CredentialLookup {
    @Override
    public Optional<DsnKey> dsnKey(String publicKey) {
        if (!TenantNames.isPublicKey(publicKey)) return Optional.empty();
        return table.items().get(Keys.dsnKeyPk(publicKey), Keys.DSN_KEY).map(item -> TenantRecords.projectKey(item, publicKey).dsnKey());
    }

    /** A token made before tokens had ids is given its id and listing attributes here, the first time it is used. */
    @Override
    public Optional<ManagementToken> token(String secret) {
        return table.items().get(Keys.tokenPk(secret), Keys.TOKEN).map(item -> item.containsKey(TOKEN_ID) ? TenantRecords.token(item) : listed(item, secret));
    }

    @Override
    public Optional<ApiKey> apiKey(String secret) {
        if (!ApiKey.isSecret(secret)) return Optional.empty();
        return table.items().get(Keys.apiKeyPk(secret), Keys.API_KEY).map(TenantRecords::apiKey);
    }

    @Override
    public Optional<PingKey> pingKey(String key) {
        if (!PingKey.isPingKey(key)) return Optional.empty();
        var item = table.client().getItem(b -> b.tableName(table.name()).key(Keys.pingKeyKey(key)).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new PingKey(key, item.get(ORGANIZATION).s(), item.get(PROJECT_ID).s()));
    }

    /** Gives a token made before ids its listing attributes; they follow from the secret, so a race writes the same. */
    private ManagementToken listed(Map<String, AttributeValue> item, String secret) {
        ManagementToken token = new ManagementToken(ManagementToken.idOf(secret), item.get(ORGANIZATION).s(), null,
                ManagementToken.lastCharactersOf(secret), null, null, TenantRecords.instant(item, DATE_REVOKED));
        Map<String, AttributeValue> listing = TenantRecords.tokenAttributes(token);
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(Keys.key(Keys.tokenPk(secret), Keys.TOKEN))
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
}
