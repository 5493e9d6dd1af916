package dev.cronwatch.adapters.sqs;

/** A queue message that is not a check-in this version can read: poison, never retried. */
public final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
