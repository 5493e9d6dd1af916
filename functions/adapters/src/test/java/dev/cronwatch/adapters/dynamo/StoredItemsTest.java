package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stored documents read without the code: every key of every kind of item, as DynamoDB Local
 * holds it, is a name of {@link StoredName} (infra/table-design.md lists them), and every time is a
 * number. Items of the previous format (a stack upgraded in place) are still read.
 */
class StoredItemsTest {
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client();
    private static final MonitorKey JOB = new MonitorKey("acme", "job");
    private static final Map<String, StoredName> NAMES =
            Arrays.stream(StoredName.values()).collect(Collectors.toMap(n -> n.key, Function.identity()));
    /** Names whose value is a time. */
    private static final Set<StoredName> TIMES = Set.of(StoredName.DATE_CREATED, StoredName.LAST_CHECK_IN,
            StoredName.LAST_OK, StoredName.NEXT_CHECK_IN, StoredName.NEXT_CHECK_IN_LATEST, StoredName.RATE_MINUTE,
            StoredName.DATE_ADDED, StoredName.DATE_UPDATED, StoredName.EXPECTED, StoredName.TIMEOUT_AT,
            StoredName.DATE_STARTED, StoredName.DATE_RESOLVED, StoredName.RECEIVED_AT, StoredName.CREATED_AT, StoredName.CHANGED_AT);

    private final String table = DynamoDbLocalFixture.newTable(CLIENT);
    private final WholeStore store = DynamoWholeStore.on(CLIENT, table);

    @Test
    void everyKeyOfEveryStoredDocument_isANameOfTheTable_andEveryTimeANumber() {
        Instant subMillisecond = T0.plusNanos(123_456_789);
        Incident incident = TestData.incident(JOB, "i1", subMillisecond);
        CheckIn run = new CheckIn("c1", JOB, "1", "production", CheckInStatus.ERROR, subMillisecond,
                subMillisecond.plusSeconds(3), 3000L, T0, T0.plusSeconds(1800), 2);
        MonitorEnvironment env = new MonitorEnvironment(JOB, "production", EnvironmentStatus.ERROR, true, T0,
                subMillisecond, T0, T0.plusSeconds(3600), T0.plusSeconds(3900), incident, List.of(run), T0, 3, "7", 0);
        assertThat(store.commit(TestData.counted(store, new Changes(TestData.monitor(JOB), env, List.of(run),
                List.of(incident), TestData.error(JOB, "e1", subMillisecond),
                List.of(TestData.alert(JOB, "i1", subMillisecond)))))).isTrue();

        Map<String, List<Map<String, Object>>> byKind = new TreeMap<>();
        for (Map<String, AttributeValue> item : CLIENT.scan(b -> b.tableName(table)).items()) {
            if (!item.containsKey(Items.DOC)) continue;
            Map<String, Object> rendered = render(Json.parseObjectExact(item.get(Items.DOC).s()));
            System.out.println(item.get(TableDefinition.SK).s() + " " + rendered);
            byKind.computeIfAbsent(item.get(TableDefinition.SK).s().replaceAll("#.*", ""), k -> new ArrayList<>())
                    .add(rendered);
        }
        assertThat(byKind).containsOnlyKeys("M", "CI", "INC", "ERR", "OUT");
        assertThat(byKind.get("M")).hasSize(2); // the monitor and its environment
        assertThat(store.load(JOB, "production").environment().recent()).singleElement()
                .satisfies(read -> assertThat(read.dateAdded()).isEqualTo(subMillisecond));
    }

    @Test
    void eachShortKeyHasOneMeaning_andTheTableDesignListsEveryName() throws IOException {
        assertThat(NAMES).hasSize(StoredName.values().length);
        String design = Files.readString(Path.of("../../infra/table-design.md"));
        for (StoredName name : StoredName.values()) {
            assertThat(design).as(name.name()).contains("| `" + name.key + "` | " + name.meaning + " |");
        }
    }

