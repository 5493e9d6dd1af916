package dev.cronwatch.core.validation;

/**
 * Input that cannot be accepted, naming the offending field. The HTTP edge renders it as
 * {@code {"detail": ..., "field": ...}} with the status it carries; nothing is stored or enqueued.
 */
public final class FieldError extends RuntimeException {
    private final String field;
    private final int status;

    public FieldError(String field, String detail) {
        this(field, detail, 400);
    }

    public FieldError(String field, String detail, int status) {
        super(detail, null, false, false);
        this.field = field;
        this.status = status;
    }

    public String field() {
        return field;
    }

    public String detail() {
        return getMessage();
    }

    public int status() {
        return status;
    }
}
