package dev.cronwatch.adapters.sqs;

/** Where the processor puts messages it can never apply, with the reason, for a person to look at. */
public interface DeadLetterQueue {
    void forward(String body, String groupId, String deduplicationId, String reason);
}
