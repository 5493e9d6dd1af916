package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.testing.RequestCounter;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.DueEntry;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.ProcessorService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The design's cost claims, counted on the wire: a check-in is one read and two writes in the
 * processor (and nothing in the HTTP function); a clock tick reads the keys of what is due and
 * nothing else.
 */
class RequestCostTest {
    private static final RequestCounter COUNTER = new RequestCounter();
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client(COUNTER);
    private static final MonitorKey JOB = new MonitorKey(Scenario.ORG, "job");

    @Test
    void heartbeatCheckIn_costsOneQueryAndTwoPuts() {
        WholeStore store = DynamoWholeStore.on(CLIENT, DynamoDbLocalFixture.newTable(CLIENT));
        ManualClock clock = ManualClock.at("2020-01-01T10:00:00Z");
        ProcessorService processor = new ProcessorService(store, new CheckInRules(6, 10_000),
                new AlertDispatcher(store, new RecordingPublisher(), clock), clock);
        processor.apply(heartbeat("m1", "2020-01-01T10:00:00Z"), "1"); // creates the monitor: not counted

        Instant received = Instant.parse("2020-01-01T11:00:02Z");
        COUNTER.reset();
        clock.set(received);
        processor.apply(heartbeat("m2", received.toString()), "2");

        System.out.printf("[cost] heartbeat check-in, processor: %s%n", COUNTER);
        assertThat(COUNTER.requests()).isEqualTo(Map.of("Query", 1, "PutItem", 2));
        assertThat(COUNTER.writeCapacity()).as("write units").isLessThanOrEqualTo(5.0);
    }

    @Test
    void clockTick_over10000Environments_readsOnlyThe10Due() {
        String table = DynamoDbLocalFixture.newTable(CLIENT);
        WholeStore store = DynamoWholeStore.on(CLIENT, table);
        Instant tick = Instant.parse("2024-03-01T12:00:00Z");
        long seedStart = System.nanoTime();
        seed(table, 1_000, 10, 10, tick);
        long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;

        COUNTER.reset();
        Page<DueEntry> due = store.findDue(tick, null, 100);
        String findDueCost = COUNTER.toString();

        assertThat(due.items()).hasSize(10);
        assertThat(due.nextCursor()).isNull();
        assertThat(COUNTER.requests()).as("the count of shards to read, then one query per shard of the due index")
                .isEqualTo(Map.of("GetItem", 1, "Query", Keys.SHARDS));
        assertThat(COUNTER.itemsRead("Query")).isEqualTo(10);

        COUNTER.reset();
        ManualClock clock = new ManualClock(tick);
        RecordingPublisher publisher = new RecordingPublisher();
        RecordingQueue queue = new RecordingQueue(clock);
        AlertDispatcher alerts = new AlertDispatcher(store, publisher, clock);
        ProcessorService processor = new ProcessorService(store, new CheckInRules(6, 10_000), alerts, clock);
        ClockService.TickResult result = new ClockService(store, queue, processor, alerts, clock, Duration.ofMinutes(15),
                Duration.ofSeconds(30)).tick(tick);
        assertThat(result.failures()).isEmpty();
        assertThat(result.due()).isEqualTo(10);
        assertThat(result.queued()).isEqualTo(10);
        assertThat(COUNTER.itemsRead("Query")).as("the tick itself reads the 10 keys and nothing else").isEqualTo(10);
        assertThat(COUNTER.totalItemsRead() - 10).as("besides, the count of shards to read, once a shard and tick")
                .isLessThanOrEqualTo(1 + Keys.SHARDS);
        String tickCost = COUNTER.toString();

        COUNTER.reset();
        queue.takeAll().forEach(d -> processor.apply(d.message(), d.sequence()));
        System.out.printf("[cost] seeding 10,000 environments of 1,000 monitors (BatchWriteItem): %d ms%n", seedMillis);
        System.out.printf("[cost] findDue with 10 of 10,000 due: %s%n", findDueCost);
        System.out.printf("[cost] the tick (due index and outbox sweep), 10 judgements queued: %s%n", tickCost);
        System.out.printf("[cost] the workers judging 10 misses and publishing %d alerts: %s%n",
                publisher.published().size(), COUNTER);
    }

