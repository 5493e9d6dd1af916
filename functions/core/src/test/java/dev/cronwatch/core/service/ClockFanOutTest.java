package dev.cronwatch.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.port.ShardTicks;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.queue.ShardTick;
import dev.cronwatch.core.rules.CheckInRules;
import java.time.Duration;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The clock's dispatcher and shard workers over the in-memory store and queue: every due environment
 * judged once across the shards, a worker cut off half-way leaving the rest due, the judgements of
 * a shard queued one organization at a time, and a small tenant's ahead of a flood's in every shard.
 */
class ClockFanOutTest {
    static final Instant TICK = Instant.parse("2026-01-01T01:02:00Z");

    final ManualClock clock = ManualClock.at("2026-01-01T00:30:00Z");
    final InMemoryMonitorStore store = new InMemoryMonitorStore(10);
    final RecordingQueue queue = new RecordingQueue(clock);
    final RecordingPublisher publisher = new RecordingPublisher();
    final AlertDispatcher alerts = new AlertDispatcher(store, publisher, clock);
    final ProcessorService processor = new ProcessorService(store, new CheckInRules(6, 100_000, 100_000, Monitor.MAX_ENVIRONMENTS), alerts, clock);
    final List<MonitorKey> monitors = new ArrayList<>();
    int sequence;

    ClockService clockOver(CheckInQueue judgements) {
        return new ClockService(store, judgements, processor, alerts, clock, Duration.ofMinutes(15),
                Duration.ofSeconds(30));
    }

    /** An hourly monitor that checked in at 00:30: due at 01:01, missed at the 01:02 tick. */
    MonitorKey hourly(String organization, String slug) {
        MonitorKey key = new MonitorKey(organization, slug);
        String id = "m" + (++sequence);
        queue.send(new CheckInMessage(id, key, "1", java.util.UUID.randomUUID().toString(), false, CheckInStatus.OK,
                null, null, Map.of("schedule", "0 * * * *", "checkin_margin", 1), clock.instant()), id);
        processQueue();
        monitors.add(key);
        return key;
    }

    void processQueue() {
        for (RecordingQueue.Delivery d : queue.takeAll()) processor.apply(d.message(), d.sequence());
    }

    /** {@code count} hourly monitors of the organization whose entries are in {@code shard}. */
    List<MonitorKey> hourlyInShard(String organization, int shard, int count) {
        List<MonitorKey> added = new ArrayList<>();
        for (int i = 0; added.size() < count; i++) {
            MonitorKey candidate = new MonitorKey(organization, "job-" + i);
            if (store.shardOf(candidate) == shard) added.add(hourly(organization, candidate.slug()));
        }
        return added;
    }

    long missesOf(MonitorKey key) {
        return store.allCheckIns(key).stream().filter(c -> c.status() == CheckInStatus.MISSED).count();
    }

    @Test
    void theDispatcherHandsOverOneTickPerShard_andReadsNothingDue() {
        for (int i = 0; i < 30; i++) hourly("acme", "job-" + i);
        clock.set(TICK.plusSeconds(2));
        List<ShardTick> handedOver = new ArrayList<>();
        ClockService.DispatchResult dispatched = clockOver(queue).dispatch(TICK.plusSeconds(2), handedOver::addAll);
        assertThat(dispatched.shards()).isEqualTo(10);
        assertThat(handedOver).extracting(ShardTick::shard).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(handedOver).extracting(ShardTick::tick).containsOnly(TICK);
        assertThat(queue.isEmpty()).as("the dispatcher queues no judgement").isTrue();
    }

    @Test
    void everyDueEnvironmentIsJudgedOnceAcrossTheShards() {
        for (int i = 0; i < 60; i++) hourly("org" + (i % 3), "job-" + i);
        clock.set(TICK.plusSeconds(2));
        ClockService clockService = clockOver(queue);
        List<ShardTick> handedOver = new ArrayList<>();
        clockService.dispatch(TICK, handedOver::addAll);
        int due = 0;
        for (int i = 0; i < handedOver.size(); i++) due += clockService.tickShard(handedOver.get(i), handedOver::addAll).due();
        assertThat(due).isEqualTo(60);
        List<RecordingQueue.Delivery> queued = queue.takeAll();
        assertThat(queued).extracting(d -> ((Judgement) d.message()).monitor())
                .containsExactlyInAnyOrderElementsOf(monitors);
        for (RecordingQueue.Delivery d : queued) processor.apply(d.message(), d.sequence());
        assertThat(monitors).allSatisfy(m -> assertThat(missesOf(m)).as(m.toString()).isEqualTo(1));
        assertThat(store.findDue(TICK, null, 100).items()).isEmpty();
        assertThat(publisher.published()).hasSize(60);
    }

