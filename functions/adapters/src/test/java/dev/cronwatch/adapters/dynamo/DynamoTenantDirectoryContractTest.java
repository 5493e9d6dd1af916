package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.tenant.ManagementToken;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
        directory.createToken(ManagementToken.of("acme", "s3cr3t", "CI", Instant.parse("2026-01-01T00:00:00Z"), null), "s3cr3t");
        var items = CLIENT.scan(b -> b.tableName(table)).items();
        assertThat(items).hasSize(1);
        assertThat(items.get(0).toString()).doesNotContain("s3cr3t");
        assertThat(items.get(0).get("pk").s())
                .isEqualTo("TOKEN#4e738ca5563c06cfd0018299933d58db1dd8bf97f6973dc99bf6cdc64b5550bd");
    }

    /** 0.2.0 stored a token as its hash and organization only: such a token is listed once it is used. */
    @Test
    void aTokenMadeBeforeIds_isListedAndRevocable_afterItsFirstUse() {
        CLIENT.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(Keys.tokenPk("old-secret")),
                "sk", AttributeValue.fromS("TOKEN"), "organization", AttributeValue.fromS("acme"))));
        assertThat(directory.tokens("acme", null, 5).items()).isEmpty();

        ManagementToken found = directory.token("old-secret").orElseThrow();
        assertThat(found).isEqualTo(ManagementToken.of("acme", "old-secret", null, null, null));
        assertThat(directory.tokens("acme", null, 5).items()).containsExactly(found);
        assertThat(directory.revokeToken("acme", found.id(), Instant.parse("2026-01-01T00:00:00Z"))).isTrue();
        assertThat(directory.token("old-secret").orElseThrow().state(Instant.parse("2026-01-01T00:00:01Z")))
                .isEqualTo(ManagementToken.State.REVOKED);
    }
}
