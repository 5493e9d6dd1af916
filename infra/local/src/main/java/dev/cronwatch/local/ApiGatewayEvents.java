package dev.cronwatch.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import dev.cronwatch.handlers.http.Request;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What API Gateway does between a client and the function, for a JDK HTTP server: the request as an
 * HTTP API payload 2.0 event (non-text bodies base64-encoded, headers lower-cased, several values of
 * a header joined by commas), and the response written back. The request's time is local mode's
 * clock, manual or real, as it is API Gateway's on AWS.
 */
final class ApiGatewayEvents {
    private ApiGatewayEvents() {
    }

    static APIGatewayV2HTTPEvent fromExchange(HttpExchange exchange, Clock clock) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            // One byte past the function's limit is enough for it to answer 413; the rest is never held.
            body = in.readNBytes(Request.MAX_BODY + 1);
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = headers.get("content-encoding") == null
                && (contentType.startsWith("application/json") || contentType.startsWith("text/"));
        String method = exchange.getRequestMethod();
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(exchange.getRequestURI().getRawPath()).withProtocol("HTTP/1.1")
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.get("user-agent")).build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(http).withRequestId(UUID.randomUUID().toString())
                .withTimeEpoch(clock.millis()).withStage("$default").build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default")
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery())
                .withHeaders(headers).withRequestContext(context)
                .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text).build();
    }

    static void writeResponse(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) response.getHeaders().forEach(exchange.getResponseHeaders()::set);
        byte[] body = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        // A HEAD answer is headers only, as API Gateway sends it: the JDK server fails a body written to it.
        boolean sendBody = body.length > 0 && !exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.getStatusCode(), sendBody ? body.length : -1);
        if (sendBody) exchange.getResponseBody().write(body);
    }
}
