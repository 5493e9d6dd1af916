package dev.cronwatch.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * What Lambda's SQS event source does, on one machine: workers receive batches of up to 10, hand them
 * to the processor handler as an {@link SQSEvent}, delete what succeeded and leave the reported
 * failures to reappear after the visibility timeout. As on AWS, several workers run at once and the
 * FIFO queue keeps a group's messages to one of them at a time, so each monitor stays in order.
 */
final class QueuePump implements AutoCloseable {
    private final SqsClient sqs;
    private final String queueUrl;
    private final RequestHandler<SQSEvent, SQSBatchResponse> processor;
    private final AtomicInteger batchesInHand = new AtomicInteger();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;
    private volatile boolean paused;

    QueuePump(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> processor, int workers) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.processor = processor;
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(this::run, "queue-worker-" + i);
            worker.setDaemon(true);
            this.workers.add(worker);
        }
    }

    void start() {
        workers.forEach(Thread::start);
    }

    void pause(boolean paused) {
        this.paused = paused;
    }

    private void run() {
        while (running) {
            if (paused) {
                sleep(20);
                continue;
            }
            try {
                pumpInBackground();
            } catch (RuntimeException e) {
                if (!running) return;
                System.err.println("queue pump: " + e.getMessage());
                sleep(500);
            }
        }
    }

    /** A long poll; what arrives after a pause began is handed back untouched. */
    private void pumpInBackground() {
        List<Message> messages = receive(1);
        if (messages.isEmpty()) return;
        if (paused) {
            for (Message m : messages) {
                sqs.changeMessageVisibility(ChangeMessageVisibilityRequest.builder().queueUrl(queueUrl)
                        .receiptHandle(m.receiptHandle()).visibilityTimeout(0).build());
            }
            return;
        }
        process(messages);
    }

    private List<Message> receive(int waitSeconds) {
        return sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(queueUrl)
                .maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).build()).messages();
    }

    /** Processes one batch received without waiting; returns how many messages it held. */
    private int pumpOnce() {
        List<Message> messages = receive(0);
        if (!messages.isEmpty()) process(messages);
        return messages.size();
    }

    private void process(List<Message> messages) {
        batchesInHand.incrementAndGet();
        try {
            SQSBatchResponse response = processor.handleRequest(event(messages), null);
            Set<String> failed = new HashSet<>();
            response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
            for (Message m : messages) {
                if (!failed.contains(m.messageId())) {
                    done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
                }
            }
            if (!done.isEmpty()) sqs.deleteMessageBatch(DeleteMessageBatchRequest.builder().queueUrl(queueUrl).entries(done).build());
        } finally {
            batchesInHand.decrementAndGet();
        }
    }

    /**
     * Applies everything received so far: returns when the queue holds nothing, visible or in flight
     * (a message reported failed comes back after its visibility timeout and is retried here).
     */
    void drain() {
        if (paused) throw new IllegalStateException("the processor is paused");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (pumpOnce() > 0) continue;
            // a worker may hold a batch right now: wait for it before judging emptiness
            if (batchesInHand.get() == 0 && isEmpty()) return;
            sleep(50);
        }
        throw new IllegalStateException("the queue did not drain within a minute");
    }

    private boolean isEmpty() {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE).build()).attributes();
        return "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setEventSource("aws:sqs");
            record.setAwsRegion(Emulators.REGION);
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.setAttributes(attributes);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
