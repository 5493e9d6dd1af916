package dev.cronwatch.adapters.sqs;

import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** One SendMessageBatch, its refused entries sent once more; what SQS refuses again is an exception. */
final class SqsBatches {
    private SqsBatches() {
    }

    static void send(SqsClient sqs, String queueUrl, List<SendMessageBatchRequestEntry> entries, String what) {
        for (int attempt = 1; !entries.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> asked = entries;
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(asked));
            if (!response.hasFailed() || response.failed().isEmpty()) return;
            if (attempt == 2) {
                throw new IllegalStateException(response.failed().size() + " " + what + " not queued: "
                        + response.failed().get(0).message());
            }
            List<String> failed = response.failed().stream().map(f -> f.id()).toList();
            entries = asked.stream().filter(e -> failed.contains(e.id())).toList();
        }
    }
}
