package dev.cronwatch.adapters.dynamo;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The reads and create-once writes of single tenant items (organizations, projects, credentials, badges). */
record TenantItems(DynamoDbClient client, String table) {
    /** A consistent GetItem. */
    Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        var item = client.getItem(b -> b.tableName(table).key(Keys.key(pk, sk)).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** True when it wrote the item, false when one was there. */
    boolean putIfAbsent(Map<String, AttributeValue> attributes, String pk, String sk) {
        try {
            client.putItem(b -> b.tableName(table).item(item(attributes, pk, sk)).conditionExpression("attribute_not_exists(pk)")
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /** Deletes the item only if it is the project's: true when it did. */
    boolean deleteIfProjects(String pk, String sk, String organization, String projectId) {
        try {
            client.deleteItem(b -> b.tableName(table).key(Keys.key(pk, sk))
                    .conditionExpression("#org = :org AND #pid = :pid")
                    .expressionAttributeNames(Map.of("#org", TenantRecords.ORGANIZATION, "#pid", TenantRecords.PROJECT_ID))
                    .expressionAttributeValues(Map.of(":org", Keys.s(organization), ":pid", Keys.s(projectId)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException notTheProjects) {
            return false;
        }
    }

    /** A put of a transaction, only if the item is absent. */
    TransactWriteItem absentPut(Map<String, AttributeValue> attributes, String pk, String sk) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(attributes, pk, sk))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static Map<String, AttributeValue> item(Map<String, AttributeValue> attributes, String pk, String sk) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.putAll(Keys.key(pk, sk));
        return item;
    }
}
