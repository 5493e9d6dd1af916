package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON responses, and the error shape docs/spec.md gives every 4xx: {@code {"detail", "field"}}. */
public final class Response {
    private Response() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> extraHeaders) {
        Map<String, String> headers = apiHeaders(extraHeaders);
        headers.put("Content-Type", "application/json");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(Json.write(body)).build();
    }

    /** Plain text, as Healthchecks' ping URLs answer. */
    public static APIGatewayV2HTTPResponse text(int status, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = apiHeaders(extraHeaders);
        headers.put("Content-Type", "text/plain; charset=utf-8");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    /** A status without a body (204). */
    public static APIGatewayV2HTTPResponse empty(int status) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(apiHeaders(Map.of())).build();
    }

    /**
     * Every API answer is about one caller's data at one moment: no cache (the browser's, a proxy's)
     * may keep it, and no browser may read it as anything but what its Content-Type says.
     */
    private static Map<String, String> apiHeaders(Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }

    public static APIGatewayV2HTTPResponse error(int status, String field, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        if (field != null) body.put("field", field);
        return json(status, body);
    }
}
