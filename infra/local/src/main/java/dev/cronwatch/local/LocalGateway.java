package dev.cronwatch.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.tenant.TenantNames;
import dev.cronwatch.handlers.HttpApiHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's API Gateway: every request becomes the HTTP API (payload 2.0) event the deployed
 * function gets, for the same handler class. Routes of its own: the kept notifications, the
 * manual clock, and making another organization.
 */
final class LocalGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalGateway.class);
    private final HttpServer server;
    private final HttpApiHandler handler;
    private final Notifications notifications;
    private final LocalTicker ticker;
    private final LocalClock clock;
    private final TenantDirectory tenants;

    LocalGateway(int port, HttpApiHandler handler, Notifications notifications, LocalTicker ticker, LocalClock clock,
                 TenantDirectory tenants) throws IOException {
        this.handler = handler;
        this.tenants = tenants;
        this.notifications = notifications;
        this.ticker = ticker;
        this.clock = clock;
        // Without TCP_NODELAY, a response written as headers then body waits on the client's delayed ACK
        // (about 40 ms on Linux loopback): every check-in would look 40 ms slower than it is.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "http");
            t.setDaemon(true);
            return t;
        }));
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/_local/notifications") && method.equals("GET")) {
                respond(exchange, 200, notifications.all());
            } else if (path.equals("/_local/clock") && method.equals("POST")) {
                moveClock(exchange);
            } else if (path.equals("/_local/clock") && method.equals("GET")) {
                respond(exchange, 200, Map.of("now", clock.instant().toString(), "manual", clock.isManual()));
            } else if (path.equals("/_local/organizations") && method.equals("POST")) {
                createOrganization(exchange);
            } else {
                APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.fromExchange(exchange, clock), null);
                ApiGatewayEvents.writeResponse(exchange, response);
            }
        } catch (Throwable e) {
            String requestId = UUID.randomUUID().toString();
            log.error("request {} ({} {}) failed in the local gateway", requestId, exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
            respond(exchange, 500, Map.of("detail", "Internal error. Quote request id " + requestId + " when reporting it.",
                    "requestId", requestId));
        }
    }

    /**
     * {@code POST /_local/organizations {"name"}}: a second tenant for trying isolation, with the
     * credentials local.json holds for the first. Only from this machine.
     */
    private void createOrganization(HttpExchange exchange) throws IOException {
        if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
            respond(exchange, 403, Map.of("detail", "Only from this machine (loopback)."));
            return;
        }
        Object name;
        try (InputStream in = exchange.getRequestBody()) {
            name = Json.parseObject(new String(in.readNBytes(4096), StandardCharsets.UTF_8)).get("name");
        } catch (RuntimeException e) {
            respond(exchange, 400, Map.of("detail", "send {\"name\": \"<organization slug>\"}", "field", "name"));
            return;
        }
        if (!(name instanceof String slug) || !TenantNames.isSlug(slug)) {
            respond(exchange, 400, Map.of("detail", "An organization slug is 1 to 50 of a-z, 0-9, '-' and '_',"
                    + " starting with a letter or digit.", "field", "name"));
            return;
        }
        var created = LocalCredentials.createOrganization(tenants, slug, clock.instant(), "127.0.0.1", port());
        if (created.isEmpty()) {
            respond(exchange, 409, Map.of("detail", "The organization \"" + slug + "\" exists.", "field", "name"));
            return;
        }
        respond(exchange, 201, created.get().toJson());
    }

    private void moveClock(HttpExchange exchange) throws IOException {
        if (!clock.isManual()) {
            respond(exchange, 409, Map.of("detail", "the clock is real; start with --clock manual", "field", "now"));
            return;
        }
        Instant target;
        try (InputStream in = exchange.getRequestBody()) {
            Object now = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).get("now");
            target = Instant.parse(String.valueOf(now));
        } catch (RuntimeException e) {
            respond(exchange, 400, Map.of("detail", "send {\"now\": \"<ISO instant>\"}", "field", "now"));
            return;
        }
        int ticks;
        try {
            ticks = ticker.advanceTo(target);
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, Map.of("detail", "time cannot move backwards: it is " + clock.instant(), "field", "now"));
            return;
        } catch (IllegalStateException e) {
            // a tick that failed: said plainly, with the time reached, rather than a dropped connection
            respond(exchange, 500, Map.of("detail", String.valueOf(e.getMessage()), "now", clock.instant().toString()));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("now", clock.instant().toString());
        body.put("ticks", ticks);
        respond(exchange, 200, body);
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(1);
    }
}
