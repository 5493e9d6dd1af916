package dev.cronwatch.handlers.http;

import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Values;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Sentry's paging: {@code ?per_page=} (1 to 100), {@code ?cursor=}, and a {@code Link} header to the next page. */
final class Paging {
    static final int MAX_PER_PAGE = 100;

    private Paging() {
    }

    static int perPage(Request request) {
        String perPage = request.query().get("per_page");
        if (perPage == null) return MAX_PER_PAGE;
        Long n;
        try {
            n = Values.integer(perPage, "per_page");
        } catch (FieldError notANumber) {
            n = null;
        }
        if (n == null || n < 1 || n > MAX_PER_PAGE) throw new FieldError("per_page", "Use a whole number from 1 to 100.");
        return n.intValue();
    }

    static String cursor(Request request) {
        String cursor = request.query().get("cursor");
        return cursor == null || cursor.isEmpty() ? null : cursor;
    }

    /** The page's {@code Link} header, keeping the request's other query parameters; none on the last page. */
    static Map<String, String> link(Request request, Page<?> page) {
        if (page.nextCursor() == null) return Map.of();
        StringBuilder url = new StringBuilder(headerSafe(request.path())).append('?');
        new TreeMap<>(request.query()).forEach((name, value) -> {
            if (!name.equals("cursor")) url.append(encode(name)).append('=').append(encode(value)).append('&');
        });
        url.append("cursor=").append(encode(page.nextCursor()));
        return Map.of("Link", "<" + url + ">; rel=\"next\"; results=\"true\"; cursor=\"" + page.nextCursor() + "\"");
    }

    /** The path as a header may carry it: anything but visible ASCII (and the link's brackets) percent-encoded. */
    private static String headerSafe(String path) {
        StringBuilder safe = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            if (b > 0x20 && b < 0x7f && b != '<' && b != '>') safe.append((char) b);
            else safe.append('%').append(String.format("%02X", b & 0xff));
        }
        return safe.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