    @Test
    void aWorkerCutOffHalfWayLeavesTheRestDue_andItsRedeliveryJudgesEachOnce() {
        for (int i = 0; i < 100; i++) hourly("acme", "job-" + i);
        clock.set(TICK.plusSeconds(2));
        int shard = store.shardOf(monitors.get(0));
        List<MonitorKey> inShard = monitors.stream().filter(m -> store.shardOf(m) == shard).toList();
        assertThat(inShard).hasSizeGreaterThan(4).as("all queued by the head pass")
                .hasSizeLessThanOrEqualTo(ClockService.HEAD_LIMIT);
        AtomicInteger sent = new AtomicInteger();
        int cutOffAfter = inShard.size() / 2;
        CheckInQueue dyingHalfWay = queue.withJudgementsThrough(judgements -> {
            for (Judgement j : judgements) {
                if (sent.incrementAndGet() > cutOffAfter) throw new IllegalStateException("cut off");
                queue.sendJudgements(List.of(j));
            }
        });
        ShardTick work = new ShardTick(shard, TICK);
        assertThatThrownBy(() -> clockOver(dyingHalfWay).tickShard(work, ticks -> { })).hasMessage("cut off");
        processQueue();
        assertThat(inShard.stream().filter(m -> missesOf(m) == 1)).hasSize(cutOffAfter);
        assertThat(store.findDue(shard, TICK, null, 1_000).items()).as("the rest is still due")
                .hasSize(inShard.size() - cutOffAfter);

        // SQS delivers the shard tick again: the first half is queued again and kept once, the rest judged
        assertThat(clockOver(queue).tickShard(work, ticks -> { }).due()).isEqualTo(inShard.size() - cutOffAfter);
        processQueue();
        assertThat(inShard).allSatisfy(m -> assertThat(missesOf(m)).as(m.toString()).isEqualTo(1));
        assertThat(store.findDue(shard, TICK, null, 1_000).items()).isEmpty();
        assertThat(publisher.published()).hasSize(inShard.size());
        // and the next tick's dispatch finds nothing more in any shard
        assertThat(clockOver(queue).tick(TICK.plusSeconds(60)).due()).isEqualTo(monitors.size() - inShard.size());
    }

    /** Runs each shard tick handed over in this thread, the shards the test names last, as if their workers were slow. */
    ShardTicks workersFinishingLast(ClockService clockService, java.util.Set<Integer> slowShards) {
        return new ShardTicks() {
            @Override
            public void send(List<ShardTick> ticks) {
                List<ShardTick> inOrder = new ArrayList<>(ticks);
                inOrder.sort(java.util.Comparator.comparing(t -> slowShards.contains(t.shard())));
                for (ShardTick work : inOrder) clockService.tickShard(work, this);
            }
        };
    }

    @Test
    void aSmallTenantIsJudgedAheadOfAFlood_whicheverShardsWorkersAreSlow() {
        for (int i = 0; i < 2_000; i++) hourly("flood", "job-" + i);
        List<MonitorKey> small = new ArrayList<>();
        for (int i = 0; i < 5; i++) small.add(hourly("small", "job-" + i));
        java.util.Set<Integer> smallShards = new java.util.HashSet<>();
        small.forEach(m -> smallShards.add(store.shardOf(m)));
        clock.set(TICK.plusSeconds(2));
        ClockService clockService = clockOver(queue);

        clockService.dispatch(TICK, workersFinishingLast(clockService, smallShards));

        List<RecordingQueue.Delivery> queued = queue.takeAll();
        assertThat(queued).hasSize(2_005);
        // the queue hands work out in arrival order: the small tenant's five are the first applied
        assertThat(queued.subList(0, 5)).extracting(d -> ((Judgement) d.message()).monitor())
                .containsExactlyInAnyOrderElementsOf(small);
        for (RecordingQueue.Delivery d : queued) processor.apply(d.message(), d.sequence());
        assertThat(monitors).allSatisfy(m -> assertThat(missesOf(m)).as(m.toString()).isEqualTo(1));
        assertThat(store.findDue(TICK, null, 100).items()).isEmpty();
    }

