package dev.cronwatch.local;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The check-in queue and its dead-letter queue, set up as template.yaml sets them up. */
public record FifoQueues(String queueUrl, String deadLetterQueueUrl) {
    public static FifoQueues create(SqsClient sqs) {
        return create(sqs, "checkins");
    }

    public static FifoQueues create(SqsClient sqs, String name) {
        String dlq = create(sqs, name + "-dlq.fifo", Map.of());
        String dlqArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(dlq)
                .attributeNames(QueueAttributeName.QUEUE_ARN).build()).attributes().get(QueueAttributeName.QUEUE_ARN);
        // The processor sets aside a message that failed three times by its own fault; redrive is only a
        // far backstop, so that messages held back behind a failing one never reach it. A short
        // visibility timeout makes a reported failure come back quickly on one machine.
        String queue = create(sqs, name + ".fifo", Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "2",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1000\"}"));
        return new FifoQueues(queue, dlq);
    }

    /**
     * A fresh ElasticMQ can take longer than the client's 2 s call timeout for its first calls on a busy
     * machine; creating a queue again with the same attributes is harmless, so it is tried three times.
     */
    private static String create(SqsClient sqs, String name, Map<QueueAttributeName, String> extra) {
        Map<QueueAttributeName, String> attributes = new HashMap<>(extra);
        attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        CreateQueueRequest request = CreateQueueRequest.builder().queueName(name).attributes(attributes).build();
        for (int attempt = 1; ; attempt++) {
            try {
                return sqs.createQueue(request).queueUrl();
            } catch (ApiCallTimeoutException e) {
                if (attempt == 3) throw e;
            }
        }
    }
}
