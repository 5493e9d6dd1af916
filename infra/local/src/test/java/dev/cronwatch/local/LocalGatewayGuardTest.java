package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode against the web pages its developer visits: a page cannot reach it under another name
 * (DNS rebinding), cannot change its state from another origin, and cannot make it hold a huge body.
 * Raw HTTP on loopback, since Java's HTTP client will not send a Host header of our choosing.
 */
class LocalGatewayGuardTest {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    static final String T0 = "2026-01-01T00:00:00Z";

    @TempDir
    static Path dataDir;
    static LocalSystem system;
    static String own;

    @BeforeAll
    static void start() throws Exception {
        system = new LocalSystem(LocalOptions.parse("--port", "0", "--in-memory", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", T0, "--allow-host", "cronwatch.test"), QUIET);
        own = "127.0.0.1:" + system.port();
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    record Answer(int status, String body) {
        Map<String, Object> json() {
            return Json.parseObject(body);
        }
    }

    /** One request on its own connection, with exactly the headers given (Host included, or not). */
    static Answer raw(String method, String path, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), system.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(bytes);
            } catch (IOException refusedBeforeTheEnd) {
                // a body refused for its size may be cut off while it is still being sent; the answer is read below
            }
            String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            return new Answer(status, response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) read.write(buffer, 0, n);
        } catch (IOException resetAfterTheAnswer) {
            // the server closed a connection whose body it did not read: what came before is the answer
        }
        return read.toByteArray();
    }

    static Map<String, String> host(String host) {
        return Map.of("Host", host);
    }

    static Map<String, String> headers(String host, String origin) {
        Map<String, String> headers = new LinkedHashMap<>(host(host));
        headers.put("Origin", origin);
        return headers;
    }

    private static String clockNow() throws IOException {
        Answer clock = raw("GET", "/_local/clock", host(own), null);
        assertThat(clock.status()).isEqualTo(200);
        return (String) clock.json().get("now");
    }

    @Test
    void aRequestUnderAnotherName_isRefused_beforeItReadsOrMovesAnything() throws IOException {
        String before = clockNow();
        String port = Integer.toString(system.port());
        for (String foreign : List.of("rebind.attacker.example:" + port, "127.0.0.1.attacker.example:" + port,
                "cronwatch.test.attacker.example:" + port, "localhost:" + (system.port() + 1), "0.0.0.0:" + port)) {
            Answer read = raw("GET", "/_local/notifications", host(foreign), null);
            assertThat(read.status()).as(foreign).isEqualTo(421);
            assertThat(read.json()).containsEntry("field", "host");
            assertThat((String) read.json().get("detail")).as(foreign).contains("--allow-host");
            assertThat(raw("POST", "/_local/clock", host(foreign), "{\"now\": \"2026-06-01T00:00:00Z\"}").status())
                    .as(foreign).isEqualTo(421);
            assertThat(raw("GET", "/api/0/organizations/local/monitors/", Map.of("Host", foreign,
                    "Authorization", "Bearer " + system.credentials().token()), null).status()).as(foreign).isEqualTo(421);
        }
        assertThat(raw("GET", "/_local/clock", Map.of(), null).status()).as("no Host at all").isEqualTo(421);
        assertThat(clockNow()).isEqualTo(before);
    }

    @Test
    void theLoopbackNamesOnItsPort_andAllowedHosts_areAnswered() throws IOException {
        String port = Integer.toString(system.port());
        for (String name : List.of("127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port,
                "cronwatch.test:" + port, "cronwatch.test", "CRONWATCH.test")) {
            assertThat(raw("GET", "/_local/clock", host(name), null).status()).as(name).isEqualTo(200);
        }
    }