    /**
     * Issue 26: a check-in that creates a monitor reads the organization's counter, not its monitors,
     * whatever it holds. 10,000 monitors made before the counter (seeded in bulk) are counted once,
     * from the list, by the first create or delete that needs the count (here a delete).
     */
    @Test
    void newSlugCheckIn_at10000Monitors_readsTheCounter_notTheMonitors() {
        String table = DynamoDbLocalFixture.newTable(CLIENT);
        WholeStore store = DynamoWholeStore.on(CLIENT, table);
        Instant tick = Instant.parse("2020-01-01T10:00:00Z");
        seed(table, 10_000, 1, 0, tick);
        ManualClock clock = new ManualClock(tick);
        ProcessorService processor = new ProcessorService(store, new CheckInRules(6, 100_000),
                new AlertDispatcher(store, new RecordingPublisher(), clock), clock);

        COUNTER.reset();
        store.deleteMonitor(new MonitorKey("acme", "job-9999"));
        String countedOnce = COUNTER.toString();
        double countReads = COUNTER.readCapacity();
        assertThat(store.organizationMonitors("acme", tick).monitors()).as("counted from the list, once").isEqualTo(9_999);
        assertThat(countReads).as("the one-time count reads the list").isGreaterThan(10.0);

        processor.apply(newSlug("first", tick), "1");
        assertThat(store.organizationMonitors("acme", tick).monitors()).isEqualTo(10_000);
        COUNTER.reset();
        processor.apply(newSlug("second", tick.plusSeconds(1)), "2");
        System.out.printf("[cost] deleting a monitor made before the counter (counts the list once): %s%n", countedOnce);
        System.out.printf("[cost] new-slug check-in at 10,000 monitors, counter stored: %s%n", COUNTER);
        // the monitor with its environments, then the counter with its minute's creates
        assertThat(COUNTER.requests()).isEqualTo(Map.of("Query", 2, "TransactWriteItems", 1));
        assertThat(COUNTER.readCapacity()).as("read units").isLessThanOrEqualTo(2.0);

        store.deleteMonitor(new MonitorKey("acme", "job-0"));
        assertThat(store.organizationMonitors("acme", tick).monitors()).isEqualTo(10_000);

        // a mistyped slug without a config: the first drop of the minute lists the project for a suggestion
        COUNTER.reset();
        processor.apply(mistyped("job-l", tick.plusSeconds(2), "m-typo-1"), "3");
        String firstDrop = COUNTER.toString();
        COUNTER.reset();
        processor.apply(mistyped("job-l", tick.plusSeconds(3), "m-typo-2"), "4");
        System.out.printf("[cost] unknown-slug check-in at 10,000 monitors, the minute's first: %s%n", firstDrop);
        System.out.printf("[cost] unknown-slug check-in at 10,000 monitors, later in the minute: %s%n", COUNTER);
        assertThat(COUNTER.requests()).isEqualTo(Map.of("Query", 1, "GetItem", 1, "UpdateItem", 1));
        assertThat(COUNTER.readCapacity()).as("read units").isLessThanOrEqualTo(2.0);
        assertThat(store.processingErrors(new MonitorKey("acme", "job-l"), tick.plusSeconds(4))).singleElement()
                .satisfies(e -> {
                    assertThat(e.count()).isEqualTo(2);
                    assertThat(e.data()).as("the first drop's suggestion").containsKey("suggestion");
                });
    }

    private static CheckInMessage newSlug(String slug, Instant at) {
        return new CheckInMessage("m-" + slug, new MonitorKey("acme", slug), Scenario.PROJECT, "c-" + slug, true,
                CheckInStatus.OK, null, null, Scenario.crontab("0 * * * *"), at);
    }

    private static CheckInMessage mistyped(String slug, Instant at, String messageId) {
        return new CheckInMessage(messageId, new MonitorKey("acme", slug), Scenario.PROJECT, "c-" + messageId, true,
                CheckInStatus.OK, null, null, null, at);
    }

    /** {@code monitors} × {@code envsEach} environments, all with deadlines; the first environment of the first {@code due} monitors is due at the tick. */
    private static void seed(String table, int monitors, int envsEach, int due, Instant tick) {
        Items items = new Items(Duration.ofDays(90));
        List<WriteRequest> writes = new ArrayList<>();
        for (int m = 0; m < monitors; m++) {
            MonitorKey key = new MonitorKey("acme", "job-" + m);
            List<String> names = new ArrayList<>();
            for (int e = 0; e < envsEach; e++) {
                String name = "env-" + e;
                names.add(name);
                // one due environment in each of the first monitors, the rest due later in the next ten hours
                Instant deadline = e == 0 && m < due ? tick.minusSeconds(60)
                        : tick.plus(Duration.ofMinutes(1 + (m * envsEach + e) % 600));
                writes.add(put(items.environment(TestData.environment(key, name, deadline), 1)));
            }
            var monitor = TestData.monitor(key);
            writes.add(put(items.monitor(new dev.cronwatch.core.monitor.Monitor(monitor.key(), monitor.id(),
                    monitor.projectId(), monitor.name(), monitor.status(), monitor.muted(), monitor.config(),
                    monitor.dateCreated(), names, 1), 1)));
        }
        new BatchRequests(CLIENT, table).write(writes);
    }

    private static WriteRequest put(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static CheckInMessage heartbeat(String messageId, String at) {
        return new CheckInMessage(messageId, JOB, Scenario.PROJECT, "c-" + messageId, true, CheckInStatus.OK, null, null,
                Scenario.crontab("0 * * * *"), Instant.parse(at));
    }
}