    @Test
    void readsItemsOfThePreviousFormat() {
        String pk = Keys.monitorPk(JOB);
        put(pk, Keys.MONITOR, Map.of(Items.VERSION, Keys.n(3), Items.DOC, AttributeValue.fromS("""
                {"id":"m-1","projectId":"7","name":"Nightly","status":"active","muted":false,
                 "config":{"schedule_type":"interval","schedule":[10,"minute"],"checkin_margin":5,"max_runtime":null,
                           "timezone":"Europe/Riga","failure_issue_threshold":2,"recovery_threshold":null},
                 "dateCreated":1709294400000,"environments":["production"]}""")));
        put(pk, Keys.environmentSk("production"), Map.of(Items.VERSION, Keys.n(4), Items.DOC, AttributeValue.fromS("""
                {"st":"error","p":"7","dc":1709294400000,"lc":"2024-03-01T12:00:00.000123Z",
                 "ai":{"id":"i1","ds":1709294400000,"r":"e","fr":"An error check-in was detected","sc":"c1"},
                 "r":[["c2","o",1709294460000,null,1500],["c1","e","2024-03-01T12:00:00.000123Z",1709294403000,3000,
                      1709294400000,1709296200000,2]],"rc":2,"sq":"9"}""")));
        put(pk, Keys.checkInSk(T0, "c1"), Map.of(Items.ENVIRONMENT, AttributeValue.fromS("production"),
                Items.DOC, AttributeValue.fromS("""
                {"id":"c1","p":"7","st":"e","da":1709294400000,"du":1709294403000,"d":3000}""")));
        put(pk, Keys.incidentSk(T0, "i1"), Map.of(Items.DOC, AttributeValue.fromS("""
                {"id":"i1","environment":"production","dateStarted":1709294400000,"dateResolved":null,
                 "reason":"error","failureReason":"An error check-in was detected","startingCheckIn":"c1",
                 "resolvingCheckIn":null}""")));

        Monitor monitor = store.monitor(JOB).orElseThrow();
        assertThat(monitor.projectId()).isEqualTo("7");
        assertThat(monitor.config().schedule().wireValue()).isEqualTo(List.of(10, "minute"));
        assertThat(monitor.config().checkinMargin()).isEqualTo(5);
        assertThat(monitor.config().maxRuntime()).isNull();
        assertThat(monitor.config().failureIssueThreshold()).isEqualTo(2);
        assertThat(monitor.dateCreated()).isEqualTo(T0);
        MonitorEnvironment env = store.load(JOB, "production").environment();
        assertThat(env.status()).isEqualTo(EnvironmentStatus.ERROR);
        assertThat(env.version()).isEqualTo(4);
        assertThat(env.lastCheckIn()).isEqualTo(T0.plusNanos(123_000));
        assertThat(env.activeIncident().reason()).isEqualTo(CheckInStatus.ERROR);
        assertThat(env.recent()).extracting(CheckIn::id).containsExactly("c2", "c1");
        CheckIn c1 = env.recent().get(1);
        assertThat(c1.status()).isEqualTo(CheckInStatus.ERROR);
        assertThat(c1.dateAdded()).isEqualTo(T0.plusNanos(123_000));
        assertThat(c1.durationMs()).isEqualTo(3000L);
        assertThat(c1.timeoutAt()).isEqualTo(T0.plusSeconds(1800));
        assertThat(c1.slots()).isEqualTo(2);
        assertThat(store.checkIns(JOB, null, null, 5).items()).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CheckInStatus.ERROR));
        assertThat(store.incidents(JOB, null, 5).items()).singleElement()
                .satisfies(i -> assertThat(i.reason()).isEqualTo(CheckInStatus.ERROR));
    }

    private void put(String pk, String sk, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.putAll(Keys.key(pk, sk));
        CLIENT.putItem(b -> b.tableName(table).item(item));
    }

    /** The document with each short key replaced by its meaning; a key the table does not name fails. */
    private static Map<String, Object> render(Map<String, Object> doc) {
        Map<String, Object> rendered = new TreeMap<>();
        doc.forEach((key, value) -> {
            StoredName name = NAMES.get(key);
            assertThat(name).as("a name for " + key + " in " + doc).isNotNull();
            if (TIMES.contains(name)) assertThat(value).as(name + " is a number").isInstanceOf(Number.class);
            rendered.put(name.meaning, renderValue(name, value));
        });
        return rendered;
    }

    @SuppressWarnings("unchecked")
    private static Object renderValue(StoredName name, Object value) {
        if (name == StoredName.ACTIVE_INCIDENT || name == StoredName.CONFIG) return render((Map<String, Object>) value);
        if (name == StoredName.RECENT) return ((List<Map<String, Object>>) value).stream().map(StoredItemsTest::render).toList();
        return value;
    }
}
