package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.DueEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stack upgraded in place: entries of the due index written as plain epoch millis, before its value
 * held a tick and an ordinal, sort before every new one. They are listed when due and not before, and
 * the manual clock's next deadline sees both forms.
 */
class DueIndexUpgradeTest {
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client();
    private static final MonitorKey OLD = new MonitorKey("acme", "old");
    /** In the old entry's shard, so that one Query lists both. */
    private static final MonitorKey NEW = inTheShardOf(OLD);

    private final String table = DynamoDbLocalFixture.newTable(CLIENT);
    private final WholeStore store = DynamoWholeStore.on(CLIENT, table);

    /** The environment's item as it was written before: its deadline as plain millis. */
    private void writeOldForm(MonitorKey key, Instant deadline) {
        MonitorEnvironment env = TestData.environment(key, "production", deadline);
        Map<String, AttributeValue> item = new HashMap<>(new Items(Duration.ofDays(90)).environment(env, 1));
        item.put(TableDefinition.DUE_AT, Keys.epochMillis(deadline));
        CLIENT.putItem(b -> b.tableName(table).item(item));
    }

    private void writeNewForm(MonitorKey key, long ordinal, Instant deadline) {
        Monitor monitor = TestData.monitor(key).withOrdinal(ordinal);
        assertThat(store.commit(TestData.counted(store, new Changes(monitor,
                TestData.environment(monitor, "production", deadline), List.of(), List.of(), null, List.of()))))
                .isTrue();
    }

    /** Another monitor whose entries are in {@code key}'s shard, so that one Query lists both. */
    private static MonitorKey inTheShardOf(MonitorKey key) {
        String shard = Keys.dueShardOf(Keys.monitorPk(key), Keys.SHARDS);
        for (int i = 0; ; i++) {
            MonitorKey other = new MonitorKey(key.organization(), "peer-" + i);
            if (!other.equals(key) && Keys.dueShardOf(Keys.monitorPk(other), Keys.SHARDS).equals(shard)) return other;
        }
    }

    @Test
    void anEntryOfTheFormBefore_isListedWhenDue_andNotBefore() {
        writeOldForm(OLD, T0.plusSeconds(150));
        writeNewForm(NEW, 3, T0.plusSeconds(90));

        assertThat(store.findDue(T0.plusSeconds(60), null, 10).items()).isEmpty();
        assertThat(store.findDue(T0.plusSeconds(120), null, 10).items()).extracting(DueEntry::monitor)
                .containsExactly(NEW);
        assertThat(store.findDue(T0.plusSeconds(120), null, 1).items()).as("the old one skipped, not a page end")
                .extracting(DueEntry::monitor).containsExactly(NEW);
        assertThat(store.findDue(T0.plusSeconds(180), null, 10).items())
                .containsExactlyInAnyOrder(new DueEntry(OLD, "production", T0.plusSeconds(150), 0),
                        new DueEntry(NEW, "production", T0.plusSeconds(90), 3));
    }

    @Test
    void anEnvironmentWrittenAgain_movesToTheNewForm_listedOnce() {
        writeOldForm(OLD, T0.plusSeconds(150));
        MonitorEnvironment read = store.load(OLD, "production").environment();
        assertThat(store.commit(Changes.of(read.withTimes(T0, T0.plusSeconds(100), T0.plusSeconds(110))))).isTrue();

        assertThat(CLIENT.getItem(b -> b.tableName(table).key(Keys.key(Keys.monitorPk(OLD),
                Keys.environmentSk("production")))).item().get(TableDefinition.DUE_AT).n())
                .isEqualTo(Keys.dueAt(store.load(OLD, "production").environment()).n());
        assertThat(store.findDue(T0.plusSeconds(180), null, 10).items())
                .containsExactly(new DueEntry(OLD, "production", T0.plusSeconds(110), 0));
    }

    @Test
    void nextDeadlineAfter_seesBothForms() {
        writeOldForm(OLD, T0.plusSeconds(150));
        writeNewForm(NEW, 3, T0.plusSeconds(90));
        writeNewForm(inTheShardOf(NEW), 1, T0.plusSeconds(100));

        assertThat(store.nextDeadlineAfter(T0)).contains(T0.plusSeconds(90));
        assertThat(store.nextDeadlineAfter(T0.plusSeconds(90))).as("later in the same minute, a lower ordinal")
                .contains(T0.plusSeconds(100));
        assertThat(store.nextDeadlineAfter(T0.plusSeconds(100))).contains(T0.plusSeconds(150));
        assertThat(store.nextDeadlineAfter(T0.plusSeconds(150))).isEmpty();
    }

    @Test
    void aDeadlinePastTheYear2286_readsBackAsItself_atItsMinute() {
        Instant far = Instant.parse("2326-03-01T12:00:00Z");
        writeNewForm(NEW, 7, far);
        writeNewForm(inTheShardOf(NEW), 1, T0.plusSeconds(60));

        assertThat(store.nextDeadlineAfter(T0.plusSeconds(60))).contains(far);
        assertThat(store.findDue(far.minusSeconds(60), null, 10).items()).extracting(DueEntry::dueAt)
                .containsExactly(T0.plusSeconds(60));
        assertThat(store.findDue(far, null, 10).items()).extracting(DueEntry::dueAt)
                .containsExactly(T0.plusSeconds(60), far);
    }

    @Test
    void nextDeadlineAfter_readsPastAnEmptyMinute_toTheEarliestOfTheNextOneWithAny() {
        writeNewForm(NEW, 1, T0.plusSeconds(600));
        writeNewForm(inTheShardOf(NEW), 9, T0.plusSeconds(590));
        assertThat(store.nextDeadlineAfter(T0)).contains(T0.plusSeconds(590));
    }
}
