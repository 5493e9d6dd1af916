package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Lambda's contract for a FIFO batch, apart from what the messages are. */
class FifoBatchTest {
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());

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

    /** What was seen of one group, in the order seen. */
    List<String> seenOf(String group) {
        synchronized (seen) {
            return seen.stream().filter(id -> id.startsWith(group)).toList();
        }
    }

    @Test
    void handlesEveryMessage_eachGroupInOrder_andReportsNothing_whenAllAreDone() {
        for (int run = 0; run < 50; run++) {
            seen.clear();
            SQSBatchResponse response = process(Set.of(), message("a1", "a"), message("b1", "b"), message("a2", "a"),
                    message("c1", "c"), message("a3", "a"), message("b2", "b"));
            assertThat(seenOf("a")).containsExactly("a1", "a2", "a3");
            assertThat(seenOf("b")).containsExactly("b1", "b2");
            assertThat(seen).hasSize(6);
            assertThat(reportedBack(response)).isEmpty();
        }
    }

    @Test
    void aMessageNotDone_holdsBackTheRestOfItsGroupUntried_andOtherGroupsGoOn() {
        SQSBatchResponse response = process(Set.of("a1"), message("a1", "a"), message("b1", "b"), message("a2", "a"),
                message("b2", "b"), message("a3", "a"));
        assertThat(seenOf("a")).containsExactly("a1");
        assertThat(seenOf("b")).containsExactly("b1", "b2");
        assertThat(reportedBack(response)).as("in the batch's order").containsExactly("a1", "a2", "a3");
    }

    @Test
    void groupsAreHandledAtTheSameTime_eachWaitingOnTheOther() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        SQSBatchResponse response = FifoBatch.process(List.of(message("a1", "a"), message("b1", "b")), m -> {
            bothStarted.countDown();
            try {
                return bothStarted.await(10, TimeUnit.SECONDS); // one at a time, the first would wait in vain
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, () -> true);
        assertThat(reportedBack(response)).isEmpty();
    }

    @Test
    void eachLaneLogsWithTheInvocationsRequestId_andLeavesNothingBehind() throws Exception {
        DeployedMdc.during(this::lanesLogWithTheRequestId);
    }

    private void lanesLogWithTheRequestId() {
        MDC.put(LogContext.REQUEST_ID, "req-1");
        try {
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            FifoBatch.process(List.of(message("a1", "a"), message("b1", "b"), message("c1", "c")), m -> {
                ids.add(MDC.get(LogContext.REQUEST_ID));
                return true;
            }, () -> true);
            assertThat(ids).containsExactly("req-1", "req-1", "req-1");
        } finally {
            MDC.clear();
        }
        List<String> later = Collections.synchronizedList(new ArrayList<>());
        FifoBatch.process(List.of(message("a1", "a"), message("b1", "b"), message("c1", "c")), m -> {
            later.add(String.valueOf(MDC.get(LogContext.REQUEST_ID)));
            return true;
        }, () -> true);
        assertThat(later).containsOnly("null");
    }

    @Test
    void aLanesFailure_isTheInvocationsOwn_afterTheOtherGroupsWereHandled() {
        assertThatThrownBy(() -> FifoBatch.process(List.of(message("a1", "a"), message("b1", "b"), message("b2", "b")), m -> {
            seen.add(m.getMessageId());
            if (m.getMessageId().equals("a1")) throw new IllegalStateException("table unreachable");
            return true;
        }, () -> true)).isInstanceOf(IllegalStateException.class).hasMessage("table unreachable");
        assertThat(seenOf("b")).containsExactly("b1", "b2");
    }

    @Test
    void whenTimeRunsShort_theRestIsReportedBackUntouched() {
        AtomicBoolean timeLeft = new AtomicBoolean(true);
        SQSBatchResponse response = FifoBatch.process(List.of(message("a1", "a"), message("a2", "a"),
                message("a3", "a")), m -> {
            seen.add(m.getMessageId());
            timeLeft.set(false);
            return true;
        }, timeLeft::get);
        assertThat(seen).containsExactly("a1");
        assertThat(reportedBack(response)).containsExactly("a2", "a3");

        seen.clear();
        SQSBatchResponse none = FifoBatch.process(List.of(message("a1", "a"), message("b1", "b")), m -> {
            seen.add(m.getMessageId());
            return true;
        }, () -> false);
        assertThat(seen).isEmpty();
        assertThat(reportedBack(none)).containsExactly("a1", "b1");
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
