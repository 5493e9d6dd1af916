package dev.cronwatch.core.monitor;

import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Text;

/**
 * Which environment names exist. Sentry refuses a name with a slash, a newline, a carriage return or
 * a form feed, {@code .} and {@code ..} alone, and anything over 64 characters; we also refuse every
 * other control character, Unicode's invisible format characters (zero-width spaces and joiners,
 * bidirectional overrides) and the letters that draw nothing (Hangul fillers, the Braille blank). An environment name becomes a path segment ({@code …/environments/{env}/})
 * and a label on a page: {@code ..} there makes a browser address the monitor itself, and an
 * invisible or reordering character makes two names look alike.
 */
public final class EnvironmentNames {
    /**
     * Characters that draw nothing though Unicode files them as letters or symbols, not as format
     * characters: the Hangul fillers, the Braille blank and the combining grapheme joiner.
     */
    private static final String BLANK_LETTERS = "\u115F\u1160\u3164\uFFA0\u2800\u034F";

    private EnvironmentNames() {
    }

    /** Refuses, naming {@code field}, a name no environment may have; null (none sent) passes. */
    public static void check(String name, String field) {
        String problem = problem(name);
        if (problem != null) throw new FieldError(field, problem);
    }

    /** What is wrong with the name, or null when it is a valid one (or null). */
    static String problem(String name) {
        if (name == null) return null;
        if (Text.length(name) > MonitorEnvironment.MAX_NAME_LENGTH) {
            return "Environment name too long (at most " + MonitorEnvironment.MAX_NAME_LENGTH + " characters).";
        }
        if (name.contains("/") || name.equals(".") || name.equals("..")) {
            return "An environment name cannot contain \"/\", nor be \".\" or \"..\".";
        }
        if (!Text.isPrintable(name) || name.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT
                || BLANK_LETTERS.indexOf(c) >= 0)) {
            return "An environment name cannot hold control characters (a newline, a tab), invisible ones"
                    + " (zero-width spaces and joiners) or bidirectional overrides, and must be valid Unicode.";
        }
        return null;
    }
}
