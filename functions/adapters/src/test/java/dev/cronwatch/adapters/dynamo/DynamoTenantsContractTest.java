package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.healthchecks.BadgeStatus;
import dev.cronwatch.core.healthchecks.BadgeSummary;
import dev.cronwatch.core.port.Tenants;
import dev.cronwatch.core.service.ConcurrentChangeException;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.PingKey;
import dev.cronwatch.core.tenant.Project;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

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

    /**
     * Two first requests for a project's ping key race: the one whose transaction meets the other's
     * still under way (its key not readable yet) tries again, loses the condition, and answers the
     * winner's key, the only one stored.
     */
    @Test
    void aFirstPingKeyThatMeetsAnotherWritersTransaction_answersTheWinnersKey() {
        projects.ensureProject(new Project("acme", "1", "default"));
        String winnerKey = "winnerwinnerwinner0001";
        DynamoProjectDirectory winner = new DynamoProjectDirectory(TableHandle.on(CLIENT, table));
        AtomicInteger transactions = new AtomicInteger();
        DynamoDbClient racing = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems")) {
                        int n = transactions.incrementAndGet();
                        if (n == 1) {
                            throw TransactionCanceledException.builder().message("the winner's transaction is under way")
                                    .cancellationReasons(CancellationReason.builder().code("TransactionConflict").build(),
                                            CancellationReason.builder().code("None").build()).build();
                        }
                        if (n == 2) winner.ensurePingKey("acme", "1", winnerKey);
                    }
                    try {
                        return method.invoke(CLIENT, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        PingKey answered = new DynamoProjectDirectory(TableHandle.on(racing, table)).ensurePingKey("acme", "1", "loserloserloserloser01");

        assertThat(answered.key()).isEqualTo(winnerKey);
        assertThat(projects.pingKeyOf("acme", "1")).contains(answered);
        assertThat(credentials.pingKey("loserloserloserloser01")).isEmpty();
        assertThat(transactions).hasValue(2);
    }

    /**
     * A first ping key whose every transaction meets another's gives up as every lost race does: the
     * conflict error the API answers 409 "try again" (docs/spec.md §4.6), nothing stored.
     */
    @Test
    void aFirstPingKeyThatKeepsMeetingOtherTransactions_givesUpWithAConflict_storingNothing() {
        projects.ensureProject(new Project("acme", "1", "default"));
        AtomicInteger transactions = new AtomicInteger();
        DynamoDbClient conflicting = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems")) {
                        transactions.incrementAndGet();
                        throw TransactionCanceledException.builder().message("another transaction is under way")
                                .cancellationReasons(CancellationReason.builder().code("TransactionConflict").build(),
                                        CancellationReason.builder().code("None").build()).build();
                    }
                    try {
                        return method.invoke(CLIENT, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        DynamoProjectDirectory directory = new DynamoProjectDirectory(TableHandle.on(conflicting, table));

        assertThatThrownBy(() -> directory.ensurePingKey("acme", "1", "loserloserloserloser01"))
                .isInstanceOf(ConcurrentChangeException.class);
        assertThat(transactions).hasValue(5);
        assertThat(projects.pingKeyOf("acme", "1")).isEmpty();
        assertThat(credentials.pingKey("loserloserloserloser01")).isEmpty();
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
