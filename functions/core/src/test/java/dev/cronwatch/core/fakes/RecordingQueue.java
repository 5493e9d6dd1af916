package dev.cronwatch.core.fakes;

import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.queue.QueueMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A FIFO queue as SQS keeps one: messages in send order, each given a growing sequence number, and a
 * deduplication id seen within five minutes (by the clock given, or forever without one) dropped.
 */
public final class RecordingQueue implements CheckInQueue {
    private static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);

    /** A message as a consumer receives it. */
    public record Delivery(QueueMessage message, String sequence) {
    }

    private final Clock clock;
    private final List<Delivery> waiting = new ArrayList<>();
    private final List<CheckInMessage> checkIns = new ArrayList<>();
    private final Map<String, Instant> seen = new HashMap<>();
    private long sequence;
    private int judgementsSent;

    public RecordingQueue() {
        this(null);
    }

    public RecordingQueue(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void send(CheckInMessage message, String deduplicationId) {
        if (enqueue(message, deduplicationId)) checkIns.add(message);
    }

    @Override
    public synchronized void sendJudgements(List<Judgement> judgements) {
        for (Judgement j : judgements) {
            judgementsSent++;
            enqueue(j, "judge\n" + j.monitor() + "\n" + j.environment() + "\n" + j.dueAt());
        }
    }

    private boolean enqueue(QueueMessage message, String deduplicationId) {
        Instant now = clock == null ? Instant.EPOCH : clock.instant();
        Instant first = seen.get(deduplicationId);
        if (first != null && (clock == null || now.isBefore(first.plus(DEDUPLICATION_WINDOW)))) return false;
        seen.put(deduplicationId, now);
        waiting.add(new Delivery(message, Long.toString(++sequence)));
        return true;
    }

    /** Takes every message waiting, in order, as a consumer would receive them. */
    public synchronized List<Delivery> takeAll() {
        List<Delivery> out = List.copyOf(waiting);
        waiting.clear();
        return out;
    }

    public synchronized boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** The check-ins sent and kept (not de-duplicated), whether or not taken since. */
    public synchronized List<CheckInMessage> messages() {
        return List.copyOf(checkIns);
    }

    /** The check-ins sent and kept, emptied: for tests of the HTTP edge. */
    public synchronized List<CheckInMessage> drain() {
        List<CheckInMessage> out = List.copyOf(checkIns);
        checkIns.clear();
        waiting.removeIf(d -> d.message() instanceof CheckInMessage);
        return out;
    }

    public synchronized int judgementsSent() {
        return judgementsSent;
    }
}
