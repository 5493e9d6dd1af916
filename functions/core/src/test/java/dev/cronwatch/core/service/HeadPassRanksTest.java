package dev.cronwatch.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.queue.ShardTick;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the head pass reads before it stops: the tick's own minute up to rank {@link ClockService#HEAD_LIMIT},
 * and every earlier minute and every rank 0 whole. So no tenant's many environments, no monitors made
 * before ordinals and no backlog of an earlier minute take the head pass from a small tenant.
 */
class HeadPassRanksTest {
    /** The minute the hourly check-ins' deadlines fall in (01:00 plus a margin of one minute). */
    static final Instant TICK = Instant.parse("2026-01-01T01:01:00Z");

    final ManualClock clock = ManualClock.at("2026-01-01T00:30:00Z");
    final InMemoryMonitorStore store = new InMemoryMonitorStore(10);
    final RecordingQueue queue = new RecordingQueue(clock);
    final RecordingPublisher publisher = new RecordingPublisher();
    final AlertDispatcher alerts = new AlertDispatcher(store, publisher, clock);
    int sequence;

    ProcessorService processorOver(DecisionStore decisions) {
        return new ProcessorService(decisions, new CheckInRules(6, 100_000, 100_000, Monitor.MAX_ENVIRONMENTS),
                alerts, clock);
    }

    final ProcessorService processor = processorOver(store);

    ClockService clockService() {
        return new ClockService(store, queue, processor, alerts, clock, Duration.ofMinutes(15), Duration.ofSeconds(30));
    }

    void checkIn(ProcessorService through, MonitorKey key, String environment) {
        checkIn(through, key, environment, 1);
    }

    void checkIn(ProcessorService through, MonitorKey key, String environment, int margin) {
        String id = "m" + (++sequence);
        queue.send(new CheckInMessage(id, key, "1", UUID.randomUUID().toString(), false, CheckInStatus.OK,
                environment, null, Map.of("schedule", "0 * * * *", "checkin_margin", margin), clock.instant()), id);
        for (RecordingQueue.Delivery d : queue.takeAll()) through.apply(d.message(), d.sequence());
    }

    MonitorKey inShard(String organization, int shard, int skip) {
        for (int i = 0; ; i++) {
            MonitorKey candidate = new MonitorKey(organization, "job-" + i);
            if (store.shardOf(candidate) == shard && skip-- == 0) return candidate;
        }
    }

    /** The environment as a monitor made before the change has it: no ordinal. */
    void asBeforeTheUpgrade(MonitorKey key) {
        MonitorEnvironment e = store.environment(key, MonitorEnvironment.DEFAULT_NAME).orElseThrow();
        MonitorEnvironment legacy = new MonitorEnvironment(e.monitor(), e.name(), e.status(), e.muted(),
                e.dateCreated(), e.lastCheckIn(), e.lastOk(), e.nextCheckIn(), e.nextCheckInLatest(),
                e.activeIncident(), e.recent(), e.rateMinute(), e.rateCount(), e.lastSequence(), e.pings(),
                e.lateness(), 0, e.version());
        assertThat(store.commit(Changes.of(legacy))).isTrue();
    }

    List<MonitorKey> queuedByHeadPass(int shard) {
        clock.set(TICK.plusSeconds(2));
        clockService().tickShard(new ShardTick(shard, TICK), ticks -> { });
        return queue.takeAll().stream().map(d -> ((Judgement) d.message()).monitor()).toList();
    }

    /**
     * One monitor (ordinal 1) with 100 environments, all due at the minute, fills the shard's first
     * read: rank 1 does not end the pass, so a one-monitor tenant of the same shard is still queued by it.
     */
    @Test
    void oneMonitorWithAHundredEnvironments_leavesAnotherTenantOfItsShardInTheHead() {
        int shard = 0;
        MonitorKey attacker = inShard("aaa", shard, 0);
        for (int i = 0; i < 100; i++) checkIn(processor, attacker, "e" + i);
        MonitorKey victim = inShard("small", shard, 0);
        checkIn(processor, victim, null);
        assertThat(store.monitor(victim).orElseThrow().ordinal()).isEqualTo(1);

        assertThat(queuedByHeadPass(shard)).as("the small tenant's one judgement, queued by the head pass")
                .contains(victim);
    }

    /**
     * After the upgrade every existing monitor has ordinal 0: a minute's entries keep the old order
     * (deadline, key), and a tenant with 150 due sorting first fills the first read. Rank 0 is read
     * through, so a tenant with one due is queued by the head pass, as before ordinals.
     */
    @Test
    void afterTheUpgrade_aLegacyFloodSortingFirst_leavesASmallLegacyTenantInTheHead() {
        int shard = 0;
        List<MonitorKey> all = new ArrayList<>();
        for (int i = 0; i < 150; i++) all.add(inShard("big", shard, i));
        MonitorKey victim = inShard("zed", shard, 0);
        all.add(victim);
        for (MonitorKey key : all) checkIn(processor, key, null);
        all.forEach(this::asBeforeTheUpgrade);

        assertThat(queuedByHeadPass(shard)).as("zed's one judgement, queued by the head pass").contains(victim);
    }

    /**
     * The legacy flood (ordinal 0, never given one) sorts before every monitor made after the upgrade,
     * at every minute: read through, it leaves a tenant created after the upgrade in the head.
     */
    @Test
    void afterTheUpgrade_aLegacyFlood_leavesANewTenantOfItsShardInTheHead() {
        int shard = 0;
        List<MonitorKey> legacy = new ArrayList<>();
        for (int i = 0; i < 150; i++) legacy.add(inShard("big", shard, i));
        for (MonitorKey key : legacy) checkIn(processor, key, null);
        legacy.forEach(this::asBeforeTheUpgrade);
        MonitorKey victim = inShard("aaa", shard, 0);
        checkIn(processor, victim, null);
        assertThat(store.monitor(victim).orElseThrow().ordinal()).isEqualTo(1);

        assertThat(queuedByHeadPass(shard)).as("the new tenant's one judgement, queued by the head pass")
                .contains(victim);
    }

    /**
     * A flood of the minute before still in the index (the processor behind by a minute): its entries
     * sort before every entry of this tick whatever their ordinals and fill the first read; an earlier
     * minute is read through, so a tenant with one due this minute is queued by the head pass.
     */
    @Test
    void aBacklogOfTheMinuteBefore_leavesThisMinutesSmallTenantInTheHead() {
        int shard = 0;
        for (int i = 0; i < 150; i++) checkIn(processor, inShard("big", shard, i), null);      // due 01:01
        MonitorKey victim = inShard("small", shard, 0);
        checkIn(processor, victim, null, 2);                                                   // due 01:02
        MonitorKey next = inShard("small", shard, 1);
        checkIn(processor, next, null, 3);                                                     // due 01:03
        clock.set(TICK.plusSeconds(122));
        clockService().tickShard(new ShardTick(shard, TICK.plusSeconds(120)), ticks -> { });
        assertThat(queue.takeAll().stream().map(d -> ((Judgement) d.message()).monitor()).toList())
                .as("01:03's one small judgement, queued by the head pass").contains(next);
    }
}
