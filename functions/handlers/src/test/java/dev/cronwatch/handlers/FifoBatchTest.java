package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Lambda's contract for a FIFO batch, apart from what the messages are. */
class FifoBatchTest {
    final List<String> seen = new ArrayList<>();

    static SQSEvent.SQSMessage message(String id, String group) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setAttributes(Map.of("MessageGroupId", group));
        return m;
    }

    static List<String> reportedBack(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    SQSBatchResponse process(Set<String> failing, SQSEvent.SQSMessage... messages) {
        return FifoBatch.process(List.of(messages), m -> {
            seen.add(m.getMessageId());
            return !failing.contains(m.getMessageId());
        }, () -> true);
    }

    @Test
    void handlesEveryMessageInOrder_andReportsNothing_whenAllAreDone() {
        SQSBatchResponse response = process(Set.of(), message("a1", "a"), message("b1", "b"), message("a2", "a"));
        assertThat(seen).containsExactly("a1", "b1", "a2");
        assertThat(reportedBack(response)).isEmpty();
    }

    @Test
    void aMessageNotDone_holdsBackTheRestOfItsGroupUntried_andOtherGroupsGoOn() {
        SQSBatchResponse response = process(Set.of("a1"), message("a1", "a"), message("b1", "b"), message("a2", "a"),
                message("b2", "b"), message("a3", "a"));
        assertThat(seen).containsExactly("a1", "b1", "b2");
        assertThat(reportedBack(response)).containsExactly("a1", "a2", "a3");
    }

    @Test
    void whenTimeRunsShort_theRestIsReportedBackUntouched() {
        AtomicBoolean timeLeft = new AtomicBoolean(true);
        SQSBatchResponse response = FifoBatch.process(List.of(message("a1", "a"), message("b1", "b"),
                message("a2", "a")), m -> {
            seen.add(m.getMessageId());
            timeLeft.set(false);
            return true;
        }, timeLeft::get);
        assertThat(seen).containsExactly("a1");
        assertThat(reportedBack(response)).containsExactly("b1", "a2");
    }

    @Test
    void outsideLambda_thereIsAlwaysTimeLeft() {
        assertThat(FifoBatch.timeLeft(null).getAsBoolean()).isTrue();
    }

    @Test
    void aMessageWithoutAttributes_belongsToTheEmptyGroup() {
        SQSEvent.SQSMessage bare = new SQSEvent.SQSMessage();
        assertThat(FifoBatch.groupOf(bare)).isEmpty();
        assertThat(FifoBatch.attribute(message("a1", "a"), "SequenceNumber")).isEmpty();
    }
}
