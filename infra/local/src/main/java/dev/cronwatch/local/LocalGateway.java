package dev.cronwatch.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.cronwatch.core.validation.SlugRule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.port.Tenants;
import dev.cronwatch.handlers.HttpApiHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's API Gateway: every request becomes the HTTP API (payload 2.0) event the deployed
 * function gets, for the same handler class. Routes of its own: the kept notifications, the
 * manual clock, and making another organization. It answers only under its own names and keeps web
 * pages from changing its state ({@link OwnAddresses}), and bounds what a request may hold: its body,
 * and the time to send it.
 */
final class LocalGateway implements AutoCloseable {
    /** A {@code /_local/*} body: a clock move or an organization's name is tens of bytes. */
    static final int MAX_LOCAL_BODY = 64 * 1024;
    /** The time a client has to send its whole request, header and body, before its connection is closed. */
    static final int MAX_REQUEST_SECONDS = 10;
    /** Requests read at once: a slow client holds one of these until it is cut off, never a handler. */
    private static final int READERS = 64;
    /** Requests handled at once, once read. */
    private static final int HANDLERS = 8;
    private static final Set<String> LOCAL_ROUTES = Set.of("GET /_local/notifications", "GET /_local/clock",
            "POST /_local/clock", "POST /_local/organizations");
    private static final Logger log = LoggerFactory.getLogger(LocalGateway.class);
    private final HttpServer server;
    private final HttpApiHandler handler;
    private final Notifications notifications;
    private final LocalTicker ticker;
    private final Clock clock;
    private final Tenants tenants;
    private final OwnAddresses own;
    private final Semaphore handling = new Semaphore(HANDLERS);

    private record Reply(int status, Object body) {
    }

    LocalGateway(int port, List<String> allowedHosts, HttpApiHandler handler, Notifications notifications,
                 LocalTicker ticker, Clock clock, Tenants tenants) throws IOException {
        this.handler = handler;
        this.tenants = tenants;
        this.notifications = notifications;
        this.ticker = ticker;
        this.clock = clock;
        // The JDK server reads these once, when the process makes its first server.
        // Without TCP_NODELAY, a response written as headers then body waits on the client's delayed ACK
        // (about 40 ms on Linux loopback): every check-in would look 40 ms slower than it is.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // The server has no read timeout of its own: a client sending a byte at a time would hold its
        // reading thread for ever. This closes a connection whose request is not all in after that long.
        System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(READERS, r -> {
            Thread t = new Thread(r, "http");
            t.setDaemon(true);
            return t;
        }));
        own = new OwnAddresses(port(), allowedHosts);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        // the exchange is closed only after the answer: closed first, a failure became an empty reply
        try (exchange) {
            try {
                serve(exchange);
            } catch (IOException e) {
                // the client went away or was cut off: nothing to answer, and nothing of ours failed
                log.warn("{} {}: the connection ended before its answer ({})", exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), e.getMessage());
            } catch (Throwable e) {
                String requestId = UUID.randomUUID().toString();
                log.error("request {} ({} {}) failed in the local gateway", requestId, exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), e);
                try {
                    respond(exchange, 500, Map.of("detail", "Internal error. Quote request id " + requestId
                            + " when reporting it.", "requestId", requestId));
                } catch (IOException gone) {
                    log.warn("request {}: the client went away before its 500", requestId);
                }
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        Optional<OwnAddresses.Refusal> refusal = own.refusal(exchange.getRequestMethod(), exchange.getRequestHeaders());
        if (refusal.isPresent()) {
            respond(exchange, refusal.get().status(), Map.of("detail", refusal.get().detail(), "field", refusal.get().field()));
            return;
        }
        String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
        if (LOCAL_ROUTES.contains(route)) {
            answerLocally(exchange, route);
        } else {
            APIGatewayV2HTTPEvent event = ApiGatewayEvents.fromExchange(exchange, clock); // the body is read here
            ApiGatewayEvents.writeResponse(exchange, whileHandling(() -> handler.handleRequest(event, null)));
        }
    }

    private void answerLocally(HttpExchange exchange, String route) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_LOCAL_BODY + 1); // one byte past the limit tells; the rest is never held
        }
        if (body.length > MAX_LOCAL_BODY) {
            respond(exchange, 413, Map.of("detail", "A body sent to /_local/ is at most " + MAX_LOCAL_BODY + " bytes.",
                    "field", "body"));
            return;
        }
        Reply reply = whileHandling(() -> switch (route) {
            case "GET /_local/notifications" -> new Reply(200, notifications.all());
            case "GET /_local/clock" -> new Reply(200, Map.of("now", clock.instant().toString(), "manual", ticker.isManual()));
            case "POST /_local/clock" -> moveClock(body);
            default -> createOrganization(exchange, body);
        });
        respond(exchange, reply.status(), reply.body());
    }

    /** Runs {@code work} among at most {@link #HANDLERS} at once. */
    private <T> T whileHandling(Supplier<T> work) {
        handling.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            handling.release();
        }
    }

    /**
     * {@code POST /_local/organizations {"name"}}: a second tenant for trying isolation, with the
     * credentials local.json holds for the first. Only from this machine.
     */
    private Reply createOrganization(HttpExchange exchange, byte[] body) {
        if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
            return new Reply(403, Map.of("detail", "Only from this machine (loopback)."));
        }
        Object name;
        try {
            name = Json.parseObject(new String(body, StandardCharsets.UTF_8)).get("name");
        } catch (RuntimeException e) {
            return new Reply(400, Map.of("detail", "send {\"name\": \"<organization slug>\"}", "field", "name"));
        }
        if (!(name instanceof String slug) || !SlugRule.ORGANIZATION.accepts(slug)) {
            return new Reply(400, Map.of("detail", SlugRule.ORGANIZATION.refusal(name instanceof String s ? s : null),
                    "field", "name"));
        }
        var created = LocalCredentials.createOrganization(tenants, slug, clock.instant(), "127.0.0.1", port());
        if (created.isEmpty()) {
            return new Reply(409, Map.of("detail", "The organization \"" + slug + "\" exists.", "field", "name"));
        }
        return new Reply(201, created.get().toJson());
    }

    /** The store and the schedules look no further than 2199; the manual clock goes no further either. */
    private static final Instant LAST_INSTANT = Instant.parse("2200-01-01T00:00:00Z");

    private Reply moveClock(byte[] body) {
        if (!ticker.isManual()) {
            return new Reply(409, Map.of("detail", "the clock is real; start with --clock manual", "field", "now"));
        }
        Instant target;
        try {
            Object now = Json.parseObject(new String(body, StandardCharsets.UTF_8)).get("now");
            target = Instant.parse(String.valueOf(now));
        } catch (RuntimeException e) {
            return new Reply(400, Map.of("detail", "send {\"now\": \"<ISO instant>\"}", "field", "now"));
        }
        if (target.isAfter(LAST_INSTANT)) {
            return new Reply(400, Map.of("detail", "send an instant before " + LAST_INSTANT, "field", "now"));
        }
        int ticks;
        try {
            ticks = ticker.advanceTo(target);
        } catch (IllegalArgumentException e) {
            return new Reply(400, Map.of("detail", "time cannot move backwards: it is " + clock.instant(), "field", "now"));
        } catch (IllegalStateException e) {
            // a tick that failed: said plainly, with the time reached, rather than a dropped connection
            return new Reply(500, Map.of("detail", String.valueOf(e.getMessage()), "now", clock.instant().toString()));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("now", clock.instant().toString());
        reply.put("ticks", ticks);
        return new Reply(200, reply);
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
