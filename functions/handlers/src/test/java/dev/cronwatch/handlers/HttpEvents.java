package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway's HTTP API events (payload 2.0) as the handler tests send them, built the way API
 * Gateway builds them: the path and the query string apart, the method in the HTTP context, a
 * request id, the body as text or base64. And the reading of what comes back.
 */
final class HttpEvents {
    private HttpEvents() {
    }

    /** A text body (or none), sent as text. */
    static APIGatewayV2HTTPEvent event(String method, String pathAndQuery, Map<String, String> headers, String body) {
        return build(method, pathAndQuery, headers, body, false);
    }

    /** A body of bytes (or none), base64-encoded when {@code base64}, else sent as UTF-8 text. */
    static APIGatewayV2HTTPEvent event(String method, String pathAndQuery, Map<String, String> headers, byte[] body,
                                       boolean base64) {
        return event(method, pathAndQuery, headers, body, base64, false);
    }

    /** {@code corruptBase64}: flagged base64, but the text is not. */
    static APIGatewayV2HTTPEvent event(String method, String pathAndQuery, Map<String, String> headers, byte[] body,
                                       boolean base64, boolean corruptBase64) {
        if (corruptBase64) return build(method, pathAndQuery, headers, "!!not base64: " + (body == null ? 0 : body.length), true);
        if (body == null) return build(method, pathAndQuery, headers, null, false);
        return build(method, pathAndQuery, headers,
                base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8), base64);
    }

    private static APIGatewayV2HTTPEvent build(String method, String pathAndQuery, Map<String, String> headers, String body,
                                               boolean base64) {
        String[] parts = pathAndQuery.split("\\?", 2);
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(parts[0]).build();
        return APIGatewayV2HTTPEvent.builder().withRawPath(parts[0]).withRawQueryString(parts.length > 1 ? parts[1] : "")
                .withHeaders(new HashMap<>(headers))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http)
                        .withRequestId(UUID.randomUUID().toString()).build())
                .withBody(body).withIsBase64Encoded(base64).build();
    }

    static Map<String, Object> json(APIGatewayV2HTTPResponse response) {
        return Json.parseObject(response.getBody());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(APIGatewayV2HTTPResponse response) {
        return (List<Map<String, Object>>) (List<?>) Json.parseArray(response.getBody());
    }

    /** The cursor of the next page, from the Link header; null on the last page (or an answer with no headers). */
    static String nextCursor(APIGatewayV2HTTPResponse response) {
        String link = response.getHeaders() == null ? null : response.getHeaders().get("Link");
        return link == null ? null : link.replaceAll(".*cursor=\"([^\"]+)\".*", "$1");
    }

    /** The answer of a function to a route it does not serve (not a 404 of a route that found nothing). */
    static boolean unknownRoute(APIGatewayV2HTTPResponse response) {
        return response.getStatusCode() == 404 && response.getBody().contains("No such route");
    }
}
