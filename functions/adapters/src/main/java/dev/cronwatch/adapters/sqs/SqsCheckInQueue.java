package dev.cronwatch.adapters.sqs;

import dev.cronwatch.core.ingest.CheckInMessage;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.CheckInQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** The FIFO queue: one message group per monitor, so a monitor's check-ins apply in order. */
public final class SqsCheckInQueue implements CheckInQueue {
    private final SqsClient sqs;
    private final String queueUrl;
    private final CheckInMessageCodec codec = new CheckInMessageCodec();

    public SqsCheckInQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public static String groupOf(MonitorKey monitor) {
        return monitor.organization() + "/" + monitor.slug();
    }

    @Override
    public void send(CheckInMessage message, String deduplicationId) {
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(codec.encode(message))
                .messageGroupId(groupOf(message.monitor())).messageDeduplicationId(deduplicationId).build());
    }
}
