package dev.cronwatch.core.port;

/**
 * A page cursor that the listing it was sent to did not make: malformed, altered, taken from another
 * listing, or past what the listing still holds. The caller's input, never a reason to read anything;
 * the message is what the caller is told.
 */
public final class InvalidCursorException extends IllegalArgumentException {
    public InvalidCursorException() {
        super("This cursor does not belong to this listing: use the Link header's.");
    }

    private InvalidCursorException(String detail) {
        super(detail);
    }

    /** The cursor continues after something the listing no longer shows (processing errors: 7 days). */
    public static InvalidCursorException expired() {
        return new InvalidCursorException("This cursor has expired: start again from the first page.");
    }
}
