package dev.cronwatch.core.healthchecks;

import dev.cronwatch.core.validation.FieldError;

/**
 * The one alert channel a stack has, as Healthchecks' API shows channels (docs/spec.md §14.4): every
 * alert goes to the stack's SNS topic, and a check either alerts through it or not. Its id is the same on
 * every stack, so a script that names it works against any of them.
 */
public final class StackChannel {
    public static final String ID = "2f6a3c1e-8b4d-4e7a-9c05-5d1b7e3f9a20";
    public static final String NAME = "alerts";
    public static final String KIND = "sns";

    private StackChannel() {
    }

    /**
     * Healthchecks' {@code channels}: {@code "*"} (all) or a comma list naming this channel by id or name
     * alerts through it, {@code ""} (none) does not; any other item is refused in Healthchecks' words.
     */
    public static boolean alerts(String channels) {
        if (channels.equals("*")) return true;
        if (channels.isEmpty()) return false;
        for (String item : channels.split(",")) {
            String trimmed = item.strip();
            if (!trimmed.equals(ID) && !trimmed.equals(NAME)) {
                throw new FieldError("channels", "invalid channel identifier: " + trimmed);
            }
        }
        return true;
    }

    /** A check's {@code channels} as Healthchecks shows them: the ids of the channels it alerts through. */
    public static String of(boolean alerts) {
        return alerts ? ID : "";
    }
}
