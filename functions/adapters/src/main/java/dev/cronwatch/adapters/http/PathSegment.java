package dev.cronwatch.adapters.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One segment of a URL path, both ways: every URL we write encodes each value with {@link #encode} and
 * every route decodes each segment once with {@link #decode}, so any text (a tag with {@code %}, {@code +},
 * {@code /} or {@code ?}) comes back as it was. A path's {@code +} is a plus: only a form's query string
 * spells a space that way.
 */
public final class PathSegment {
    private PathSegment() {
    }

    /** Percent-encoded so that no value leaves its segment; a space is {@code %20}, never {@code +}. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The segment's text; {@link IllegalArgumentException} for a broken escape. */
    public static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
