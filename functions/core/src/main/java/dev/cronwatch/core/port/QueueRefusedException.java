package dev.cronwatch.core.port;

/**
 * The queue did not take a check-in, after the adapter's retries: the check-in is not stored anywhere,
 * and the client must be told so (a 503), never that it was accepted.
 */
public final class QueueRefusedException extends RuntimeException {
    public QueueRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
