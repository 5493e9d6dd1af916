package dev.cronwatch.handlers.http;

import dev.cronwatch.adapters.http.PathSegment;
import java.util.HashMap;
import java.util.Map;

/** Paths like {@code /api/{projectId}/envelope}: matched segment by segment, trailing slash optional. */
record PathPattern(String[] segments) {
    static PathPattern of(String pattern) {
        return new PathPattern(split(pattern));
    }

    /** The path's variables, or null when it does not match. */
    Map<String, String> match(String path) {
        String[] actual = split(path);
        if (actual.length != segments.length) return null;
        Map<String, String> variables = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String expected = segments[i];
            String value;
            try {
                value = PathSegment.decode(actual[i]);
            } catch (IllegalArgumentException brokenEscape) {
                return null; // no route has a segment like that
            }
            if (expected.startsWith("{")) {
                if (value.isEmpty()) return null;
                variables.put(expected.substring(1, expected.length() - 1), value);
            } else if (!expected.equals(value)) {
                return null;
            }
        }
        return variables;
    }

    /** The pattern as written, from its root, without a trailing slash. */
    String text() {
        return "/" + String.join("/", segments);
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
