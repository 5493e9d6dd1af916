package dev.cronwatch.core.ingest;

import dev.cronwatch.core.validation.FieldError;
import java.util.UUID;

/** Check-in ids as clients write them (with or without dashes, any case), in the one form we store. */
public final class CheckInIds {
    public static final String LATEST_UUID = "00000000-0000-0000-0000-000000000000";

    private CheckInIds() {
    }

    public static String canonical(String raw) {
        String hex = raw == null ? "" : raw.replace("-", "");
        if (hex.length() != 32 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new FieldError("check_in_id", "Must be a valid UUID.");
        }
        String dashed = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
        return UUID.fromString(dashed).toString();
    }
}
