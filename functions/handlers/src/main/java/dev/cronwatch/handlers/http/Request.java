package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.validation.FieldError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** An HTTP API (payload 2.0) request, decoded once: lower-case headers, first query values, raw body. */
public record Request(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {
    /** Check-in payloads are small; anything larger is refused before it is read as JSON. */
    public static final int MAX_BODY = 100 * 1024;

    public static Request of(APIGatewayV2HTTPEvent event) {
        String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : "GET";
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        byte[] body = new byte[0];
        if (event.getBody() != null) {
            body = event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                    : event.getBody().getBytes(StandardCharsets.UTF_8);
        }
        if (body.length > MAX_BODY) throw new FieldError("body", "Request bodies are limited to 100 KB.", 413);
        if ("gzip".equalsIgnoreCase(headers.get("content-encoding"))) body = gunzip(body);
        return new Request(method.toUpperCase(Locale.ROOT), event.getRawPath(), parseQuery(event.getRawQueryString()),
                headers, body);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean hasBody() {
        return body.length > 0 && !text().isBlank();
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public Map<String, Object> json() {
        if (!hasBody()) return Map.of();
        try {
            return Json.parseObject(text());
        } catch (RuntimeException e) {
            throw new FieldError("body", "Malformed JSON: " + e.getMessage());
        }
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) return query;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.putIfAbsent(key, value);
        }
        return query;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static byte[] gunzip(byte[] compressed) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BODY * 10) throw new FieldError("body", "Request bodies are limited to 100 KB.", 413);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new FieldError("body", "Malformed gzip body.");
        }
    }
}
