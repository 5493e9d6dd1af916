package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.DueEntry;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.ProcessorService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The due index's shard count may be raised or lowered: an entry keeps the shard it was written with
 * until its environment is written again, and the readers read every shard below the most the stack
 * has written with, until the shards above the setting are empty, so nothing written under the old
 * count is lost and nothing is read twice.
 */
class DueIndexShardsTest {
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client();
    private static final Instant TICK = Instant.parse("2026-01-01T01:02:00Z");

    final String table = DynamoDbLocalFixture.newTable(CLIENT);
    final ManualClock clock = ManualClock.at("2026-01-01T00:30:00Z");
    int sequence;

    /** Hourly monitors that checked in at {@code at}: each due at the next hour plus a minute. */
    void checkIn(DecisionStore store, List<MonitorKey> monitors, String at) {
        clock.set(Instant.parse(at));
        ProcessorService processor = new ProcessorService(store, new CheckInRules(6, 10_000),
                new AlertDispatcher(new DynamoAlertOutbox(CLIENT, table), new RecordingPublisher(), clock), clock);
        for (MonitorKey key : monitors) {
            sequence++;
            processor.apply(new CheckInMessage("m" + sequence, key, "1", UUID.randomUUID().toString(), false,
                    CheckInStatus.OK, null, null, Map.of("schedule", "0 * * * *", "checkin_margin", 1),
                    clock.instant()), String.format("%05d", sequence));
        }
    }

    static List<DueEntry> everyShard(DecisionStore store, Instant upTo) {
        List<DueEntry> found = new ArrayList<>();
        for (int shard = 0; shard < store.dueShards(); shard++) {
            String cursor = null;
            do {
                var page = store.findDue(shard, upTo, cursor, 7);
                found.addAll(page.items());
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        return found;
    }

    @Test
    void raisingTheCountFindsEveryEntryWrittenUnderTheOldOneOnce_andTheirRewritesOnceToo() {
        List<MonitorKey> monitors = new ArrayList<>();
        for (int i = 0; i < 40; i++) monitors.add(new MonitorKey("acme", "job-" + i));
        checkIn(new DynamoDecisionStore(CLIENT, table, 90, 10), monitors, "2026-01-01T00:30:00Z");

        DecisionStore raised = new DynamoDecisionStore(CLIENT, table, 90, 16);
        assertThat(everyShard(raised, TICK)).extracting(DueEntry::monitor).containsExactlyInAnyOrderElementsOf(monitors);
        assertThat(raised.findDue(TICK, null, 1_000).items()).hasSize(40);

        // half of them check in again under the new count: their entries move to its shards, found once
        checkIn(raised, monitors.subList(0, 20), "2026-01-01T00:40:00Z");
        assertThat(everyShard(raised, TICK)).extracting(DueEntry::monitor).containsExactlyInAnyOrderElementsOf(monitors);
        assertThat(raised.findDue(TICK, null, 1_000).items()).hasSize(40);
    }

    @Test
    void fewerShardsThanTheFirstCountAreRefused() {
        assertThatThrownBy(() -> new DynamoDecisionStore(CLIENT, table, 90, 9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 10");
    }

    @Test
    void aNegativeShardIsNoShard_andOneAboveTheSettingIsRead() {
        DecisionStore store = new DynamoDecisionStore(CLIENT, table, 90, 12);
        assertThatThrownBy(() -> store.findDue(-1, TICK, null, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.findDue(12, TICK, null, 10).items()).as("a higher count's shard").isEmpty();
    }

    @Test
    void loweringTheCountFrom16To10_judgesTheEntriesOfShards10To15Once_thenForgetsThoseShards() {
        List<MonitorKey> monitors = new ArrayList<>();
        for (int i = 0; i < 40; i++) monitors.add(new MonitorKey("acme", "job-" + i));
        DynamoDecisionStore sixteen = new DynamoDecisionStore(CLIENT, table, 90, 16);
        sixteen.recordDueShards(clock.instant());
        checkIn(sixteen, monitors, "2026-01-01T00:30:00Z");
        List<MonitorKey> inHighShards = new ArrayList<>();
        for (int shard = 10; shard < 16; shard++) {
            sixteen.findDue(shard, TICK, null, 100).items().forEach(e -> inHighShards.add(e.monitor()));
        }
        assertThat(inHighShards).as("entries written to shards 10 to 15").isNotEmpty();

        DynamoDecisionStore ten = new DynamoDecisionStore(CLIENT, table, 90, 10);
        ten.recordDueShards(Instant.parse("2026-01-01T00:31:00Z"));
        ten.recordDueShards(Instant.parse("2026-01-01T00:50:00Z"));
        assertThat(ten.dueShards()).as("shards 10 to 15 still hold entries: still read").isEqualTo(16);

        RecordingQueue queue = new RecordingQueue(clock);
        AlertDispatcher alerts = new AlertDispatcher(new DynamoAlertOutbox(CLIENT, table), new RecordingPublisher(), clock);
        ProcessorService processor = new ProcessorService(ten, new CheckInRules(6, 10_000), alerts, clock);
        ClockService clockService = new ClockService(ten, queue, processor, alerts, clock, Duration.ofMinutes(15),
                Duration.ofSeconds(30));
        clock.set(TICK.plusSeconds(3));
        clockService.tick(TICK);
        List<RecordingQueue.Delivery> judgements = queue.takeAll();
        assertThat(judgements).extracting(d -> d.message().monitor()).as("each due entry judged once")
                .containsExactlyInAnyOrderElementsOf(monitors);
        // after the check-ins' sequence numbers, as the queue numbers them
        judgements.forEach(d -> processor.apply(d.message(), String.format("%05d", ++sequence)));
        var checkIns = new DynamoManagementStore(CLIENT, table, 90);
        for (MonitorKey monitor : monitors) {
            assertThat(checkIns.checkInsSince(monitor, null, null, null, 10).items())
                    .filteredOn(c -> c.status() == CheckInStatus.MISSED).as(monitor.toString()).hasSize(1);
        }

        clock.set(TICK.plusSeconds(63));
        clockService.tick(TICK.plusSeconds(60));
        assertThat(queue.takeAll()).as("nothing judged twice").isEmpty();
        assertThat(ten.dueShards()).as("shards 10 to 15 are empty and no writer uses 16: forgotten").isEqualTo(10);
        assertThat(everyShard(ten, TICK.plus(Duration.ofHours(2)))).extracting(DueEntry::monitor)
                .as("every entry rewritten under 10").containsExactlyInAnyOrderElementsOf(monitors);
    }
}
