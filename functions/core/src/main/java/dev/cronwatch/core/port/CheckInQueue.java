package dev.cronwatch.core.port;

import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import java.util.List;
import java.util.function.Consumer;

/** The FIFO queue between ingest, the clock and the processor, one message group per monitor. */
public interface CheckInQueue {
    /**
     * {@code deduplicationId} identifies the request: the same id within five minutes is kept once.
     * Throws {@link QueueRefusedException} when the queue did not take it.
     */
    void send(CheckInMessage message, String deduplicationId);

    /**
     * Queues judgements, each behind its monitor's check-ins. The same environment and deadline sent
     * again within five minutes is kept once, so a tick that re-sends what an earlier one sent (or a
     * tick run twice) adds nothing.
     */
    void sendJudgements(List<Judgement> judgements);

    /**
     * This queue with its judgements handed to {@code sendJudgements} instead, its check-ins sent as
     * they are: how a fault drill cuts a tick off and a benchmark times what a tick queued.
     */
    default CheckInQueue withJudgementsThrough(Consumer<List<Judgement>> sendJudgements) {
        CheckInQueue checkIns = this;
        return new CheckInQueue() {
            @Override
            public void send(CheckInMessage message, String deduplicationId) {
                checkIns.send(message, deduplicationId);
            }

            @Override
            public void sendJudgements(List<Judgement> judgements) {
                sendJudgements.accept(judgements);
            }
        };
    }
}
