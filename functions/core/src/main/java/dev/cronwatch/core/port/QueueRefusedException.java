package dev.cronwatch.core.port;

/**
 * The queue did not accept a check-in through the adapter's retries (it refused it, or never answered):
 * the client must be told so (a 503) and send it again, never that it was accepted.
 */
public final class QueueRefusedException extends RuntimeException {
    public QueueRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
