package dev.cronwatch.adapters.dynamo;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one table of cronwatch (see infra/table-design.md): the single place its keys and indexes are
 * declared, shared by the template test, local mode and the tests.
 */
public final class TableDefinition {
    public static final String PK = "pk";
    public static final String SK = "sk";
    /** Children listed under a parent: an organization's monitors, a monitor's check-ins. */
    public static final String BY_PARENT = "byParent";
    public static final String GPK = "gpk";
    public static final String GSK = "gsk";
    /** Sparse: only environments that have a deadline are in it, so the clock reads what is due and nothing else. */
    public static final String BY_DUE = "byDue";
    public static final String DUE_SHARD = "dueShard";
    public static final String DUE_AT = "dueAt";
    public static final String EXPIRES_AT = "expiresAt";

    private TableDefinition() {
    }

    public static CreateTableRequest createTableRequest(String table) {
        return CreateTableRequest.builder()
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(PK, ScalarAttributeType.S), attribute(SK, ScalarAttributeType.S),
                        attribute(GPK, ScalarAttributeType.S), attribute(GSK, ScalarAttributeType.S),
                        attribute(DUE_SHARD, ScalarAttributeType.S), attribute(DUE_AT, ScalarAttributeType.N))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(
                        index(BY_PARENT, GPK, GSK, ProjectionType.ALL),
                        index(BY_DUE, DUE_SHARD, DUE_AT, ProjectionType.KEYS_ONLY))
                .build();
    }

    /** Creates the table with TTL on {@code expiresAt} unless it exists; waits until it is usable. */
    public static void createIfMissing(DynamoDbClient client, String table) {
        try {
            client.describeTable(b -> b.tableName(table));
            return;
        } catch (ResourceNotFoundException absent) {
            // created below
        }
        try {
            client.createTable(createTableRequest(table));
        } catch (ResourceInUseException raced) {
            // another process created it meanwhile: fine
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(table));
        client.updateTimeToLive(b -> b.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName(EXPIRES_AT).enabled(true)));
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String hash, String range, ProjectionType projection) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(List.of(key(hash, KeyType.HASH), key(range, KeyType.RANGE)))
                .projection(Projection.builder().projectionType(projection).build())
                .build();
    }
}
