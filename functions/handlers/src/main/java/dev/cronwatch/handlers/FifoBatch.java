package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Lambda's contract for a batch from a FIFO queue: messages are handled in order; once one of a
 * group is not done, it and every later message of that group are reported back, so a group is never
 * reordered; other groups go on. When the invocation runs short of time, what is left is reported
 * back untouched instead of being cut off half-way.
 */
final class FifoBatch {
    /** Left for reporting back what was not done, before Lambda cuts the invocation off. */
    static final long RESERVE_MILLIS = 5_000;

    private FifoBatch() {
    }

    /** Whether the invocation still has more than {@link #RESERVE_MILLIS} left (always, outside Lambda). */
    static BooleanSupplier timeLeft(Context context) {
        return () -> context == null || context.getRemainingTimeInMillis() > RESERVE_MILLIS;
    }

    /** {@code handle} returns true when the message is done (applied, or set aside for good). */
    static SQSBatchResponse process(List<SQSEvent.SQSMessage> records, Predicate<SQSEvent.SQSMessage> handle,
                                    BooleanSupplier timeLeft) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Set<String> heldGroups = new HashSet<>();
        boolean outOfTime = false;
        for (SQSEvent.SQSMessage record : records) {
            String group = groupOf(record);
            outOfTime = outOfTime || !timeLeft.getAsBoolean();
            if (outOfTime || heldGroups.contains(group) || !handle.test(record)) {
                heldGroups.add(group);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    static String groupOf(SQSEvent.SQSMessage record) {
        return attribute(record, "MessageGroupId");
    }

    static String attribute(SQSEvent.SQSMessage record, String name) {
        return record.getAttributes() == null ? "" : record.getAttributes().getOrDefault(name, "");
    }
}
