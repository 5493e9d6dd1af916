package dev.cronwatch.local;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * DynamoDB answering a share of requests (each HTTP attempt drawn on its own, from a seeded random)
 * with one of two faults, half each: throttling before the request reaches the table (nothing
 * written), or a 500 in place of the answer after the table did the work (written, and the caller
 * does not know). The second is the one that tests exactly-once: the SDK sends the write again.
 */
final class DynamoFaults implements ExecutionInterceptor {
    private static final ExecutionAttribute<Boolean> ANSWER_LOST = new ExecutionAttribute<>("cronwatch.faults.answerLost");
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems",
            "BatchWriteItem");
    private static final byte[] INTERNAL_ERROR = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
            + "\"message\":\"injected: the answer was lost\"}").getBytes(StandardCharsets.UTF_8);

    private final Random random;
    private final double rate;
    private volatile boolean on;
    private int attempts;
    private int throttled;
    private int answersLost;
    private int writeAnswersLost;
    private int callsFailed;
    private int conflicts;
    private final Map<String, Integer> failedByOperation = new TreeMap<>();

    DynamoFaults(long seed, double rate) {
        this.random = new Random(seed);
        this.rate = rate;
    }

    void on(boolean on) {
        this.on = on;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(ANSWER_LOST, false);
        if (!on) return;
        double draw = draw();
        if (draw < rate / 2) {
            count(() -> throttled++);
            throw DynamoDbException.builder().statusCode(400).message("injected: rate of requests exceeds the allowed throughput")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").serviceName("DynamoDb")
                            .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build()).build())
                    .build();
        }
        if (draw < rate) attributes.putAttribute(ANSWER_LOST, true);
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!Boolean.TRUE.equals(attributes.getAttribute(ANSWER_LOST))) return context.httpResponse();
        boolean write = WRITES.contains(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        count(() -> {
            answersLost++;
            if (write) writeAnswersLost++;
        });
        // the checksum and length were the real answer's
        return context.httpResponse().toBuilder().statusCode(500).statusText("Internal Server Error")
                .removeHeader("x-amz-crc32").removeHeader("Content-Length")
                .putHeader("Content-Length", Integer.toString(INTERNAL_ERROR.length)).build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!Boolean.TRUE.equals(attributes.getAttribute(ANSWER_LOST))) return context.responseBody();
        return Optional.of(new ByteArrayInputStream(INTERNAL_ERROR));
    }

    /**
     * A call that still failed after the SDK's retries: our code saw this one. A write sent again
     * after its answer was lost fails its own condition: that is a conflict, not a fault.
     */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (!on) return;
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        boolean conflict = context.exception() instanceof ConditionalCheckFailedException
                || context.exception() instanceof TransactionCanceledException;
        count(() -> {
            if (conflict) {
                conflicts++;
            } else {
                callsFailed++;
                failedByOperation.merge(operation, 1, Integer::sum);
            }
        });
    }

    private synchronized double draw() {
        attempts++;
        return random.nextDouble();
    }

    private synchronized void count(Runnable change) {
        change.run();
    }

    synchronized int answersLostOfWrites() {
        return writeAnswersLost;
    }

    synchronized int faults() {
        return throttled + answersLost;
    }

    synchronized String summary() {
        return String.format("DynamoDB attempts %d, faults %d (%d throttled, %d answers lost, %d of them of writes);"
                        + " calls that failed to our code after the SDK's retries: %d faults %s, %d conflicts"
                        + " (a write sent again meeting its own condition)",
                attempts, throttled + answersLost, throttled, answersLost, writeAnswersLost, callsFailed, failedByOperation,
                conflicts);
    }
}
