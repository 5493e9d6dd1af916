package dev.cronwatch.adapters.sqs;

import dev.cronwatch.core.hash.Digest;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** The FIFO dead-letter queue; forwarding the same message twice keeps one copy (same dedup id). */
public final class SqsDeadLetterQueue implements DeadLetterQueue {
    private static final int MAX_ATTRIBUTE = 1024;
    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public SqsDeadLetterQueue(SqsClient sqs, String queueUrl) {
        this(() -> sqs, queueUrl);
    }

    /** The client is asked for at the first forward: most processes never forward anything. */
    public SqsDeadLetterQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void forward(String body, String groupId, String deduplicationId, String reason) {
        String dedup = deduplicationId == null || deduplicationId.isBlank() ? Digest.SHA_256.hex(body) : deduplicationId;
        String why = reason.length() > MAX_ATTRIBUTE ? reason.substring(0, MAX_ATTRIBUTE) : reason;
        sqs.get().sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body)
                .messageGroupId(groupId == null || groupId.isBlank() ? "unknown" : groupId)
                .messageDeduplicationId(dedup)
                .messageAttributes(Map.of("reason", MessageAttributeValue.builder().dataType("String").stringValue(why).build()))
                .build());
    }
}
