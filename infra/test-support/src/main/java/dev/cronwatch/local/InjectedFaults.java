package dev.cronwatch.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.port.AlertPublisher;
import dev.cronwatch.core.port.CheckInQueue;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Faults of AWS that the e2e suite plays on local mode: the alert topic refusing publishes, a clock
 * invocation cut off while it queues judgements, SQS redelivering a batch, and a processor dying
 * between its writes and the delete. All are off until a test turns them on. They wrap what local
 * mode builds (its queue, its topic, the processor's batch handler) through the seam local mode
 * offers, so the services run unchanged.
 */
public final class InjectedFaults {
    private static final Predicate<PendingAlert> NONE = alert -> false;

    private volatile Predicate<PendingAlert> failingAlerts = NONE;
    private int judgementsBeforeCutOff = -1;
    private boolean cutOff;
    private volatile boolean deliverTwice;
    private volatile boolean dieBeforeDeleting;
    private final Set<String> diedWith = ConcurrentHashMap.newKeySet();
    private final AtomicInteger batchesNotDeleted = new AtomicInteger();

    /** From now on, publishing an alert {@code which} matches fails as SNS failing would; null: none. */
    public void failAlertPublishing(Predicate<PendingAlert> which) {
        failingAlerts = which == null ? NONE : which;
    }

    /**
     * The clock's next tick queues only {@code judgements} judgements and then fails, as an
     * invocation cut off by its timeout would.
     */
    public synchronized void cutOffClockAfter(int judgements) {
        if (judgements < 0) throw new IllegalArgumentException("judgements: at least 0");
        judgementsBeforeCutOff = judgements;
    }

    /** Every batch is handed to the processor twice before deletion, as SQS redelivery does. */
    public void deliverEveryBatchTwice(boolean twice) {
        this.deliverTwice = twice;
    }

    /**
     * While on, a batch holding a message not seen before is processed and then not deleted, as when
     * the worker dies between its writes and the delete: SQS hands it out again after the visibility
     * timeout, and the second time it is deleted. So every message is applied, then redelivered.
     */
    public void dieBeforeDeleting(boolean die) {
        this.dieBeforeDeleting = die;
    }

    /** How many batches were processed and left undeleted by {@link #dieBeforeDeleting}. */
    public int batchesNotDeleted() {
        return batchesNotDeleted.get();
    }

    public AlertPublisher topic(AlertPublisher topic) {
        return alert -> {
            if (failingAlerts.test(alert)) {
                throw new IllegalStateException("alert topic unavailable (injected fault) for " + alert.id());
            }
            topic.publish(alert);
        };
    }

    public CheckInQueue queue(CheckInQueue queue) {
        return queue.withJudgementsThrough(judgements -> {
            int allowed = allowedOf(judgements.size());
            queue.sendJudgements(judgements.subList(0, allowed));
            if (allowed < judgements.size()) {
                throw new IllegalStateException("clock cut off (injected fault): " + (judgements.size() - allowed)
                        + " judgement(s) not queued");
            }
        });
    }

    /** A batch the worker died with is answered as wholly failed: nothing of it is deleted. */
    public RequestHandler<SQSEvent, SQSBatchResponse> processor(RequestHandler<SQSEvent, SQSBatchResponse> processor) {
        return (event, context) -> {
            if (deliverTwice) processor.handleRequest(event, context);
            SQSBatchResponse response = processor.handleRequest(event, context);
            if (!dieBeforeDeleting || !diesWith(event.getRecords())) return response;
            batchesNotDeleted.incrementAndGet();
            return new SQSBatchResponse(event.getRecords().stream()
                    .map(m -> new SQSBatchResponse.BatchItemFailure(m.getMessageId())).toList());
        };
    }

    private boolean diesWith(List<SQSEvent.SQSMessage> messages) {
        boolean unseen = false;
        for (SQSEvent.SQSMessage m : messages) unseen |= diedWith.add(m.getMessageId());
        return unseen;
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
    public synchronized void tickEnded() {
        if (cutOff) judgementsBeforeCutOff = -1;
        cutOff = false;
    }
}