    @Test
    void theTailPassesAreHandedOverADelayAfterTheLastHeadPass_behindEveryHeadJudgement() {
        for (int i = 0; i < 600; i++) hourly("big", "job-" + i);
        List<MonitorKey> small = new ArrayList<>();
        for (int i = 0; i < 5; i++) small.add(hourly("small", "job-" + i));
        clock.set(TICK.plusSeconds(2));
        ClockService clockService = clockOver(queue);
        List<ShardTick> heads = new ArrayList<>();
        clockService.dispatch(TICK, heads::addAll);
        List<Duration> delays = new ArrayList<>();
        List<ShardTick> tails = new ArrayList<>();
        List<MonitorKey> queuedBeforeTails = new ArrayList<>();
        ShardTicks recording = new ShardTicks() {
            @Override
            public void send(List<ShardTick> ticks) {
                throw new AssertionError("tail passes handed over without a delay: " + ticks);
            }

            @Override
            public void sendAfter(List<ShardTick> ticks, Duration delay) {
                delays.add(delay);
                tails.addAll(ticks);
                queue.takeAll().forEach(d -> queuedBeforeTails.add(((Judgement) d.message()).monitor()));
            }
        };
        for (ShardTick head : heads) clockService.tickShard(head, recording);

        assertThat(delays).as("handed over once, by the head pass that completes the tick").containsExactly(
                ClockService.TAIL_DELAY);
        assertThat(ClockService.TAIL_DELAY).isPositive();
        assertThat(tails).extracting(ShardTick::organizations).containsOnly(java.util.Set.of("big"));
        assertThat(queuedBeforeTails).as("every head judgement is queued before the tails are handed over")
                .containsExactlyInAnyOrderElementsOf(small);
    }

    @Test
    void aShardsHeadPassQueuesTheOrganizationsWithFewDueOneAtATime_andLeavesTheRestToItsTail() {
        for (int i = 0; i < 600; i++) hourly("big", "job-" + i);
        int shard = store.shardOf(monitors.get(0));
        for (String organization : List.of("small", "other")) hourlyInShard(organization, shard, 3);
        clock.set(TICK.plusSeconds(2));
        List<ShardTick> tails = new ArrayList<>();
        ClockService.TickResult head = clockOver(queue).tickShard(new ShardTick(shard, TICK), tails::addAll);
        List<String> organizations = queue.takeAll().stream()
                .map(d -> ((Judgement) d.message()).monitor().organization()).toList();
        assertThat(organizations).hasSize(6);
        assertThat(organizations.subList(0, 2)).containsExactlyInAnyOrder("small", "other");
        assertThat(organizations).as("one organization at a time").isEqualTo(
                List.of(organizations.get(0), organizations.get(1), organizations.get(0), organizations.get(1),
                        organizations.get(0), organizations.get(1)));
        assertThat(head.leftForTail()).isGreaterThan(ClockService.HEAD_LIMIT);
        assertThat(tails).as("the other shards' head passes have not run").isEmpty();
        assertThat(store.headPasses(TICK).leftForTail()).containsEntry(shard, java.util.Set.of("big"));

        ClockService.TickResult tail = clockOver(queue).tickShard(new ShardTick(shard, TICK, java.util.Set.of("big")),
                tails::addAll);
        assertThat(tail.due()).isEqualTo(head.leftForTail());
        assertThat(queue.takeAll()).extracting(d -> ((Judgement) d.message()).monitor().organization())
                .hasSize(head.leftForTail()).containsOnly("big");
    }

