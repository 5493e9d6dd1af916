package dev.cronwatch.core.service;

import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.DueEntry;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.queue.Judgement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One clock tick. The clock does not judge: it reads the due index and queues one judgement per due
 * environment in its monitor's message group, behind every check-in received before the tick, so
 * the processor's workers judge in parallel across monitors and in order within one. A backlog in
 * the queue therefore delays a judgement, it never produces a false miss.
 *
 * <p>That wait is bounded: a deadline still unjudged {@code maxJudgementDelay} after it passed (a
 * monitor's group stuck behind a failing message, or the processor down) is judged here directly.
 * The tick also sweeps the alert outbox for publishes to retry. Nothing it does is half-done if it
 * is cut off: queued judgements are idempotent, and the next tick finds what is still due.
 */
public final class ClockService {
    private static final int PAGE = 1_000;
    private static final int ALERTS_PER_SWEEP = 500;

    private final MonitorStore store;
    private final CheckInQueue queue;
    private final ProcessorService processor;
    private final AlertDispatcher alerts;
    private final Clock clock;
    private final Duration maxJudgementDelay;
    private final Duration directJudgementBudget;

    public ClockService(MonitorStore store, CheckInQueue queue, ProcessorService processor, AlertDispatcher alerts,
                        Clock clock, Duration maxJudgementDelay, Duration directJudgementBudget) {
        this.store = store;
        this.queue = queue;
        this.processor = processor;
        this.alerts = alerts;
        this.clock = clock;
        this.maxJudgementDelay = maxJudgementDelay;
        this.directJudgementBudget = directJudgementBudget;
    }

    public TickResult tick(Instant at) {
        Instant tick = at.truncatedTo(ChronoUnit.MINUTES);
        Instant overdue = tick.minus(maxJudgementDelay);
        Instant stopJudgingBy = clock.instant().plus(directJudgementBudget);
        TickResult result = new TickResult(tick);
        String cursor = null;
        do {
            Page<DueEntry> page = store.findDue(tick, cursor, PAGE);
            List<Judgement> toQueue = new ArrayList<>();
            for (DueEntry due : page.items()) {
                result.due++;
                Judgement judgement = new Judgement(due.monitor(), due.environment(), due.dueAt(), tick);
                if (due.dueAt().isAfter(overdue)) {
                    toQueue.add(judgement);
                } else if (clock.instant().isBefore(stopJudgingBy)) {
                    judgeHere(judgement, result);
                } else {
                    result.leftForNextTick++;
                }
            }
            queue.sendJudgements(toQueue);
            result.queued += toQueue.size();
            cursor = page.nextCursor();
        } while (cursor != null);
        result.alerts = alerts.retryDue(ALERTS_PER_SWEEP);
        return result;
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

    /** What a tick did. {@code judgedHere} lists the judgements that waited past the bound. */
    public static final class TickResult {
        private final Instant tick;
        private int due;
        private int queued;
        private int leftForNextTick;
        private final List<JudgedHere> judgedHere = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private AlertDispatcher.Result alerts = new AlertDispatcher.Result();

        TickResult(Instant tick) {
            this.tick = tick;
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
