package dev.cronwatch.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Notes every AWS call made in this JVM while recording is on, as the IAM action it needs, the
 * template's resource it touches, and the function that made it. The SDK loads it for every client
 * from this module's test resources (software/amazon/awssdk/global/handlers/execution.interceptors),
 * so production code carries nothing of it.
 *
 * <p>Local mode runs all four functions in one process; a call belongs to the function whose code is
 * on its stack, by the entry points each deployed function has. Calls with none of them on the stack
 * are local mode's own: the queue pump standing in for Lambda's event source mapping, creating the
 * table and queues, the tests' own clients.
 */
public final class CallRecorder implements ExecutionInterceptor {
    /** A call as IAM sees it: who, which action, on which of the template's resources. */
    public record Call(String function, String action, String resource) implements Comparable<Call> {
        @Override
        public int compareTo(Call o) {
            return toString().compareTo(o.toString());
        }
    }

    /** Class names on a call's stack, innermost first, and the deployed function each stands for. */
    private static final Map<String, String> ENTRY_POINTS = Map.of(
            "dev.cronwatch.handlers.ProcessorHandler", "ProcessorFunction",
            "dev.cronwatch.handlers.ClockHandler", "ClockFunction",
            "dev.cronwatch.handlers.ClockShardHandler", "ClockShardFunction",
            "dev.cronwatch.handlers.http.IngestApi", "IngestFunction");
    /** Every other API class of the HTTP routes is the management function's. */
    private static final String HTTP_APIS = "dev.cronwatch.handlers.http.";

    /** Threads a function's code hands its calls to, where no entry point is on the stack. */
    private static final Map<String, String> THREADS = Map.of("judgement-sender", "ClockShardFunction",
            "clock-shard", "ClockShardFunction", "outbox-reader", "ClockFunction");

    private static final Set<Call> calls = new TreeSet<>();
    private static volatile boolean recording;

    public static synchronized void start() {
        calls.clear();
        recording = true;
    }

    public static synchronized List<Call> stop() {
        recording = false;
        return new ArrayList<>(calls);
    }

    private static String functionOf(String className) {
        String entry = ENTRY_POINTS.get(className);
        if (entry != null) return entry;
        return className.startsWith(HTTP_APIS) && className.endsWith("Api") ? "ManagementFunction" : null;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!recording) return;
        String function = StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .map(CallRecorder::functionOf).filter(Objects::nonNull).findFirst()
                .orElse(THREADS.get(Thread.currentThread().getName())));
        if (function == null) return;
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(java.util.Locale.ROOT);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        List<Call> found = new ArrayList<>();
        SdkRequest request = context.request();
        switch (service) {
            case "dynamodb" -> dynamoDb(function, operation, request, found);
            case "sqs" -> found.add(new Call(function, "sqs:" + (operation.equals("SendMessageBatch") ? "SendMessage"
                    : operation), queue(request.getValueForField("QueueUrl", String.class).orElse(""))));
            case "sns" -> found.add(new Call(function, "sns:" + operation, "AlertTopic"));
            default -> found.add(new Call(function, service + ":" + operation, "*"));
        }
        synchronized (CallRecorder.class) {
            if (recording) calls.addAll(found);
        }
    }

    private static void dynamoDb(String function, String operation, SdkRequest request, List<Call> found) {
        if (request instanceof TransactWriteItemsRequest transaction) {
            // not an IAM action of its own: IAM checks each item's action
            for (TransactWriteItem item : transaction.transactItems()) {
                String action = item.put() != null ? "PutItem" : item.update() != null ? "UpdateItem"
                        : item.delete() != null ? "DeleteItem" : "ConditionCheckItem";
                found.add(new Call(function, "dynamodb:" + action, "Table"));
            }
            return;
        }
        String index = request.getValueForField("IndexName", String.class).orElse(null);
        found.add(new Call(function, "dynamodb:" + operation, index == null ? "Table" : "Table/index/*"));
    }

    /** The template's queue a URL names: local mode's queues are checkins.fifo and checkins-dlq.fifo. */
    private static String queue(String url) {
        return url.contains("dlq") ? "DeadLetterQueue" : "CheckInQueue";
    }

    static Collection<Call> forFunction(Collection<Call> all, String function) {
        return all.stream().filter(c -> c.function().equals(function)).toList();
    }
}
