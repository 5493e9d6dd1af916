package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.handlers.Bootstrap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each finding of the attack on local mode that opened the tenant-isolation work, replayed over real
 * HTTP against the whole system: two organizations ({@code local}, and {@code evil} made the way an
 * operator makes one), DynamoDB Local and ElasticMQ behind the deployed handler classes. Every test
 * here failed before the fix it guards.
 */
class HostileInputRegressionTest {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    static final String LONG_HEX = "a".repeat(3_000);

    @TempDir
    static Path dataDir;
    static LocalSystem system;
    static LocalCredentials local;
    static Map<String, Object> evil;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        system = new LocalSystem(LocalOptions.parse("--port", "0", "--in-memory", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", "2026-01-01T00:00:00Z"), QUIET);
        local = system.credentials();
        evil = Bootstrap.run(system.controls().ports().tenants(), Bootstrap.Arguments.parse("--organization", "evil",
                "--host", "127.0.0.1:" + system.port(), "--scheme", "http"), new SecureRandom(),
                system.controls().ports().clock());
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    /** Status and body; a connection closed without an answer is reported as status -1. */
    record Answer(int status, String body, Map<String, List<String>> headers) {
        Map<String, Object> json() {
            return Json.parseObject(body);
        }
    }

    static Answer send(String method, String path, Map<String, String> headers, byte[] body) {
        return sendTo(local, method, path, headers, body);
    }

    static Answer sendTo(LocalCredentials system, String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            return new Answer(-1, e.toString(), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer send(String method, String path, Map<String, String> headers, String body) {
        return send(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> localDsn() {
        return Map.of("Authorization", "DSN " + local.dsn(), "Content-Type", "application/json");
    }

    static Map<String, String> evilDsn() {
        return Map.of("Authorization", "DSN " + evil.get("dsn"), "Content-Type", "application/json");
    }

    static Map<String, String> localToken() {
        return Map.of("Authorization", "Bearer " + local.token(), "Content-Type", "application/json");
    }

    static String monitors(String organization) {
        return "/api/0/organizations/" + organization + "/monitors/";
    }

    /** A 4xx with the error shape: never a 5xx, never a closed connection. */
    static void assertClientError(Answer a, String field) {
        assertThat(a.status()).as(a.body()).isBetween(400, 499);
        if (field != null) assertThat(a.json()).containsEntry("field", field).containsKey("detail");
    }

    static String checkIn(String organization, Map<String, String> dsn, String slug, String json) {
        Answer a = send("POST", monitors(organization) + slug + "/checkins/", dsn, json);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return (String) a.json().get("id");
    }

    static List<Map<String, Object>> checkInsOf(String organization, String token, String slug) {
        system.controls().drainQueue();
        Answer a = send("GET", monitors(organization) + slug + "/checkins/",
                Map.of("Authorization", "Bearer " + token), (String) null);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) Json.parse(a.body());
        return list;
    }

    static int monitorStatus(String slug) {
        system.controls().drainQueue();
        return send("GET", monitors("local") + slug + "/", localToken(), (String) null).status();
    }

    static byte[] envelope(String header, String... items) {
        StringBuilder text = new StringBuilder(header).append('\n');
        for (String item : items) text.append(item).append('\n');
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String checkInItem(String payload) {
        return "{\"type\":\"check_in\",\"length\":" + payload.getBytes(StandardCharsets.UTF_8).length + "}\n" + payload;
    }

    static String envelopePath() {
        return "/api/" + local.projectId() + "/envelope/?sentry_key=" + local.publicKey();
    }

    // ---- a check-in id names a check-in only within its monitor (the core redesign) ----

    @Test
    void anotherOrganizationsDsnCannotTakeOverACheckInById() {
        String config = "\"monitor_config\": {\"schedule\": \"0 * * * *\"}";
        checkIn("evil", evilDsn(), "takeover", "{\"status\": \"ok\", " + config + "}");
        String id = checkIn("local", localDsn(), "takeover", "{\"status\": \"in_progress\", \"environment\": \"secret-env\", " + config + "}");
        assertThat(checkInsOf("local", local.token(), "takeover")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("id", id));

        Answer put = send("PUT", monitors("evil") + "takeover/checkins/" + id + "/", evilDsn(), "{\"status\": \"ok\"}");
        assertThat(put.status()).isBetween(200, 499);

        assertThat(checkInsOf("local", local.token(), "takeover")).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("id", id).containsEntry("status", "in_progress");
        });
        Answer errors = send("GET", monitors("evil") + "takeover/processing-errors/",
                Map.of("Authorization", "Bearer " + evil.get("token")), (String) null);
        assertThat(errors.body()).doesNotContain("secret-env");
    }

    @Test
    void anotherOrganizationLearnsNothingFromAPredictedCheckInId() {
        send("POST", "/api/" + local.projectId() + "/cron/heartbeat/" + local.publicKey() + "/",
                Map.of("Content-Type", "application/json"), "{\"status\": \"in_progress\", \"environment\": \"staging\","
                        + " \"monitor_config\": {\"schedule\": \"* * * * *\"}}");
        String id = (String) checkInsOf("local", local.token(), "heartbeat").get(0).get("id");

        send("PUT", monitors("evil") + "heartbeat/checkins/" + id + "/", evilDsn(),
                "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"* * * * *\"}}");
        system.controls().drainQueue();
        Answer errors = send("GET", monitors("evil") + "heartbeat/processing-errors/",
                Map.of("Authorization", "Bearer " + evil.get("token")), (String) null);
        assertThat(errors.body()).doesNotContain("staging");
        assertThat(checkInsOf("local", local.token(), "heartbeat")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("status", "in_progress"));
    }

    @Test
    void anotherOrganizationsAttachmentDoesNotBlockOurs() {
        String id = checkIn("local", localDsn(), "uploads", "{\"status\": \"in_progress\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        checkIn("evil", evilDsn(), "uploads", "{\"status\": \"in_progress\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        system.controls().drainQueue();
        Map<String, String> multipart = Map.of("Content-Type", "multipart/form-data; boundary=XyZ");
        byte[] file = ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.log\"\r\n\r\nlog\r\n--XyZ--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> evilHeaders = new LinkedHashMap<>(multipart);
        evilHeaders.put("Authorization", "DSN " + evil.get("dsn"));
        send("POST", monitors("evil") + "uploads/checkins/" + id + "/attachment/", evilHeaders, file);

        Map<String, String> localHeaders = new LinkedHashMap<>(multipart);
        localHeaders.put("Authorization", "DSN " + local.dsn());
        Answer ours = send("POST", monitors("local") + "uploads/checkins/" + id + "/attachment/", localHeaders, file);
        assertThat(ours.status()).as(ours.body()).isEqualTo(200);
    }

    // ---- names that become key parts cannot forge a separator ----

    @Test
    void aSlugWithTheKeySeparatorNeverReachesAnotherOrganization() {
        plantForgedOrganizationMonitor();
        String forged = monitors("local") + "x%23secret/";
        assertClientError(send("GET", forged, localToken(), (String) null), "slug");
        assertClientError(send("PUT", forged, localToken(), "{\"isMuted\": true}"), "slug");
        assertClientError(send("DELETE", forged, localToken(), (String) null), "slug");
        assertClientError(send("GET", forged + "checkins/", localToken(), (String) null), "slug");
    }

    /** Before the fix an organization named {@code local#x} could be made; after it, none can. */
    private static void plantForgedOrganizationMonitor() {
        try {
            Map<String, Object> x = Bootstrap.run(system.controls().ports().tenants(), Bootstrap.Arguments.parse(
                    "--organization", "local#x", "--host", "127.0.0.1:" + system.port(), "--scheme", "http"), new SecureRandom(),
                system.controls().ports().clock());
            send("POST", monitors("local%23x") + "secret/checkins/", Map.of("Authorization", "DSN " + x.get("dsn")),
                    "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
            system.controls().drainQueue();
        } catch (RuntimeException refused) {
            // the organization name is refused: the separator cannot be forged at all
        }
    }

    // ---- inputs that got a 5xx or a closed connection ----

    @Test
    void anEnvelopeItemLengthNearIntMaxIsAClientError() {
        byte[] body = envelope("{}", "{\"type\":\"check_in\",\"length\":2147483647}", "{}");
        assertClientError(send("POST", envelopePath(), Map.of(), body), "envelope");
        byte[] unauthenticated = envelope("{}", "{\"type\":\"check_in\",\"length\":2147483647}", "{}");
        assertThat(send("POST", "/api/1/envelope/", Map.of(), unauthenticated).status()).isBetween(400, 499);
    }

    @Test
    void aNumericMonitorSlugInAnEnvelopeIsAClientError() {
        byte[] body = envelope("{}", checkInItem("{\"monitor_slug\": 123, \"status\": \"ok\"}"));
        assertClientError(send("POST", envelopePath(), Map.of(), body), "monitor_slug");
    }

    @Test
    void anUnparseableDsnInTheEnvelopeHeaderIsAClientError() {
        byte[] body = envelope("{\"dsn\": \"http://a b@x/1\"}", checkInItem("{\"monitor_slug\": \"x\", \"status\": \"ok\"}"));
        assertClientError(send("POST", "/api/1/envelope/", Map.of(), body), "authorization");
    }

    @Test
    void longPublicKeysAreRefusedWithoutALookup() {
        assertClientError(send("GET", "/api/1/cron/job/" + LONG_HEX + "/?status=ok", Map.of(), (String) null), "authorization");
        assertClientError(send("POST", "/api/1/envelope/?sentry_key=" + LONG_HEX, Map.of(),
                envelope("{}", checkInItem("{\"monitor_slug\": \"x\", \"status\": \"ok\"}"))), "authorization");
        assertClientError(send("POST", "/api/1/envelope/", Map.of("X-Sentry-Auth", "Sentry sentry_key=" + LONG_HEX),
                envelope("{}", checkInItem("{\"monitor_slug\": \"x\", \"status\": \"ok\"}"))), "authorization");
    }

    @Test
    void aLongDsnIsRefusedWithoutALookup() {
        assertClientError(send("POST", monitors("local") + "job/checkins/",
                Map.of("Authorization", "DSN http://" + LONG_HEX + "@127.0.0.1/1"), "{\"status\": \"ok\"}"), "authorization");
    }

    @Test
    void longSlugsOnManagementRoutesAreClientErrors() {
        String slug = "s".repeat(3_000);
        assertClientError(send("GET", monitors("local") + slug + "/", localToken(), (String) null), "slug");
        assertClientError(send("GET", monitors("local") + slug + "/processing-errors/", localToken(), (String) null), "slug");
    }

    @Test
    void anEmptyProjectIsAClientError() {
        assertClientError(send("POST", monitors("local"), localToken(),
                "{\"project\": \"\", \"name\": \"x\", \"config\": {\"schedule\": \"0 * * * *\"}}"), "project");
    }

    @Test
    void cursorsThatDoNotDecodeAreClientErrors() {
        checkIn("local", localDsn(), "paged", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        system.controls().drainQueue();
        String path = monitors("local") + "paged/checkins/?cursor=";
        assertClientError(send("GET", path + "!!!", localToken(), (String) null), "cursor");
        String notANumber = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"gpk\":\"Sx\",\"gsk\":\"Sy\",\"pk\":\"Nnot-a-number\",\"sk\":\"Sz\"}".getBytes(StandardCharsets.UTF_8));
        assertClientError(send("GET", path + notANumber, localToken(), (String) null), "cursor");
    }

    @Test
    void aCursorOfAnotherMonitorIsAClientError() {
        // in the other organization: this class's other tests create over a hundred monitors of "local" at
        // 00:00 (the monitor list's paging), past the 60 an organization's check-ins may create in a minute
        Map<String, String> evilToken = Map.of("Authorization", "Bearer " + evil.get("token"));
        for (int i = 0; i < 3; i++) {
            system.controls().setTime(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i));
            checkIn("evil", evilDsn(), "first", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        }
        checkIn("evil", evilDsn(), "second", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        system.controls().drainQueue();
        Answer page = send("GET", monitors("evil") + "first/checkins/?per_page=1", evilToken, (String) null);
        String link = page.headers().getOrDefault("link", List.of("")).get(0);
        String cursor = link.replaceAll(".*cursor=\"([^\"]+)\".*", "$1");
        assertThat(cursor).isNotEmpty();
        assertClientError(send("GET", monitors("evil") + "second/checkins/?cursor="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8), evilToken, (String) null), "cursor");
    }

    @Test
    void aMultipartBodyTooShortAfterItsHeadersIsAClientError() {
        String id = checkIn("local", localDsn(), "short", "{\"status\": \"in_progress\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        system.controls().drainQueue();
        byte[] body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n--XyZ--".getBytes(StandardCharsets.UTF_8);
        Answer a = send("POST", monitors("local") + "short/checkins/" + id + "/attachment/",
                Map.of("Authorization", "DSN " + local.dsn(), "Content-Type", "multipart/form-data; boundary=XyZ"), body);
        assertClientError(a, "file");
    }

    @Test
    void environmentsTheQueueCannotCarryAreClientErrors() {
        for (String environment : List.of("\\uffff", "\\ud800", "a\\u0000b", "\\ufdd0")) {
            Answer a = send("POST", monitors("local") + "envs/checkins/", localDsn(),
                    "{\"status\": \"ok\", \"environment\": \"" + environment + "\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
            assertClientError(a, "environment");
        }
        assertThat(monitorStatus("envs")).isEqualTo(404);
    }

    // ---- issues 21 and 22: what intake refuses, and what it leaves to the processor ----

    /** An environment ".." made the dashboard's Delete on it a DELETE of the whole monitor. */
    @Test
    void anEnvironmentNamedDotDotIsRefusedAtIntake_inEveryForm() {
        String relay = "/api/" + local.projectId() + "/cron/dots/" + local.publicKey() + "/";
        assertClientError(send("POST", monitors("local") + "dots/checkins/", localDsn(),
                "{\"status\": \"ok\", \"environment\": \"..\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}"), "environment");
        assertClientError(send("GET", relay + "?status=ok&environment=..", Map.of(), (String) null), "environment");
        assertClientError(send("GET", relay + "?status=ok&environment=a%2Fb", Map.of(), (String) null), "environment");
        assertClientError(send("POST", envelopePath(), Map.of(), envelope("{}", checkInItem(
                "{\"monitor_slug\": \"dots\", \"status\": \"ok\", \"environment\": \"\\u202Eevil\"}"))), "environment");
        assertThat(monitorStatus("dots")).isEqualTo(404);
    }

    @Test
    void anErrorWithABadTimeZoneToAnExistingMonitor_marksItFailed_andLeavesAProcessingErrorThatSaysWhatToFix() {
        // a minute apart: a failure at the very instant of an ok has no order to be judged in
        system.controls().setTime(Instant.parse("2026-01-01T00:10:00Z"));
        checkIn("local", localDsn(), "zoned", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        system.controls().setTime(Instant.parse("2026-01-01T00:11:00Z"));
        checkIn("local", localDsn(), "zoned", "{\"status\": \"error\", \"monitor_config\": {\"schedule\": \"0 * * * *\","
                + " \"timezone\": \"UTC+2\"}}");
        system.controls().drainQueue();
        Answer monitor = send("GET", monitors("local") + "zoned/", localToken(), (String) null);
        assertThat(monitor.body()).contains("\"status\":\"error\"");
        Answer errors = send("GET", monitors("local") + "zoned/processing-errors/", localToken(), (String) null);
        assertThat(errors.body()).contains("MONITOR_INVALID_CONFIG", "monitor_config.timezone", "Etc/GMT-2");
    }

    @Test
    void jsonWithTrailingContentIsRefused_andApiAnswersAreNeitherCachedNorSniffed() {
        Answer a = send("POST", monitors("local") + "trailing/checkins/", localDsn(), "{\"status\": \"ok\"} xyz");
        assertClientError(a, "body");
        assertThat((String) a.json().get("detail")).doesNotContain("Unrecognized", "REDACTED");
        assertThat(a.headers().get("cache-control")).containsExactly("no-store");
        assertThat(a.headers().get("x-content-type-options")).containsExactly("nosniff");
    }

    /** Answered with headers only; before, the gateway wrote a body the JDK server refuses, and logged an ERROR. */
    @Test
    void aHeadRequestIsAnsweredAndTheServerGoesOn() {
        Answer head = send("HEAD", monitors("local"), localToken(), (String) null);
        assertThat(head.status()).isBetween(200, 499);
        assertThat(head.body()).isEmpty();
        assertThat(send("GET", monitors("local"), localToken(), (String) null).status()).isEqualTo(200);
    }

    // ---- requests that did unbounded work ----

    @Test
    void anEnvelopeOfMoreThanAHundredItemsIsRefusedBeforeAnyIsQueued() throws IOException {
        String[] items = new String[3_000];
        for (int i = 0; i < items.length; i++) {
            items[i] = checkInItem("{\"monitor_slug\": \"bulk-" + i + "\", \"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(envelope("{}", items));
        }
        Answer a = send("POST", envelopePath(), Map.of("Content-Encoding", "gzip"), gz.toByteArray());
        assertClientError(a, "envelope");
        assertThat(monitorStatus("bulk-0")).isEqualTo(404);
    }

    @Test
    void theMonitorListIsPaged() {
        String create = "{\"project\": \"" + local.projectId() + "\", \"name\": \"page %d\", \"slug\": \"page-%d\", \"config\": {\"schedule\": \"0 * * * *\"}}";
        for (int i = 0; i < 105; i++) {
            Answer a = send("POST", monitors("local"), localToken(), String.format(create, i, i));
            assertThat(a.status()).as(a.body()).isEqualTo(201);
        }
        Answer first = send("GET", monitors("local"), localToken(), (String) null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(Json.parseArray(first.body())).hasSize(100);
        assertThat(first.headers().get("link")).singleElement().asString().contains("rel=\"next\"; results=\"true\"");
        Answer small = send("GET", monitors("local") + "?per_page=5", localToken(), (String) null);
        assertThat(Json.parseArray(small.body())).hasSize(5);
        assertClientError(send("GET", monitors("local") + "?per_page=101", localToken(), (String) null), "per_page");
    }

    @Test
    void aMultipartBoundaryLongerThanSeventyCharactersIsRefused() {
        String id = checkIn("local", localDsn(), "bounded", "{\"status\": \"in_progress\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        system.controls().drainQueue();
        String boundary = "-".repeat(8_000);
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Answer a = send("POST", monitors("local") + "bounded/checkins/" + id + "/attachment/",
                Map.of("Authorization", "DSN " + local.dsn(), "Content-Type", "multipart/form-data; boundary=" + boundary), body);
        assertClientError(a, "content-type");
    }

    // ---- query parameters and cursors that got a 500 (issue 21) ----

    static String nextCursor(Answer page) {
        String link = page.headers().getOrDefault("link", List.of("")).get(0);
        String cursor = link.replaceAll(".*cursor=\"([^\"]+)\".*", "$1");
        assertThat(cursor).as(page.body()).isNotEmpty();
        return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    /** Three runs of one instant: the first page's cursor is of that instant, and a later since leaves it behind. */
    @Test
    void aCursorReplayedWithALaterSinceIsAClientError() {
        String config = "\"monitor_config\": {\"schedule\": \"0 * * * *\"}";
        for (String status : List.of("ok", "error", "in_progress")) {
            checkIn("local", localDsn(), "since-replay", "{\"status\": \"" + status + "\", " + config + "}");
        }
        system.controls().drainQueue();
        String path = monitors("local") + "since-replay/checkins/?per_page=1";
        Answer first = send("GET", path, localToken(), (String) null);
        String cursor = nextCursor(first);
        @SuppressWarnings("unchecked")
        Instant started = Instant.parse((String) ((Map<String, Object>) Json.parseArray(first.body()).get(0)).get("dateAdded"));

        String later = "&since=" + started.plusMillis(1);
        assertClientError(send("GET", path + later + "&cursor=" + cursor, localToken(), (String) null), "cursor");

        String since = "&since=" + started;
        Answer second = send("GET", path + since + "&cursor=" + nextCursor(send("GET", path + since, localToken(), (String) null)),
                localToken(), (String) null);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(Json.parseArray(second.body())).hasSize(1);
    }

    /** On a system of its own: its clock moves a week on, and the shared one's must not. */
    @Test
    void anOrganizationProcessingErrorsCursorOlderThanTheirSevenDaysIsAClientError(@TempDir Path ownDataDir) throws Exception {
        try (LocalSystem week = new LocalSystem(LocalOptions.parse("--port", "0", "--in-memory", "--data-dir",
                ownDataDir.toString(), "--clock", "manual", "--start", "2026-01-01T00:00:00Z"), QUIET)) {
            LocalCredentials own = week.credentials();
            for (int i = 0; i < 3; i++) {
                Answer a = sendTo(own, "POST", monitors(own.organization()) + "no-such-monitor-" + i + "/checkins/",
                        Map.of("Authorization", "DSN " + own.dsn(), "Content-Type", "application/json"),
                        "{\"status\": \"ok\"}".getBytes(StandardCharsets.UTF_8));
                assertThat(a.status()).as(a.body()).isEqualTo(201);
            }
            week.controls().drainQueue();
            String path = "/api/0/organizations/" + own.organization() + "/processing-errors/?per_page=1";
            Map<String, String> token = Map.of("Authorization", "Bearer " + own.token());
            String cursor = nextCursor(sendTo(own, "GET", path, token, null));

            week.controls().setTime(Instant.parse("2026-01-08T00:00:01Z"));
            Answer stale = sendTo(own, "GET", path + "&cursor=" + cursor, token, null);
            assertClientError(stale, "cursor");
            assertThat((String) stale.json().get("detail")).contains("expired");
        }
    }

    @Test
    void aSinceOutsideWhatTheStoreCanOrderIsAClientError() {
        checkIn("local", localDsn(), "far-since", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        system.controls().drainQueue();
        for (String since : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2300-01-01T00:00:00Z",
                "1969-12-31T23:59:59Z")) {
            assertClientError(send("GET", monitors("local") + "far-since/checkins/?since="
                    + URLEncoder.encode(since, StandardCharsets.UTF_8), localToken(), (String) null), "since");
        }
    }
}
