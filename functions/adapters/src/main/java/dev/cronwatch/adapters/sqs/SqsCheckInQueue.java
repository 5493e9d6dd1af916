package dev.cronwatch.adapters.sqs;

import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.QueueRefusedException;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The FIFO queue: one message group per monitor, so a monitor's check-ins and judgements apply in
 * order. Judgements go in batches of ten, several batches at once: a mass miss of thousands of
 * environments is queued in seconds, and the processor's workers take it from there.
 */
public final class SqsCheckInQueue implements CheckInQueue {
    private static final int BATCH = 10;
    private static final int PARALLEL_BATCHES = 8;

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;
    private final QueueMessageCodec codec = new QueueMessageCodec();
    private final ExecutorService senders = Executors.newFixedThreadPool(PARALLEL_BATCHES, r -> {
        Thread t = new Thread(r, "judgement-sender");
        t.setDaemon(true);
        return t;
    });

    public SqsCheckInQueue(SqsClient sqs, String queueUrl) {
        this(() -> sqs, queueUrl);
    }

    /** The client is asked for at the first send: a process that never sends never builds one. */
    public SqsCheckInQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public static String groupOf(MonitorKey monitor) {
        return monitor.organization() + "/" + monitor.slug();
    }

    /**
     * Waits up to {@link AwsClients#CHECK_IN_SEND_TIMEOUT}, the client's retries of throttling and 5xx
     * included; what SQS still refuses after that is a {@link QueueRefusedException}.
     */
    @Override
    public void send(CheckInMessage message, String deduplicationId) {
        SendMessageRequest request = SendMessageRequest.builder().queueUrl(queueUrl).messageBody(codec.encode(message))
                .messageGroupId(groupOf(message.monitor())).messageDeduplicationId(deduplicationId)
                .overrideConfiguration(o -> o.apiCallTimeout(AwsClients.CHECK_IN_SEND_TIMEOUT)).build();
        try {
            sqs.get().sendMessage(request);
        } catch (SdkException e) {
            throw new QueueRefusedException("SQS, after retries: " + e.getMessage(), e);
        }
    }

    /** Throws if any judgement could not be queued (after one more try): the next tick sends it again. */
    @Override
    public void sendJudgements(List<Judgement> judgements) {
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int from = 0; from < judgements.size(); from += BATCH) {
            List<Judgement> batch = judgements.subList(from, Math.min(judgements.size(), from + BATCH));
            batches.add(CompletableFuture.runAsync(() -> sendBatch(batch), senders));
        }
        CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).join();
    }

    private void sendBatch(List<Judgement> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Judgement j = batch.get(i);
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(codec.encode(j)).messageGroupId(groupOf(j.monitor()))
                    .messageDeduplicationId(QueueMessageCodec.deduplicationId(j)).build());
        }
        SqsBatches.send(sqs.get(), queueUrl, entries, "judgement(s)");
    }
}
