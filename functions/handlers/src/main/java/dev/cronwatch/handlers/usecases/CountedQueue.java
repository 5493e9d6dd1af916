package dev.cronwatch.handlers.usecases;

import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.Metric;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import java.util.List;

/** The queue, counting every check-in ingest queues as one accepted (an envelope's items each count). */
record CountedQueue(CheckInQueue queue, Metrics metrics) implements CheckInQueue {
    @Override
    public void send(CheckInMessage message, String deduplicationId) {
        queue.send(message, deduplicationId);
        metrics.count(Metric.CHECK_INS_ACCEPTED);
    }

    @Override
    public void sendJudgements(List<Judgement> judgements) {
        queue.sendJudgements(judgements);
    }
}
