package dev.cronwatch.local;

import com.sun.net.httpserver.Headers;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The names local mode answers to, and who may change its state. Any web page its developer visits
 * can send requests to 127.0.0.1; one that makes a name of its own resolve to 127.0.0.1 (DNS
 * rebinding) can also read the answers, as the same origin. So a request is answered only when its
 * Host is one of local mode's own names (127.0.0.1, localhost or [::1] on its port, or one given with
 * --allow-host), and a state-changing request whose browser says it comes from another origin is
 * refused. A request without an Origin is not a page's: curl, SDKs and sentry-cli send none.
 */
final class OwnAddresses {
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "DELETE", "PATCH");

    /** Refused: a 4xx with the header it is about. */
    record Refusal(int status, String field, String detail) {
    }

    /** host[:port] as Host headers and origins carry them, lower-cased. */
    private final Set<String> authorities = new LinkedHashSet<>();

    /** {@code allowedHosts} as {@link LocalOptions} validated them: a name given without a port is taken with or without ours. */
    OwnAddresses(int port, List<String> allowedHosts) {
        for (String loopback : List.of("127.0.0.1", "localhost", "[::1]")) authorities.add(loopback + ":" + port);
        for (String host : allowedHosts) {
            authorities.add(host);
            if (!host.matches(".*:[0-9]+")) authorities.add(host + ":" + port);
        }
    }

    Optional<Refusal> refusal(String method, Headers headers) {
        List<String> host = headers.getOrDefault("Host", List.of());
        if (host.size() != 1 || !authorities.contains(host.get(0).toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(421, "host", "cronwatch-local answers requests addressed to "
                    + String.join(", ", authorities) + ", not " + (host.isEmpty() ? "none" : String.join(", ", host))
                    + " (start it with --allow-host <name> to add a name)"));
        }
        // a GET can change state too (the relay heartbeat), and an <img> sends no Origin: browsers mark
        // every request a page of another site makes, whatever its method
        if ("cross-site".equalsIgnoreCase(headers.getFirst("Sec-Fetch-Site"))) {
            return Optional.of(new Refusal(403, "origin", "A page of another site may not send requests to"
                    + " cronwatch-local; open its own pages (http://" + authorities.iterator().next() + ")."));
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && STATE_CHANGING.contains(method.toUpperCase(Locale.ROOT)) && !isOwn(origin)) {
            return Optional.of(new Refusal(403, "origin", "A page from " + origin + " may not change cronwatch-local's"
                    + " data; only its own pages (http://" + authorities.iterator().next() + ") and clients that send no"
                    + " Origin may."));
        }
        return Optional.empty();
    }

    private boolean isOwn(String origin) {
        String lower = origin.toLowerCase(Locale.ROOT);
        for (String scheme : List.of("http://", "https://")) {
            if (lower.startsWith(scheme) && authorities.contains(lower.substring(scheme.length()))) return true;
        }
        return false;
    }
}
