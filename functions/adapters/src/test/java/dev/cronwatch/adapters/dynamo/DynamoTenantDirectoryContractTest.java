package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.port.TenantDirectory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoTenantDirectoryContractTest extends TenantDirectoryContract {
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client();
    private String table;

    @Override
    TenantDirectory newDirectory() {
        table = DynamoDbLocalFixture.newTable(CLIENT);
        return new DynamoTenantDirectory(CLIENT, table);
    }

    @Test
    void storesTokensOnlyAsTheirHash() {
        directory.ensureToken("acme", "s3cr3t");
        var items = CLIENT.scan(b -> b.tableName(table)).items();
        assertThat(items).hasSize(1);
        assertThat(items.get(0).toString()).doesNotContain("s3cr3t");
        assertThat(items.get(0).get("pk").s())
                .isEqualTo("TOKEN#4e738ca5563c06cfd0018299933d58db1dd8bf97f6973dc99bf6cdc64b5550bd");
    }
}
