package dev.cronwatch.local;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.port.AlertPublisher;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import java.util.List;
import java.util.function.Predicate;

/**
 * Faults of AWS that local mode can play on request (the e2e suite's fault-injection tests): the
 * alert topic refusing publishes, and a clock invocation cut off while it queues judgements. Both
 * are off unless a test turns them on; they sit between the services and local mode's own queue
 * and alert publisher, so the services run unchanged.
 */
final class InjectedFaults {
    private static final Predicate<PendingAlert> NONE = alert -> false;

    private volatile Predicate<PendingAlert> failingAlerts = NONE;
    private int judgementsBeforeCutOff = -1;
    private boolean cutOff;

    /** From now on, publishing an alert it matches fails as SNS failing would; null restores publishing. */
    void failAlerts(Predicate<PendingAlert> which) {
        failingAlerts = which == null ? NONE : which;
    }

    /** The clock's next judgements: only {@code judgements} more are queued, then queueing fails, once. */
    synchronized void cutOffClockAfter(int judgements) {
        if (judgements < 0) throw new IllegalArgumentException("judgements: at least 0");
        judgementsBeforeCutOff = judgements;
    }

    AlertPublisher publisher(AlertPublisher topic) {
        return alert -> {
            if (failingAlerts.test(alert)) {
                throw new IllegalStateException("alert topic unavailable (injected fault) for " + alert.id());
            }
            topic.publish(alert);
        };
    }

    CheckInQueue queue(CheckInQueue queue) {
        return new CheckInQueue() {
            @Override
            public void send(CheckInMessage message, String deduplicationId) {
                queue.send(message, deduplicationId);
            }

            @Override
            public void sendJudgements(List<Judgement> judgements) {
                int allowed = allowedOf(judgements.size());
                queue.sendJudgements(judgements.subList(0, allowed));
                if (allowed < judgements.size()) {
                    throw new IllegalStateException("clock cut off (injected fault): " + (judgements.size() - allowed)
                            + " judgement(s) not queued");
                }
            }
        };
    }

    /**
     * How many of the next {@code wanted} judgements may go. Once the cut-off fires, every shard worker
     * of that tick is cut off with it (the workers run at once, as one invocation), until the tick ends.
     */
    private synchronized int allowedOf(int wanted) {
        if (judgementsBeforeCutOff < 0) return wanted;
        int allowed = Math.min(wanted, judgementsBeforeCutOff);
        judgementsBeforeCutOff -= allowed;
        if (allowed < wanted) cutOff = true;
        return allowed;
    }

    /** The tick is over: a cut-off that fired is used up, one that did not stays armed. */
    synchronized void tickEnded() {
        if (cutOff) judgementsBeforeCutOff = -1;
        cutOff = false;
    }
}
