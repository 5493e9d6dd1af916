package dev.cronwatch.core.port;

/**
 * A page cursor that the listing it was sent to did not make: malformed, altered, or taken from
 * another listing. The caller's input, never a reason to read anything.
 */
public final class InvalidCursorException extends IllegalArgumentException {
    public InvalidCursorException() {
        super("invalid cursor");
    }
}
