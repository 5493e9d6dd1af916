package dev.cronwatch.handlers.http;

import java.util.regex.Pattern;

/**
 * The scheme and host a request came to, for the URLs an answer hands out (a DSN, a ping URL, a badge):
 * API Gateway says how the client came in; local mode is plain HTTP. A Host header that is not a host
 * (or host:port) is not used.
 */
final class SiteRoot {
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(?::[0-9]{1,5})?");

    private SiteRoot() {
    }

    /** {@code scheme://host}, without a trailing slash. */
    static String of(Request request) {
        return scheme(request) + "://" + host(request);
    }

    static String scheme(Request request) {
        String forwarded = request.header("x-forwarded-proto");
        return "https".equalsIgnoreCase(forwarded) ? "https" : "http";
    }

    static String host(Request request) {
        String host = request.header("host");
        return host != null && HOST.matcher(host).matches() ? host : "localhost";
    }
}
