package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
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
