package dev.cronwatch.core.service;

import dev.cronwatch.core.rules.FairOrder;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.port.DueEntry;
import dev.cronwatch.core.port.DueOrder;
import dev.cronwatch.core.port.HeadPasses;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.ShardTicks;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.queue.ShardTick;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One clock tick. The clock does not judge: a dispatcher hands each shard of the due index to a
 * worker, and each worker reads its shard and queues one judgement per due environment in its monitor's
 * message group, behind every check-in received before the tick, so
 * the processor's workers judge in parallel across monitors and in order within one. A backlog in
 * the queue therefore delays a judgement, it never produces a false miss.
 *
 * <p>Fair across tenants: the queue hands out work in arrival order, and the shards' workers do not
 * finish reading at the same time, so a shard that queued a flood first would put it ahead of what
 * the other shards queue later. Each shard is therefore worked in two passes. The head pass queues,
 * page by page as it reads, every organization with at most {@link #HEAD_LIMIT} due in the shard, one
 * organization at a time, and records in the store which organizations it left; the head pass that
 * completes the tick's set hands each shard's tail pass over, which queues those. So every head
 * judgement of every shard is in the queue before the first tail judgement: an organization with few
 * due waits behind no organization with many, whichever worker was slow. And since the index lists a
 * minute's deadlines by their monitor's ordinal, a small organization's are in each shard's first
 * page: queued after one short read, not after the flood's whole shard is read.
 *
 * <p>That wait is bounded: a deadline still unjudged {@code maxJudgementDelay} after it passed (a
 * monitor's group stuck behind a failing message, or the processor down) is judged here directly.
 * The tick also sweeps the alert outbox for publishes to retry. Nothing it does is half-done if it
 * is cut off: queued judgements are idempotent, and the next tick finds what is still due.
 */
public final class ClockService {
    /**
     * Due in one shard at one tick, at most, for an organization's judgements to be queued in the
     * head pass: ten shards put an organization with up to about 200 due at a minute there. A small
     * tenant then waits behind at most this many of another's in each shard. Also the highest rank the
     * head pass reads of its own minute: every organization with at most this many monitors is queued
     * by it.
     */
    public static final int HEAD_LIMIT = 20;
    /**
     * How long after the last head pass the tail passes begin. Every head judgement is queued before
     * then; the delay lets the processor take them (about 0.1 s for a small tenant's, warm) before the
     * tails' second read of their shards and the flood's judgements load the table, so a small
     * tenant's judgement queued by the last head pass is not applied in the middle of that load. The
     * flood waits this much longer: it slows only itself. SQS delays a message by whole seconds.
     */
    public static final Duration TAIL_DELAY = Duration.ofSeconds(1);
    private static final int PAGE = 1_000;
    /**
     * A head pass's first two reads of its shard: enough to hold many organizations' first monitors
     * (the index lists a minute by ordinal), small enough that they are read at once under any flood.
     * Later reads double up to {@link #PAGE}, so that a shard of many small organizations, all queued
     * by the head, is not read in a hundred small Queries.
     */
    private static final int HEAD_PAGE = 100;
    /**
     * Due entries of a tail pass read before their judgements are queued in fair order. Interleaving
     * a single page would leave one organization's deadlines behind another's earlier pages; a shard
     * holds about a tenth of a tick's due (10,000 of 100,000), so this interleaves a whole shard up to that.
     */
    private static final int FAIR_WINDOW = 10_000;
    /** Judgements handed to the queue at once: eight SQS batches of ten, which the queue sends in parallel. */
    private static final int SEND_SLICE = 80;
    private static final int ALERTS_PER_SWEEP = 500;

    private final DecisionStore store;
    private final CheckInQueue queue;
    private final ProcessorService processor;
    private final AlertDispatcher alerts;
    private final Clock clock;
    private final Duration maxJudgementDelay;
    private final Duration directJudgementBudget;

    public ClockService(DecisionStore store, CheckInQueue queue, ProcessorService processor, AlertDispatcher alerts,
                        Clock clock, Duration maxJudgementDelay, Duration directJudgementBudget) {
        this.store = store;
        this.queue = queue;
        this.processor = processor;
        this.alerts = alerts;
        this.clock = clock;
        this.maxJudgementDelay = maxJudgementDelay;
        this.directJudgementBudget = directJudgementBudget;
    }

    /**
     * The whole tick in this thread: the dispatcher, each shard's worker as it is handed over, then
     * the outbox sweep. Local mode's manual clock and the tests run it so.
     */
    public TickResult tick(Instant at) {
        return tick(at, Runnable::run);
    }

    /**
     * The whole tick with the shards' workers run on {@code workers}, as many at once as it runs
     * (the shards of a tick on AWS run in parallel), the tail passes {@link #TAIL_DELAY} after the last
     * head pass; it returns once every head and tail pass has finished. A worker's exception is
     * rethrown after the others end.
     */
    public TickResult tick(Instant at, Executor workers) {
        TickResult result = new TickResult(at.truncatedTo(ChronoUnit.MINUTES));
        DispatchResult dispatched = dispatch(at, ticks -> {
            // the tail passes are handed over while the head passes run, so the list grows as it is joined
            List<CompletableFuture<TickResult>> running = new CopyOnWriteArrayList<>();
            ShardTicks onWorkers = new ShardTicks() {
                @Override
                public void send(List<ShardTick> more) {
                    for (ShardTick work : more) {
                        running.add(CompletableFuture.supplyAsync(() -> tickShard(work, this), workers));
                    }
                }

                @Override
                public void sendAfter(List<ShardTick> more, Duration delay) {
                    Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, workers);
                    for (ShardTick work : more) {
                        running.add(CompletableFuture.supplyAsync(() -> tickShard(work, this), later));
                    }
                }
            };
            onWorkers.send(ticks);
            RuntimeException failed = null;
            for (int i = 0; i < running.size(); i++) {
                try {
                    result.add(running.get(i).join());
                } catch (CompletionException e) {
                    if (failed == null) failed = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
            if (failed != null) throw failed;
        });
        result.alerts = dispatched.alerts();
        return result;
    }

    /**
     * The scheduled invocation: hands one {@link ShardTick} per shard of the due index to the workers,
     * then sweeps the alert outbox. It reads nothing of the due index, so its work does not grow with
     * what is due. It first records the count the due index is written with, and hands over every
     * shard an entry may be in ({@link DecisionStore#recordDueShards}). If a head pass of the minute
     * before never finished (its worker failing every delivery), the tail passes the others left wait
     * for no one longer: they are handed over too.
     * The sweep stays here, one sweeper a tick: the outbox is not sharded like the due index, and a
     * claim already keeps two sweeps from sending one alert twice.
     */
    public DispatchResult dispatch(Instant at, ShardTicks workers) {
        Instant tick = at.truncatedTo(ChronoUnit.MINUTES);
        int shards = store.recordDueShards(at);
        List<ShardTick> ticks = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) ticks.add(new ShardTick(shard, tick));
        Instant minuteBefore = tick.minus(Duration.ofMinutes(1));
        HeadPasses before = store.headPasses(minuteBefore);
        if (!before.allDone(shards)) ticks.addAll(before.tails(minuteBefore));
        workers.send(ticks);
        return new DispatchResult(tick, ticks.size(), alerts.retryDue(ALERTS_PER_SWEEP));
    }

    /**
     * One worker: the head or the tail pass of its shard ({@link ShardTick#isTail()}). The head pass
     * that completes the tick's set hands the tail passes to {@code tails}. Cut off anywhere, what it
     * has not queued is still due (the shard tick is delivered again, or the next tick finds it), and
     * what it queued again is the same message, kept once.
     */
    public TickResult tickShard(ShardTick work, ShardTicks tails) {
        return work.isTail() ? tailPass(work) : headPass(work, tails);
    }

    /**
     * Reads the shard page by page, queueing as it reads: after each page, one organization at a time,
     * the judgements of the page's organizations with at most {@link #HEAD_LIMIT} due in the shard so
     * far. The index lists a minute's deadlines by their monitor's ordinal ({@link DueOrder}), so every
     * organization's first monitors come before any organization's later ones, however many one has
     * due. The pass reads the tick's own minute up to rank {@link #HEAD_LIMIT} and stops at the first
     * entry ranked above it: what follows belongs to organizations with more monitors than that, and
     * reading it here would only slow the judging of what was just queued. The organizations the rest
     * of that last page shows to be so are left to the tail whole, their first ranks too, so that
     * their judgements do not load the table while the small ones' are applied. Earlier minutes (a backlog)
     * and rank 0 (monitors made before ordinals, entries written before ranks) are read through, so
     * they never end the pass before this minute's small organizations. A pass that stopped leaves the
     * tail the whole shard, for every organization; one that read it all, the organizations that passed
     * the limit. What the tail queues again of this pass's is the same message, kept once.
     */
    private TickResult headPass(ShardTick work, ShardTicks tails) {
        Instant tick = work.tick();
        TickResult result = new TickResult(tick);
        Instant stopJudgingBy = clock.instant().plus(directJudgementBudget);
        Map<String, Integer> dueSoFar = new HashMap<>();
        Map<String, Integer> queuedSoFar = new HashMap<>();
        Set<String> many = new LinkedHashSet<>();
        boolean stoppedShort = false;
        String cursor = null;
        int pageSize = HEAD_PAGE;
        int pagesRead = 0;
        do {
            Page<DueEntry> page = store.findDue(work.shard(), tick, cursor, pageSize);
            if (++pagesRead >= 2) pageSize = Math.min(PAGE, pageSize * 2);
            List<DueEntry> read = new ArrayList<>();
            Set<String> ranksBeyond = new HashSet<>();
            for (DueEntry due : page.items()) {
                if (due.rank() > HEAD_LIMIT && DueOrder.tickOf(due.dueAt()).equals(tick)) {
                    stoppedShort = true;
                    ranksBeyond.add(due.monitor().organization());
                } else if (!stoppedShort) {
                    read.add(due);
                }
            }
            read.forEach(due -> dueSoFar.merge(due.monitor().organization(), 1, Integer::sum));
            List<DueEntry> few = new ArrayList<>();
            for (DueEntry due : read) {
                String organization = due.monitor().organization();
                // past the stop the page shows who has more than HEAD_LIMIT monitors: the tail takes those whole
                if (dueSoFar.get(organization) <= HEAD_LIMIT && !ranksBeyond.contains(organization)) {
                    few.add(due);
                } else {
                    many.add(organization);
                }
            }
            few.forEach(due -> queuedSoFar.merge(due.monitor().organization(), 1, Integer::sum));
            queueOrJudge(FairOrder.interleaveByOrganization(few, d -> d.monitor().organization()), result,
                    stopJudgingBy);
            cursor = page.nextCursor();
        } while (cursor != null && !stoppedShort);
        Set<String> leftForTail = stoppedShort ? Set.of(ShardTick.EVERY_ORGANIZATION) : many;
        for (String organization : dueSoFar.keySet()) {
            if (!stoppedShort && !many.contains(organization)) continue;
            // the tail queues and counts all of its due, what this pass queued of it included
            result.due -= queuedSoFar.getOrDefault(organization, 0);
            result.leftForTail += dueSoFar.get(organization);
        }
        HeadPasses passes = store.headPassDone(tick, work.shard(), leftForTail);
        if (passes.allDone(store.dueShards())) tails.sendAfter(passes.tails(tick), TAIL_DELAY);
        return result;
    }

    /** Queues the judgements of the organizations the head pass left, a window of pages at a time, in fair order. */
    private TickResult tailPass(ShardTick work) {
        Instant tick = work.tick();
        Instant stopJudgingBy = clock.instant().plus(directJudgementBudget);
        TickResult result = new TickResult(tick);
        String cursor = null;
        do {
            List<DueEntry> window = new ArrayList<>();
            do {
                Page<DueEntry> page = store.findDue(work.shard(), tick, cursor, PAGE);
                for (DueEntry due : page.items()) {
                    if (work.covers(due.monitor().organization())) window.add(due);
                }
                cursor = page.nextCursor();
            } while (cursor != null && window.size() < FAIR_WINDOW);
            queueOrJudge(FairOrder.interleaveByOrganization(window, d -> d.monitor().organization()), result,
                    stopJudgingBy);
        } while (cursor != null);
        return result;
    }

    /**
     * Queues each entry's judgement in the given order, in slices so that the shards' workers, running
     * at once, interleave their sends in the queue; an entry past the bound is judged here instead,
     * until {@code stopJudgingBy} (the pass's budget), and otherwise left for the next tick.
     */
    private void queueOrJudge(List<DueEntry> inOrder, TickResult result, Instant stopJudgingBy) {
        Instant overdue = result.tick.minus(maxJudgementDelay);
        List<Judgement> toQueue = new ArrayList<>();
        for (DueEntry due : inOrder) {
            result.due++;
            Judgement judgement = new Judgement(due.monitor(), due.environment(), due.dueAt(), result.tick);
            if (due.dueAt().isAfter(overdue)) {
                toQueue.add(judgement);
            } else if (clock.instant().isBefore(stopJudgingBy)) {
                judgeHere(judgement, result);
            } else {
                result.leftForNextTick++;
            }
        }
        for (int from = 0; from < toQueue.size(); from += SEND_SLICE) {
            List<Judgement> slice = toQueue.subList(from, Math.min(toQueue.size(), from + SEND_SLICE));
            queue.sendJudgements(slice);
            result.queued += slice.size();
        }
    }

    /** One environment that may not wait any longer; a failure is reported, and it stays due. */
    private void judgeHere(Judgement judgement, TickResult result) {
        try {
            ProcessorService.MessageOutcome applied = processor.judge(judgement, null);
            result.judgedHere.add(new JudgedHere(judgement, applied));
            result.failures.addAll(applied.alerts().failures());
        } catch (RuntimeException e) {
            result.failures.add(judgement.monitor() + "/" + judgement.environment() + ": " + e);
        }
    }

    /** A judgement that waited past the bound, and what judging it did (counted like the processor's). */
    public record JudgedHere(Judgement judgement, ProcessorService.MessageOutcome applied) {
        @Override
        public String toString() {
            return judgement.monitor() + "/" + judgement.environment() + " due " + judgement.dueAt();
        }
    }

    /** What the dispatcher did: how many shard ticks it handed over, and the outbox sweep. */
    public record DispatchResult(Instant tick, int shards, AlertDispatcher.Result alerts) {
    }

    /** What a tick did. {@code judgedHere} lists the judgements that waited past the bound. */
    public static final class TickResult {
        private final Instant tick;
        private int due;
        private int queued;
        private int leftForNextTick;
        private int leftForTail;
        private final List<JudgedHere> judgedHere = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private AlertDispatcher.Result alerts = new AlertDispatcher.Result();

        TickResult(Instant tick) {
            this.tick = tick;
        }

        /** Adds a shard worker's result to the tick's (the in-process tick's view of all its workers). */
        private synchronized void add(TickResult shard) {
            due += shard.due;
            queued += shard.queued;
            leftForNextTick += shard.leftForNextTick;
            leftForTail += shard.leftForTail;
            judgedHere.addAll(shard.judgedHere);
            failures.addAll(shard.failures);
        }

        public Instant tick() {
            return tick;
        }

        public int due() {
            return due;
        }

        public int queued() {
            return queued;
        }

        public int leftForNextTick() {
            return leftForNextTick;
        }

        /**
         * Due entries a head pass read and left to its shard's tail pass, counted in {@link #due()} by
         * the tail (one that stopped short leaves the whole shard, more than it read).
         */
        public int leftForTail() {
            return leftForTail;
        }

        public List<JudgedHere> judgedHere() {
            return List.copyOf(judgedHere);
        }

        public AlertDispatcher.Result alerts() {
            return alerts;
        }

        /** Everything that went wrong; empty on a healthy tick (alert publish failures included). */
        public List<String> failures() {
            List<String> all = new ArrayList<>(failures);
            all.addAll(alerts.failures());
            return all;
        }
    }
}
