package dev.cronwatch.core.schedule;

/** A schedule that cannot be used; the message says why, in words a user can act on. */
public final class InvalidScheduleException extends Exception {
    public InvalidScheduleException(String message) {
        super(message);
    }
}
