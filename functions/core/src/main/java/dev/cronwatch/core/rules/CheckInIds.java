package dev.cronwatch.core.rules;

import dev.cronwatch.core.validation.FieldError;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Every check-in id, in one place: an id a client sends, in the one form we store; the id a new run
 * gets; the id of the MISSED check-in that stands for a silent slot. An id names a check-in only within
 * its monitor, so none of them needs to be unique beyond it, but the ones we make are unguessable or,
 * for a miss, derived from what caused it.
 */
public final class CheckInIds {
    public static final String LATEST_UUID = "00000000-0000-0000-0000-000000000000";
    private static final Pattern UUID_TEXT = Pattern.compile(
            "\\p{XDigit}{32}|\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private CheckInIds() {
    }

    /** 32 hex digits, with or without the dashes of the 8-4-4-4-12 form; dashed lower case back. */
    public static String canonical(String raw) {
        if (raw == null || !UUID_TEXT.matcher(raw).matches()) {
            throw new FieldError("check_in_id", "Must be a valid UUID.");
        }
        String hex = raw.replace("-", "");
        String dashed = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
        return UUID.fromString(dashed).toString();
    }

    /**
     * A new run's id, made when its check-in is received and told to the client at once: random, since
     * a check-in id is a capability (whoever knows it can finish the run).
     */
    public static String newRun(Supplier<UUID> random) {
        return random.get().toString();
    }

    /** The MISSED check-in of the slot expected at {@code expected}: a replayed judgement makes the same one. */
    public static String missed(String monitorId, String environment, Instant expected) {
        return Ids.derive("missed", monitorId, environment, expected.toString());
    }
}
