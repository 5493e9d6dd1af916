package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.MDC;

/**
 * Lambda's contract for a batch from a FIFO queue: each group's messages are handled in order; once
 * one is not done, it and every later message of its group are reported back, so a group is never
 * reordered; other groups go on. When the invocation runs short of time, what is left is reported
 * back untouched instead of being cut off half-way.
 *
 * <p>Only a group's own messages need an order, so different groups are handled at the same time, up
 * to {@link #GROUPS_AT_ONCE}: a worker's time goes to waiting on DynamoDB and SNS, and when thousands
 * of deadlines pass at once (a batch of ten judgements of ten monitors) this is what keeps the last
 * alert within the minute.
 */
final class FifoBatch {
    /** Left for reporting back what was not done, before Lambda cuts the invocation off. */
    static final long RESERVE_MILLIS = 5_000;
    /** Groups of one batch handled at once; a FIFO batch holds at most 10 messages. */
    static final int GROUPS_AT_ONCE = 5;

    /**
     * Grows with the callers: local mode runs many workers, each with its own batch, and a bounded
     * pool shared between them would cap them all at {@link #GROUPS_AT_ONCE}.
     */
    private static final ExecutorService LANES = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fifo-lane");
        thread.setDaemon(true); // never keeps a JVM alive (local mode, tests)
        return thread;
    });

    private FifoBatch() {
    }

    /** Whether the invocation still has more than {@link #RESERVE_MILLIS} left (always, outside Lambda). */
    static BooleanSupplier timeLeft(Context context) {
        return () -> context == null || context.getRemainingTimeInMillis() > RESERVE_MILLIS;
    }

    /**
     * {@code handle} returns true when the message is done (applied, or set aside for good). It is
     * called from several threads at once, never for two messages of one group at once.
     */
    static SQSBatchResponse process(List<SQSEvent.SQSMessage> records, Predicate<SQSEvent.SQSMessage> handle,
                                    BooleanSupplier timeLeft) {
        Map<String, List<SQSEvent.SQSMessage>> groups = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage record : records) groups.computeIfAbsent(groupOf(record), g -> new ArrayList<>()).add(record);
        Queue<List<SQSEvent.SQSMessage>> waiting = new ConcurrentLinkedQueue<>(groups.values());
        Set<SQSEvent.SQSMessage> notDone = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        Runnable lane = () -> {
            for (List<SQSEvent.SQSMessage> group = waiting.poll(); group != null; group = waiting.poll()) {
                notDone.addAll(inOrder(group, handle, timeLeft));
            }
        };
        int lanes = Math.min(GROUPS_AT_ONCE, groups.size());
        if (lanes <= 1) {
            lane.run();
        } else {
            Map<String, String> logContext = MDC.getCopyOfContextMap();
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int i = 0; i < lanes; i++) running.add(CompletableFuture.runAsync(() -> withLogContext(logContext, lane), LANES));
            joinAll(running);
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>(); // in the batch's order
        for (SQSEvent.SQSMessage record : records) {
            if (notDone.contains(record)) failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
        }
        return new SQSBatchResponse(failures);
    }

    /** Waits for every lane; then a lane's failure is the invocation's. */
    private static void joinAll(List<CompletableFuture<Void>> running) {
        RuntimeException first = null;
        for (CompletableFuture<Void> lane : running) {
            try {
                lane.join();
            } catch (CompletionException e) {
                if (first == null) first = e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        if (first != null) throw first;
    }

    /** One group's messages in order; returns what was not done: the first failure and everything after it. */
    private static List<SQSEvent.SQSMessage> inOrder(List<SQSEvent.SQSMessage> group,
                                                     Predicate<SQSEvent.SQSMessage> handle, BooleanSupplier timeLeft) {
        for (int i = 0; i < group.size(); i++) {
            if (!timeLeft.getAsBoolean() || !handle.test(group.get(i))) return group.subList(i, group.size());
        }
        return List.of();
    }

    /** A lane logs with the invocation's request id, and leaves nothing of it on its thread. */
    private static void withLogContext(Map<String, String> context, Runnable work) {
        if (context != null) MDC.setContextMap(context);
        try {
            work.run();
        } finally {
            MDC.clear();
        }
    }

    static String groupOf(SQSEvent.SQSMessage record) {
        return attribute(record, "MessageGroupId");
    }

    static String attribute(SQSEvent.SQSMessage record, String name) {
        return record.getAttributes() == null ? "" : record.getAttributes().getOrDefault(name, "");
    }
}
