package dev.cronwatch.bench;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Time spent in each kind of request, as the client waits for it (marshalling and retries included). */
final class RequestTimer implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.started");

    /** Calls and total nanoseconds of one operation. */
    record Spent(long calls, long nanos) {
        double meanMs() {
            return calls == 0 ? 0 : nanos / 1e6 / calls;
        }
    }

    private final Map<String, long[]> spent = new TreeMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes);
    }

    private void record(ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started == null) return;
        long nanos = System.nanoTime() - started;
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (this) {
            long[] s = spent.computeIfAbsent(operation == null ? "?" : operation, k -> new long[2]);
            s[0]++;
            s[1] += nanos;
        }
    }

    synchronized Map<String, Spent> snapshot() {
        Map<String, Spent> copy = new TreeMap<>();
        spent.forEach((op, s) -> copy.put(op, new Spent(s[0], s[1])));
        return copy;
    }

    /** What was spent between two snapshots, per operation. */
    static Map<String, Spent> since(Map<String, Spent> before, Map<String, Spent> after) {
        Map<String, Spent> delta = new TreeMap<>();
        after.forEach((op, s) -> {
            Spent b = before.getOrDefault(op, new Spent(0, 0));
            if (s.calls() > b.calls()) delta.put(op, new Spent(s.calls() - b.calls(), s.nanos() - b.nanos()));
        });
        return delta;
    }
}
