package dev.cronwatch.adapters.aws;

import dev.cronwatch.core.service.ConcurrentChangeException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Tells a failure of our surroundings (AWS throttling us, a 5xx, the network, writes that kept
 * colliding) from a failure of the message itself. Only the second counts against a message's
 * attempts: an outage must never move good messages to the dead-letter queue.
 */
public final class Failures {
    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SdkClientException || t instanceof ConcurrentChangeException) return true;
            if (t instanceof AwsServiceException aws
                    && (aws.isThrottlingException() || aws.statusCode() >= 500 || aws.statusCode() == 0)) {
                return true;
            }
            if (t instanceof java.io.IOException || t instanceof java.util.concurrent.TimeoutException) return true;
        }
        return false;
    }
}
