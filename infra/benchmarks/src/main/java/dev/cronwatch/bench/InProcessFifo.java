package dev.cronwatch.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.sqs.QueueMessageCodec;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.queue.QueueMessage;
import dev.cronwatch.handlers.ProcessorHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A FIFO queue in this JVM with what SQS FIFO guarantees the processor relies on: a group's messages
 * in order and in one consumer's hands at a time, batches of up to 10, a sequence number per message,
 * and a deduplication id kept once. It stands in for ElasticMQ when the benchmark wants the cost of
 * the judging itself: ElasticMQ's FIFO receive scans its whole queue (about 50 ms a receive at 10,000
 * waiting on this machine), which SQS does not.
 */
final class InProcessFifo implements CheckInQueue {
    private static final int BATCH = 10;
    private static final QueueMessageCodec CODEC = new QueueMessageCodec();

    private final Map<String, Deque<SQSEvent.SQSMessage>> groups = new HashMap<>();
    /** Groups with messages waiting and no consumer, oldest first. */
    private final LinkedHashSet<String> ready = new LinkedHashSet<>();
    private final Set<String> inFlight = new HashSet<>();
    private final Set<String> deduplicationIds = new HashSet<>();
    private final AtomicLong sequence = new AtomicLong(18_000_000_000_000_000L);
    private int waiting;

    @Override
    public void send(CheckInMessage message, String deduplicationId) {
        offer(message, deduplicationId, message.messageId());
    }

    @Override
    public void sendJudgements(List<Judgement> judgements) {
        for (Judgement j : judgements) offer(j, QueueMessageCodec.deduplicationId(j), null);
    }

    private synchronized void offer(QueueMessage message, String deduplicationId, String messageId) {
        if (!deduplicationIds.add(deduplicationId)) return;
        String group = message.monitor().organization() + "/" + message.monitor().slug();
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        String seq = Long.toString(sequence.incrementAndGet());
        record.setMessageId(messageId != null ? messageId : "m-" + seq);
        record.setBody(CODEC.encode(message));
        record.setAttributes(Map.of("MessageGroupId", group, "MessageDeduplicationId", deduplicationId,
                "SequenceNumber", seq, "ApproximateReceiveCount", "1"));
        groups.computeIfAbsent(group, g -> new ArrayDeque<>()).addLast(record);
        if (!inFlight.contains(group)) ready.add(group);
        waiting++;
        notifyAll();
    }

    /** Up to 10 messages, whole groups at a time, each group then in this consumer's hands; empty after the wait. */
    synchronized List<SQSEvent.SQSMessage> take(long waitMillis) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (ready.isEmpty()) {
            long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
            if (left <= 0) return List.of();
            wait(left);
        }
        List<SQSEvent.SQSMessage> batch = new ArrayList<>(BATCH);
        var groupsReady = ready.iterator();
        while (batch.size() < BATCH && groupsReady.hasNext()) {
            String group = groupsReady.next();
            groupsReady.remove();
            inFlight.add(group);
            Deque<SQSEvent.SQSMessage> messages = groups.get(group);
            while (batch.size() < BATCH && !messages.isEmpty()) batch.add(messages.pollFirst());
        }
        return batch;
    }

    /** Deletes what succeeded; what was reported back goes to the front of its group again. */
    synchronized void done(List<SQSEvent.SQSMessage> batch, SQSBatchResponse response) {
        Set<String> failed = new HashSet<>();
        response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        Map<String, List<SQSEvent.SQSMessage>> back = new HashMap<>();
        for (SQSEvent.SQSMessage m : batch) {
            String group = m.getAttributes().get("MessageGroupId");
            if (failed.contains(m.getMessageId())) {
                back.computeIfAbsent(group, g -> new ArrayList<>()).add(m);
            } else {
                waiting--;
            }
        }
        back.forEach((group, messages) -> {
            for (int i = messages.size() - 1; i >= 0; i--) groups.get(group).addFirst(messages.get(i));
        });
        for (SQSEvent.SQSMessage m : batch) {
            String group = m.getAttributes().get("MessageGroupId");
            if (inFlight.remove(group) && !groups.get(group).isEmpty()) ready.add(group);
        }
        notifyAll();
    }

    synchronized int waiting() {
        return waiting;
    }

    /** Consumers as Lambda's event source runs them: each takes a batch, hands it to the handler, deletes. */
    List<Thread> startConsumers(int count, ProcessorHandler handler) {
        List<Thread> consumers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        List<SQSEvent.SQSMessage> batch = take(1_000);
                        if (batch.isEmpty()) continue;
                        SQSEvent event = new SQSEvent();
                        event.setRecords(batch);
                        SQSBatchResponse response;
                        try {
                            response = handler.handleRequest(event, null);
                        } catch (RuntimeException e) {
                            // as Lambda: an invocation that throws leaves the whole batch to come back
                            response = new SQSBatchResponse(batch.stream()
                                    .map(m -> new SQSBatchResponse.BatchItemFailure(m.getMessageId())).toList());
                        }
                        done(batch, response);
                    }
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            }, "fifo-consumer-" + i);
            t.setDaemon(true);
            t.start();
            consumers.add(t);
        }
        return consumers;
    }
}
