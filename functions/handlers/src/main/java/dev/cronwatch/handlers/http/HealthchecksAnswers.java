package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers of the Healthchecks-compatible routes: Healthchecks' CORS headers ({@code
 * Access-Control-Allow-Origin: *} and the preflight's), its {@code {"error": "<text>"}} refusals and
 * plain-text bodies, with the headers every API answer of ours carries (docs/spec.md, the preamble).
 */
final class HealthchecksAnswers {
    private HealthchecksAnswers() {
    }

    static APIGatewayV2HTTPResponse json(int status, Object body) {
        return answer(status, "application/json", Json.write(body), Map.of());
    }

    static APIGatewayV2HTTPResponse error(int status, String text) {
        return json(status, Map.of("error", text));
    }

    static APIGatewayV2HTTPResponse text(int status, String text) {
        return answer(status, "text/plain; charset=utf-8", text, Map.of());
    }

    static APIGatewayV2HTTPResponse empty(int status) {
        return answer(status, null, "", Map.of());
    }

    static APIGatewayV2HTTPResponse answer(int status, String contentType, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Access-Control-Allow-Headers", "X-Api-Key");
        headers.put("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
        headers.put("Access-Control-Max-Age", "600");
        headers.putIfAbsent("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        if (contentType != null) headers.put("Content-Type", contentType);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }
}
