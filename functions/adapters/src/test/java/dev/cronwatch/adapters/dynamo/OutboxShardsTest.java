package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.monitor.MonitorKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The outbox is spread over 32 partition keys of its index, so that a mass miss's alerts (about 4
 * write units each on one key) can be written at 8,000 a second, and one sweep still finds every
 * waiting alert, whichever key it is under.
 */
class OutboxShardsTest {
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client();

    @Test
    void theAlertsOfManyMonitors_spreadOverThirtyTwoKeys_andOneSweepFindsThemAll() {
        String table = DynamoDbLocalFixture.newTable(CLIENT);
        WholeStore store = DynamoWholeStore.on(CLIENT, table);
        List<PendingAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 400; i++) alerts.add(TestData.alert(new MonitorKey("acme", "job-" + i), "i" + i, T0));
        for (int from = 0; from < alerts.size(); from += 25) {
            store.commit(new Changes(null, null, List.of(), List.of(), null, alerts.subList(from, from + 25)));
        }

        Set<String> keys = new TreeSet<>();
        CLIENT.scanPaginator(b -> b.tableName(table)).items().forEach(item -> {
            if (item.containsKey(TableDefinition.GPK) && item.get(TableDefinition.GPK).s().startsWith("OUTBOX#")) {
                keys.add(item.get(TableDefinition.GPK).s());
            }
        });
        assertThat(keys).hasSize(32);
        assertThat(store.alertsDue(T0, 1_000)).containsExactlyInAnyOrderElementsOf(alerts);
    }

    @Test
    void aSweepOfFewerThanAreWaiting_takesTheLongestWaiting_whateverTheirShard() {
        WholeStore store = DynamoWholeStore.on(CLIENT, DynamoDbLocalFixture.newTable(CLIENT));
        List<PendingAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            alerts.add(TestData.alert(new MonitorKey("acme", "job-" + i), "i" + i, T0).failedOnce(T0.plusSeconds(100 - i)));
        }
        store.commit(new Changes(null, null, List.of(), List.of(), null, alerts.subList(0, 50)));
        store.commit(new Changes(null, null, List.of(), List.of(), null, alerts.subList(50, 100)));

        List<PendingAlert> longestWaiting = new ArrayList<>(alerts.subList(90, 100));
        Collections.reverse(longestWaiting);
        assertThat(store.alertsDue(T0.plusSeconds(200), 10)).containsExactlyElementsOf(longestWaiting);
    }
}