    @Test
    void aStateChangingRequestFromAnotherOrigin_isRefused_andNothingIsStored() throws IOException {
        String before = clockNow();
        String port = Integer.toString(system.port());
        for (String origin : List.of("http://attacker.example", "http://localhost:3000", "null",
                "http://127.0.0.1:" + port + ".attacker.example", "file://")) {
            Answer move = raw("POST", "/_local/clock", headers(own, origin), "{\"now\": \"2026-06-01T00:00:00Z\"}");
            assertThat(move.status()).as(origin).isEqualTo(403);
            assertThat(move.json()).containsEntry("field", "origin");
            Map<String, String> checkIn = headers(own, origin);
            checkIn.put("Authorization", "DSN " + system.credentials().dsn());
            checkIn.put("Content-Type", "application/json");
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                assertThat(raw(method, "/api/0/organizations/local/monitors/from-a-page/checkins/", checkIn,
                        "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}").status())
                        .as(method + " from " + origin).isEqualTo(403);
            }
            assertThat(raw("POST", "/_local/organizations", headers(own, origin), "{\"name\": \"from-a-page\"}").status())
                    .as(origin).isEqualTo(403);
        }
        system.controls().drainQueue();
        assertThat(clockNow()).isEqualTo(before);
        assertThat(raw("GET", "/api/0/organizations/local/monitors/from-a-page/", Map.of("Host", own,
                "Authorization", "Bearer " + system.credentials().token()), null).status()).isEqualTo(404);
        assertThat(raw("POST", "/_local/organizations", host(own), "{\"name\": \"from-a-page\"}").status())
                .as("the organization was not made by the refused calls").isEqualTo(201);
    }

    @Test
    void itsOwnOrigin_orNone_mayChangeState() throws IOException {
        String port = Integer.toString(system.port());
        for (String origin : List.of("http://127.0.0.1:" + port, "http://localhost:" + port, "http://cronwatch.test",
                "https://cronwatch.test")) {
            Answer clock = raw("POST", "/_local/clock", headers(own, origin), "{\"now\": \"" + clockNow() + "\"}");
            assertThat(clock.status()).as(origin).isEqualTo(200);
        }
        assertThat(raw("POST", "/_local/clock", host(own), "{\"now\": \"" + clockNow() + "\"}").status())
                .as("curl and SDKs send no Origin").isEqualTo(200);
        assertThat(raw("GET", "/_local/clock", headers(own, "http://attacker.example"), null).status())
                .as("a read changes nothing and its answer is not shared with the page").isEqualTo(200);
    }

    /** A page of another site can make a browser send a GET (an image): the relay heartbeat changes state. */
    @Test
    void aRequestABrowserMarksCrossSite_isRefused_whateverItsMethod() throws IOException {
        String key = system.credentials().publicKey();
        String heartbeat = "/api/" + system.credentials().projectId() + "/cron/from-an-image/" + key + "/?status=ok";
        Map<String, String> fromAnImage = new LinkedHashMap<>(host(own));
        fromAnImage.put("Sec-Fetch-Site", "cross-site");
        Answer refused = raw("GET", heartbeat, fromAnImage, null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json()).containsEntry("field", "origin");
        Map<String, String> ownPage = new LinkedHashMap<>(host(own));
        ownPage.put("Sec-Fetch-Site", "same-origin");
        assertThat(raw("GET", "/_local/clock", ownPage, null).status()).isEqualTo(200);
        system.controls().drainQueue();
        assertThat(raw("GET", "/api/0/organizations/local/monitors/from-an-image/", Map.of("Host", own,
                "Authorization", "Bearer " + system.credentials().token()), null).status()).isEqualTo(404);
    }

    /** An instant the clock cannot reach is a 400 naming it; it was an empty reply (the gateway closed first). */
    @Test
    void aClockMoveBeyondWhatTheStoreOrders_isAnsweredNamingNow() throws IOException {
        String before = clockNow();
        for (String far : List.of("+300000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z")) {
            Answer move = raw("POST", "/_local/clock", host(own), "{\"now\": \"" + far + "\"}");
            assertThat(move.status()).as(far).isEqualTo(400);
            assertThat(move.json()).containsEntry("field", "now");
        }
        assertThat(clockNow()).isEqualTo(before);
    }

    @Test
    void aLocalRouteRefusesABodyOverItsLimit_andActsOnNothing() throws IOException {
        String before = clockNow();
        String padding = " ".repeat(LocalGateway.MAX_LOCAL_BODY);
        Answer move = raw("POST", "/_local/clock", host(own), "{\"now\": \"2026-06-01T00:00:00Z\"}" + padding);
        assertThat(move.status()).isEqualTo(413);
        assertThat(move.json()).containsEntry("field", "body");
        Answer organization = raw("POST", "/_local/organizations", host(own), "{\"name\": \"padded\"}" + padding);
        assertThat(organization.status()).isEqualTo(413);
        assertThat(organization.json()).containsEntry("field", "body");
        assertThat(clockNow()).isEqualTo(before);
        assertThat(raw("POST", "/_local/organizations", host(own), "{\"name\": \"padded\"}").status())
                .as("the refused call made nothing").isEqualTo(201);

        String under = " ".repeat(LocalGateway.MAX_LOCAL_BODY - 100);
        assertThat(raw("POST", "/_local/clock", host(own), "{\"now\": \"" + before + "\"}" + under).status())
                .as("a body within the limit").isEqualTo(200);
    }
}
