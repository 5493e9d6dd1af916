package dev.cronwatch.core.validation;

/**
 * Input that cannot be accepted, naming the offending field. The HTTP edge renders it as
 * {@code {"detail": ..., "field": ...}} with the status of its {@link Kind}; nothing is stored or
 * enqueued.
 */
public final class FieldError extends RuntimeException {
    /** Why the input is refused; the edge chooses the status for each. */
    public enum Kind {
        /** Malformed, out of range, or against a rule. */
        INVALID,
        /** Larger than its limit. */
        TOO_LARGE,
        /** Valid, but taken by something that exists (a slug in use). */
        CONFLICT,
        /** A credential missing or refused. */
        UNAUTHENTICATED,
        /** Names what does not exist for this caller (another tenant's included, which is never confirmed). */
        NOT_FOUND,
        /** In an encoding or format that is not taken. */
        UNSUPPORTED
    }

    private final String field;
    private final Kind kind;

    public FieldError(String field, String detail) {
        this(field, detail, Kind.INVALID);
    }

    public FieldError(String field, String detail, Kind kind) {
        super(detail, null, false, false);
        this.field = field;
        this.kind = kind;
    }

    public String field() {
        return field;
    }

    public String detail() {
        return getMessage();
    }

    public Kind kind() {
        return kind;
    }
}
