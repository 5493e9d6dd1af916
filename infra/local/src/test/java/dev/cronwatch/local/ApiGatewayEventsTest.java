package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ApiGatewayEventsTest {
    private static final Instant MANUAL_NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aRequestBecomesTheEventApiGatewaySends_stampedWithLocalModesClock() throws Exception {
        APIGatewayV2HTTPEvent event = received(HttpRequest.newBuilder()
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"ok\"}"))
                .header("Content-Type", "application/json").header("X-Sentry-Auth", "Sentry sentry_key=abc"));

        assertThat(event.getRequestContext().getTimeEpoch()).isEqualTo(MANUAL_NOW.toEpochMilli());
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getRawPath()).isEqualTo("/api/1/cron/job/key/");
        assertThat(event.getRawQueryString()).isEqualTo("status=ok");
        assertThat(event.getHeaders()).containsEntry("x-sentry-auth", "Sentry sentry_key=abc");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getBody()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void aBodyThatIsNotTextIsBase64() throws Exception {
        byte[] gzipMagic = {(byte) 0x1f, (byte) 0x8b, 0, 1};
        APIGatewayV2HTTPEvent event = received(HttpRequest.newBuilder()
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzipMagic))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip"));

        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(gzipMagic);
    }

    /** Issue 21: a HEAD was answered with a body, which the JDK server fails, and logged an ERROR each time. */
    @Test
    void aHeadRequestIsAnsweredWithHeadersOnly() throws Exception {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                ApiGatewayEvents.writeResponse(exchange, APIGatewayV2HTTPResponse.builder().withStatusCode(405)
                        .withHeaders(Map.of("Content-Type", "application/json")).withBody("{\"detail\": \"no\"}").build());
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/0/organizations/");
            HttpResponse<String> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(405);
            assertThat(head.body()).isEmpty();
        } finally {
            server.stop(0);
        }
        assertThat(failed.get()).isNull();
    }

    private static APIGatewayV2HTTPEvent received(HttpRequest.Builder request) throws Exception {
        Clock manual = Clock.fixed(MANUAL_NOW, ZoneOffset.UTC);
        AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                seen.set(ApiGatewayEvents.fromExchange(exchange, manual));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/1/cron/job/key/?status=ok");
            HttpClient.newHttpClient().send(request.uri(uri).build(), HttpResponse.BodyHandlers.discarding());
        } finally {
            server.stop(0);
        }
        return seen.get();
    }
}
