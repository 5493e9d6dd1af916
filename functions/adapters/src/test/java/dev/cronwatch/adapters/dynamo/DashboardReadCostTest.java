package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.testing.RequestCounter;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.fakes.FakeServices;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.service.MonitorService;
import dev.cronwatch.core.service.MonitorView;
import dev.cronwatch.core.port.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The dashboard's list, counted on the wire: a page of 100 monitors with 150 environments costs one
 * Query and two BatchGetItems, whatever the number of monitors (never one read per monitor).
 */
class DashboardReadCostTest {
    private static final RequestCounter COUNTER = new RequestCounter();
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client(COUNTER);

    @Test
    void aPageOfSummaries_costsOneQueryAndOneBatchGetPer100Environments() {
        String table = DynamoDbLocalFixture.newTable(CLIENT);
        WholeStore store = DynamoWholeStore.on(CLIENT, table);
        seed(table, 250);
        MonitorService admin = FakeServices.monitors(store, new InMemoryTenantDirectory(), ManualClock.at("2024-03-01T12:00:00Z"),
                UUID::randomUUID);

        COUNTER.reset();
        Page<MonitorView> first = admin.list("acme", null, 100);
        String cost = COUNTER.toString();

        assertThat(first.items()).hasSize(100);
        assertThat(first.items()).allSatisfy(v -> assertThat(v.environments()).hasSize(v.monitor().environments().size()));
        assertThat(first.items().stream().mapToInt(v -> v.environments().size()).sum()).isEqualTo(150);
        assertThat(COUNTER.requests()).isEqualTo(Map.of("Query", 1, "BatchGetItem", 2));
        assertThat(COUNTER.readCapacity()).as("eventually consistent: half a unit per small environment item")
                .isLessThan(100);

        COUNTER.reset();
        Page<MonitorView> second = admin.list("acme", first.nextCursor(), 100);
        Page<MonitorView> third = admin.list("acme", second.nextCursor(), 100);
        assertThat(third.items()).hasSize(50);
        assertThat(third.nextCursor()).isNull();
        assertThat(COUNTER.requests("Query")).isEqualTo(2);
        System.out.printf("[cost] dashboard summary page of 100 monitors, 150 environments: %s%n", cost);
    }

    /** Every other monitor has a second environment. */
    private static void seed(String table, int monitors) {
        Items items = new Items(Duration.ofDays(90));
        List<WriteRequest> writes = new ArrayList<>();
        for (int m = 0; m < monitors; m++) {
            MonitorKey key = new MonitorKey("acme", String.format("job-%03d", m));
            List<String> names = m % 2 == 0 ? List.of("production", "staging") : List.of("production");
            for (String name : names) {
                writes.add(put(items.environment(TestData.environment(key, name, TestData.T0.plusSeconds(60L * m)), 1)));
            }
            Monitor monitor = TestData.monitor(key);
            writes.add(put(items.monitor(new Monitor(key, monitor.id(), monitor.projectId(), monitor.name(), monitor.status(),
                    monitor.muted(), monitor.config(), monitor.dateCreated(), names, 1), 1)));
        }
        new BatchRequests(CLIENT, table).write(writes);
    }

    private static WriteRequest put(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }
}
