package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.validation.FieldError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * An HTTP API (payload 2.0) request: lower-case headers, first query values, and the body. The body is
 * held as received, within 100 KB (checked before it is decoded); it is decompressed only when a route
 * reads it, so after authentication, as a stream that stops at 1 MB (never sized by what the client
 * says).
 */
public final class Request {
    /** Check-in payloads are small; anything larger is refused before it is read as JSON. */
    public static final int MAX_BODY = 100 * 1024;
    public static final int MAX_DECOMPRESSED = 1024 * 1024;
    /** The longest base64 text whose decoded bytes can still be within {@link #MAX_BODY}. */
    private static final int MAX_BASE64 = (MAX_BODY + 2) / 3 * 4;

    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final String rawQuery;
    private final Map<String, String> headers;
    private final byte[] received;
    private final String sourceIp;
    private byte[] body;

    private Request(String method, String path, String rawQuery, Map<String, String> headers, byte[] received,
                    String sourceIp) {
        this.sourceIp = sourceIp;
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = parseQuery(rawQuery);
        this.headers = headers;
        this.received = received;
    }

    public static Request of(APIGatewayV2HTTPEvent event) {
        String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                && event.getRequestContext().getHttp().getMethod() != null
                ? event.getRequestContext().getHttp().getMethod() : "GET";
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> {
                if (k != null && v != null) headers.put(k.toLowerCase(Locale.ROOT), v);
            });
        }
        String path = event.getRawPath() == null ? "/" : event.getRawPath();
        String sourceIp = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getSourceIp() : null;
        return new Request(method.toUpperCase(Locale.ROOT), path, event.getRawQueryString(), headers,
                received(event, path.startsWith(PingApi.PREFIX)), sourceIp);
    }

    /** The client's address as the gateway saw it; null when the event has none. */
    public String sourceIp() {
        return sourceIp;
    }

    /** The body as it came, not decompressed: what a Healthchecks ping keeps. */
    public byte[] receivedBody() {
        return received;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Map<String, String> query() {
        return query;
    }

    /** Every value a query parameter was given, in order (an interval's preview sends {@code schedule} twice). */
    public List<String> queryValues(String name) {
        List<String> values = new ArrayList<>();
        forEachPair(rawQuery, (key, value) -> {
            if (key.equals(name)) values.add(value);
        });
        return values;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The body, decompressed on first use: a 413 past 1 MB, a 415 for an encoding we do not read. */
    public byte[] body() {
        if (body == null) body = decompress(received, headers.get("content-encoding"));
        return body;
    }

    public String text() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    public boolean hasBody() {
        return received.length > 0 && body().length > 0 && !text().isBlank();
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public Map<String, Object> json() {
        if (!hasBody()) return Map.of();
        try {
            return Json.parseObject(text());
        } catch (Json.MalformedJsonException e) {
            throw new FieldError("body", e.getMessage());
        }
    }

    /**
     * The body as sent, refused with a 413 before it is decoded when it cannot be within the limit; a
     * Healthchecks ping's ({@code cut}) is cut to the limit instead, as Healthchecks never refuses one.
     */
    private static byte[] received(APIGatewayV2HTTPEvent event, boolean cut) {
        String body = event.getBody();
        if (body == null) return new byte[0];
        if (cut) {
            byte[] bytes;
            try {
                bytes = event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                bytes = new byte[0];
            }
            return bytes.length > MAX_BODY ? Arrays.copyOf(bytes, MAX_BODY) : bytes;
        }
        if (event.getIsBase64Encoded()) {
            if (body.length() > MAX_BASE64) throw tooLarge("Request bodies are limited to 100 KB.");
            try {
                byte[] bytes = Base64.getDecoder().decode(body);
                if (bytes.length > MAX_BODY) throw tooLarge("Request bodies are limited to 100 KB.");
                return bytes;
            } catch (IllegalArgumentException e) {
                throw new FieldError("body", "The body is not valid base64.");
            }
        }
        // UTF-8 takes at least a byte per character: a longer text is too large before encoding it
        if (body.length() > MAX_BODY) throw tooLarge("Request bodies are limited to 100 KB.");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BODY) throw tooLarge("Request bodies are limited to 100 KB.");
        return bytes;
    }

    private static byte[] decompress(byte[] body, String contentEncoding) {
        if (contentEncoding == null) return body;
        String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        try {
            return switch (encoding) {
                case "", "identity" -> body;
                case "gzip", "x-gzip" -> capped(new GZIPInputStream(new ByteArrayInputStream(body)));
                case "deflate" -> capped(new InflaterInputStream(new ByteArrayInputStream(body)));
                default -> throw new FieldError("content-encoding",
                        "Unsupported Content-Encoding \"" + shorten(contentEncoding) + "\": send gzip, deflate or none.", FieldError.Kind.UNSUPPORTED);
            };
        } catch (IOException e) {
            throw new FieldError("body", "The body is not valid " + encoding + ".");
        }
    }

    /** Reads at most one byte past the limit: a bomb costs us 1 MB, whatever it expands to. */
    private static byte[] capped(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer, 0, Math.min(buffer.length, MAX_DECOMPRESSED + 1 - out.size()))) > 0; ) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_DECOMPRESSED) throw tooLarge("Request bodies are limited to 1 MB once decompressed.");
            }
            return out.toByteArray();
        }
    }

    private static FieldError tooLarge(String detail) {
        return new FieldError("body", detail, FieldError.Kind.TOO_LARGE);
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> query = new HashMap<>();
        forEachPair(raw, query::putIfAbsent);
        return query;
    }

    private static void forEachPair(String raw, java.util.function.BiConsumer<String, String> each) {
        if (raw == null || raw.isEmpty()) return;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            each.accept(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
    }

    /** Percent-decoding; a broken escape ({@code %zz}) is the client's error, naming the query. */
    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new FieldError("query", "Malformed percent-encoding in the query string.");
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
