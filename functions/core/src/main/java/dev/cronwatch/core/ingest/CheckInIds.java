package dev.cronwatch.core.ingest;

import dev.cronwatch.core.validation.FieldError;
import java.util.UUID;
import java.util.regex.Pattern;

/** Check-in ids as clients write them (with or without dashes, any case), in the one form we store. */
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
}