    /**
     * The tick of the deadlines' own minute. The small tenant's ordinals are 1 to 3, among the flood's
     * first, so the head pass queues them after its first read of the shard. The flood's 21st rank
     * ends the pass inside that read and shows the flood to have more than 20 monitors: the tail queues
     * the whole shard, the flood's first ranks too, each judgement once.
     */
    @Test
    void aSmallTenantsJudgementsAreQueuedAfterTheHeadPassesFirstRead_andTheFloodsTwentyFirstRankEndsThePass() {
        int shard = 0;
        hourlyInShard("flood", shard, 1_200);
        List<MonitorKey> small = hourlyInShard("small", shard, 3);
        Instant tick = TICK.minus(Duration.ofMinutes(1));
        clock.set(tick.plusSeconds(2));
        AtomicInteger reads = new AtomicInteger();
        DecisionStore countingReads = (DecisionStore) Proxy.newProxyInstance(DecisionStore.class.getClassLoader(),
                new Class<?>[] {DecisionStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findDue")) reads.incrementAndGet();
                    return method.invoke(store, args);
                });
        Map<MonitorKey, Integer> readsBeforeQueued = new HashMap<>();
        CheckInQueue recordingReads = queue.withJudgementsThrough(judgements -> {
            judgements.forEach(j -> readsBeforeQueued.putIfAbsent(j.monitor(), reads.get()));
            queue.sendJudgements(judgements);
        });

        ClockService clockService = new ClockService(countingReads, recordingReads, processor, alerts, clock,
                Duration.ofMinutes(15), Duration.ofSeconds(30));

        ClockService.TickResult head = clockService.tickShard(new ShardTick(shard, tick), ticks -> { });
        assertThat(small).allSatisfy(m -> assertThat(readsBeforeQueued.get(m)).as(m.toString()).isEqualTo(1));
        assertThat(reads.get()).as("the flood's 21st rank ends the head pass in its first read").isEqualTo(1);
        assertThat(readsBeforeQueued).as("the flood, its 21st rank in that read, is left to the tail whole")
                .containsOnlyKeys(small);
        assertThat(store.headPasses(tick).leftForTail())
                .containsEntry(shard, java.util.Set.of(ShardTick.EVERY_ORGANIZATION));

        ClockService.TickResult tail = clockService.tickShard(
                new ShardTick(shard, tick, java.util.Set.of(ShardTick.EVERY_ORGANIZATION)), ticks -> { });
        assertThat(head.due() + tail.due()).isEqualTo(1_203);
        List<RecordingQueue.Delivery> queued = queue.takeAll();
        assertThat(queued).as("each once").hasSize(1_203);
        assertThat(queued.subList(0, 3)).as("the small tenant's first")
                .extracting(d -> d.message().monitor()).containsExactlyInAnyOrderElementsOf(small);
        for (RecordingQueue.Delivery d : queued) processor.apply(d.message(), d.sequence());
        assertThat(monitors).allSatisfy(m -> assertThat(missesOf(m)).as(m.toString()).isEqualTo(1));
    }

    /**
     * Sixty organizations with fifteen due each in one shard: every one is under the limit, so the head
     * pass queues the whole shard, reading it in pages that grow after the first two (100, 100, 200,
     * 400, 800: five Queries for 900 entries, not nine of 100).
     */
    @Test
    void aShardOfManySmallOrganizations_isQueuedWholeByTheHead_inPagesThatGrow() {
        int shard = 0;
        for (int o = 0; o < 60; o++) hourlyInShard("org-" + o, shard, 15);
        clock.set(TICK.plusSeconds(2));
        List<Integer> pageSizes = new ArrayList<>();
        DecisionStore countingReads = (DecisionStore) Proxy.newProxyInstance(DecisionStore.class.getClassLoader(),
                new Class<?>[] {DecisionStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findDue")) pageSizes.add((Integer) args[args.length - 1]);
                    return method.invoke(store, args);
                });
        ClockService clockService = new ClockService(countingReads, queue, processor, alerts, clock,
                Duration.ofMinutes(15), Duration.ofSeconds(30));

        ClockService.TickResult head = clockService.tickShard(new ShardTick(shard, TICK), ticks -> { });
        assertThat(head.due()).isEqualTo(900);
        assertThat(head.leftForTail()).isZero();
        assertThat(pageSizes).containsExactly(100, 100, 200, 400, 800);
        assertThat(queue.takeAll()).hasSize(900);
    }

