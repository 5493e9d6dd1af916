package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.healthchecks.BadgeStatus;
import dev.cronwatch.core.healthchecks.BadgeSummary;
import dev.cronwatch.core.port.Tenants;
import dev.cronwatch.core.tenant.ManagementToken;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoTenantsContractTest extends TenantsContract {
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client();
    private String table;

    @Override
    Tenants newTenants() {
        table = DynamoDbLocalFixture.newTable(CLIENT);
        return DynamoStores.tenants(CLIENT, table);
    }

    @Test
    void storesTokensOnlyAsTheirHash() {
        accessKeys.createToken(ManagementToken.of("acme", "s3cr3t", "CI", Instant.parse("2026-01-01T00:00:00Z"), null), "s3cr3t");
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
        assertThat(accessKeys.tokens("acme", null, 5).items()).isEmpty();

        ManagementToken found = credentials.token("old-secret").orElseThrow();
        assertThat(found).isEqualTo(ManagementToken.of("acme", "old-secret", null, null, null));
        assertThat(accessKeys.tokens("acme", null, 5).items()).containsExactly(found);
        assertThat(accessKeys.revokeToken("acme", found.id(), Instant.parse("2026-01-01T00:00:00Z"))).isTrue();
        assertThat(credentials.token("old-secret").orElseThrow().state(Instant.parse("2026-01-01T00:00:01Z")))
                .isEqualTo(ManagementToken.State.REVOKED);
    }

    /** A summary of the single-item format is read, loses a removed monitor, and moves to per-monitor items at a rebuild. */
    @Test
    void aSingleItemBadgeSummary_isRead_andMovedToPerMonitorItems_byTheNextRebuild() {
        AttributeValue up = AttributeValue.fromM(Map.of("t", AttributeValue.fromL(List.of(AttributeValue.fromS("prod"))),
                "s", AttributeValue.fromS("UP")));
        CLIENT.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(Keys.badgePk(K1)),
                "sk", AttributeValue.fromS("BADGE"), "organization", AttributeValue.fromS("acme"),
                "projectId", AttributeValue.fromS("1"), "badgeKey", AttributeValue.fromS(K1), "secret", AttributeValue.fromS("s1"),
                "c", AttributeValue.fromM(Map.of("backup", up, "sync", up, "gone", up)))));
        CLIENT.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(Keys.projectPk("acme")),
                "sk", AttributeValue.fromS(Keys.badgePointerSk("1")), "organization", AttributeValue.fromS("acme"),
                "projectId", AttributeValue.fromS("1"), "badgeKey", AttributeValue.fromS(K1))));
        BadgeSummary.Entry prodUp = new BadgeSummary.Entry(List.of("prod"), BadgeStatus.CheckState.UP);
        BadgeSummary.Entry down = new BadgeSummary.Entry(List.of("prod"), BadgeStatus.CheckState.DOWN);

        assertThat(badges.badgeSummary(K1).orElseThrow().monitors()).containsOnlyKeys("backup", "sync", "gone");
        badges.putBadgeEntry(K1, "sync", down);
        badges.putBadgeEntry(K1, "gone", null);
        assertThat(badges.badgeSummary(K1).orElseThrow().monitors())
                .containsOnly(Map.entry("backup", prodUp), Map.entry("sync", down));

        badges.replaceBadgeEntries(K1, Map.of("backup", prodUp, "sync", down));
        var head = CLIENT.getItem(b -> b.tableName(table).key(Keys.key(Keys.badgePk(K1), "BADGE"))).item();
        assertThat(head).doesNotContainKey("c");
        assertThat(badges.badgeSummary(K1).orElseThrow().monitors())
                .containsOnly(Map.entry("backup", prodUp), Map.entry("sync", down));
    }
}