    /**
     * An organization under the limit in the first page and over it later: the head pass queued its
     * first ones, the tail queues all of them again; the queue keeps each once, each is judged once,
     * and the tick counts each once.
     */
    @Test
    void anOrganizationPassingTheLimitAfterItsFirstOnesWereQueued_isJudgedOnceEach() {
        int shard = 0;
        hourlyInShard("flood", shard, 150);
        for (int i = 0; i < 250; i++) hourly("mid", "job-" + i);
        List<MonitorKey> mid = monitors.stream().filter(m -> m.organization().equals("mid"))
                .filter(m -> store.shardOf(m) == shard).toList();
        assertThat(mid).hasSizeGreaterThan(ClockService.HEAD_LIMIT);
        clock.set(TICK.plusSeconds(2));

        ClockService.TickResult head = clockOver(queue).tickShard(new ShardTick(shard, TICK), ticks -> { });
        List<RecordingQueue.Delivery> queuedByHead = queue.takeAll();
        assertThat(queuedByHead).as("mid's first ones, queued with the first page").isNotEmpty()
                .extracting(d -> d.message().monitor().organization()).containsOnly("mid");
        assertThat(store.headPasses(TICK).leftForTail()).containsEntry(shard, java.util.Set.of("flood", "mid"));

        ClockService.TickResult tail = clockOver(queue).tickShard(
                new ShardTick(shard, TICK, java.util.Set.of("flood", "mid")), ticks -> { });
        List<RecordingQueue.Delivery> queuedByTail = queue.takeAll();
        assertThat(queuedByTail).hasSize(150 + mid.size() - queuedByHead.size());
        assertThat(head.due() + tail.due()).isEqualTo(150 + mid.size());
        for (RecordingQueue.Delivery d : queuedByHead) processor.apply(d.message(), d.sequence());
        for (RecordingQueue.Delivery d : queuedByTail) processor.apply(d.message(), d.sequence());
        assertThat(mid).allSatisfy(m -> assertThat(missesOf(m)).as(m.toString()).isEqualTo(1));
        assertThat(store.findDue(shard, TICK, null, 1_000).items()).isEmpty();
    }

    @Test
    void theLastHeadPassHandsOverTheTails_andADispatcherThoseOfAMinuteWhoseHeadPassesNeverAllFinished() {
        for (int i = 0; i < 600; i++) hourly("big", "job-" + i);
        clock.set(TICK.plusSeconds(2));
        ClockService clockService = clockOver(queue);
        List<ShardTick> handedOver = new ArrayList<>();
        clockService.dispatch(TICK, handedOver::addAll);
        List<ShardTick> tails = new ArrayList<>();
        for (ShardTick work : handedOver.subList(0, 9)) clockService.tickShard(work, tails::addAll);
        assertThat(tails).as("shard 9's head pass has not run").isEmpty();
        assertThat(queue.isEmpty()).isTrue();

        // shard 9's worker keeps failing: the next minute's dispatcher hands over the tails the others left
        List<ShardTick> nextMinute = new ArrayList<>();
        clockService.dispatch(TICK.plusSeconds(60), nextMinute::addAll);
        assertThat(nextMinute.subList(10, nextMinute.size())).extracting(ShardTick::shard)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(nextMinute.subList(10, nextMinute.size())).allSatisfy(t -> {
            assertThat(t.tick()).isEqualTo(TICK);
            assertThat(t.organizations()).containsExactly("big");
        });

        // shard 9's head pass finishes after all: it completes the set and hands over every shard's tail
        clockService.tickShard(handedOver.get(9), tails::addAll);
        assertThat(tails).extracting(ShardTick::shard).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (ShardTick tail : tails) clockService.tickShard(tail, tails::addAll);
        assertThat(queue.takeAll()).hasSize(600);
    }

    @Test
    void theWholeTickInProcessRunsTheSameWorkersOnAPool() {
        for (int i = 0; i < 50; i++) hourly("org" + (i % 5), "job-" + i);
        clock.set(TICK.plusSeconds(2));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            ClockService.TickResult result = clockOver(queue).tick(TICK, pool);
            assertThat(result.due()).isEqualTo(50);
            assertThat(result.queued()).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
        processQueue();
        assertThat(monitors).allSatisfy(m -> assertThat(missesOf(m)).isEqualTo(1));
    }
}
