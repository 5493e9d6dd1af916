package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.fakes.MutableClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP function with hand-built API Gateway events on in-memory ports: routes, validation, tenancy. */
class HttpApiHandlerTest {
    static final String KEY = "0123456789abcdef0123456789abcdef";
    static final String OTHER_KEY = "fedcba9876543210fedcba9876543210";
    static final String DSN = "http://" + KEY + "@cronwatch.test/1";
    static final String CHECKINS = "/api/0/organizations/acme/monitors/backup/checkins/";

    final InMemoryMonitorStore store = new InMemoryMonitorStore();
    final InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
    final RecordingQueue queue = new RecordingQueue();
    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    Services services;
    HttpApiHandler handler;

    @BeforeEach
    void setUp() {
        tenants.ensureOrganization("acme");
        tenants.ensureProject(new Project("acme", "1", "web"));
        tenants.ensureProject(new Project("acme", "2", "jobs"));
        tenants.ensureDsnKey(new DsnKey(KEY, "acme", "1"));
        tenants.ensureDsnKey(new DsnKey(OTHER_KEY, "acme", "2"));
        tenants.ensureToken("acme", "acme-token");
        tenants.ensureOrganization("globex");
        tenants.ensureProject(new Project("globex", "9", "ops"));
        tenants.ensureToken("globex", "globex-token");
        services = new Services(store, tenants, queue, new RecordingPublisher(), clock, UUID::randomUUID,
                Services.Limits.DEFAULTS);
        handler = new HttpApiHandler(services);
    }

    APIGatewayV2HTTPResponse call(String method, String path, Map<String, String> headers, String body) {
        return call(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8), false);
    }

    APIGatewayV2HTTPResponse call(String method, String pathAndQuery, Map<String, String> headers, byte[] body,
                                  boolean base64) {
        String[] parts = pathAndQuery.split("\\?", 2);
        APIGatewayV2HTTPEvent.RequestContext.Http http =
                APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(parts[0]).build();
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath(parts[0])
                .withRawQueryString(parts.length > 1 ? parts[1] : "").withHeaders(new HashMap<>(headers))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).build())
                .withBody(body == null ? null : base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(base64).build(), null);
    }

    static Map<String, String> dsn() {
        return Map.of("authorization", "DSN " + DSN, "content-type", "application/json");
    }

    static Map<String, String> bearer(String token) {
        return Map.of("authorization", "Bearer " + token, "content-type", "application/json");
    }

    static Map<String, Object> json(APIGatewayV2HTTPResponse r) {
        return Json.parseObject(r.getBody());
    }

    /** Applies what the HTTP function queued, as the processor would. */
    void process() {
        for (RecordingQueue.Delivery d : queue.takeAll()) services.processor().apply(d.message(), d.sequence());
    }

    void assertRejected(APIGatewayV2HTTPResponse r, int status, String field) {
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(status);
        if (field != null) assertThat(json(r)).containsEntry("field", field).containsKey("detail");
        assertThat(queue.messages()).as("nothing enqueued").isEmpty();
        assertThat(store.monitors("acme")).as("nothing stored").isEmpty();
    }

    @Test
    void postCreatesARunAndReturnsTheIdTheProcessorUses() {
        APIGatewayV2HTTPResponse r = call("POST", CHECKINS, dsn(),
                "{\"status\": \"in_progress\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        assertThat(r.getStatusCode()).isEqualTo(201);
        String id = (String) json(r).get("id");
        assertThat(call("PUT", CHECKINS + "latest/", dsn(), "{\"status\": \"ok\", \"duration\": 1500}").getStatusCode())
                .isEqualTo(202);
        process();
        var checkIns = store.checkIns(new MonitorKey("acme", "backup"), null, null, 10).items();
        assertThat(checkIns).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.durationMs()).isEqualTo(1500L);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON             | {"status": "ok"                                    | 400 | body
            unknown status             | {"status": "running"}                              | 400 | status
            missed is not for clients  | {"status": "missed"}                               | 400 | status
            status missing             | {}                                                 | 400 | status
            environment too long       | {"status": "ok", "environment": "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"} | 400 | environment
            negative duration          | {"status": "ok", "duration": -1}                   | 400 | duration
            duration too long          | {"status": "ok", "duration": 2147483648}           | 400 | duration
            bad schedule               | {"status": "ok", "monitor_config": {"schedule": "61 * * * *"}} | 400 | monitor_config.schedule
            bad timezone               | {"status": "ok", "monitor_config": {"schedule": "0 * * * *", "timezone": "Mars/Base"}} | 400 | monitor_config.timezone
            margin out of range        | {"status": "ok", "monitor_config": {"schedule": "0 * * * *", "checkin_margin": 40321}} | 400 | monitor_config.checkin_margin
            """)
    void rejectsBadCheckInsNamingTheField(String name, String body, int status, String field) {
        assertRejected(call("POST", CHECKINS, dsn(), body), status, field);
    }

    @Test
    void rejectsABadCheckInIdAndABadSlug() {
        assertRejected(call("PUT", CHECKINS + "not-a-uuid/", dsn(), "{\"status\": \"ok\"}"), 400, "check_in_id");
        assertRejected(call("POST", "/api/0/organizations/acme/monitors/%21%21%21/checkins/", dsn(),
                "{\"status\": \"ok\"}"), 400, "monitor_slug");
        assertRejected(call("GET", "/api/1/cron/backup/" + KEY + "/?status=ok&check_in_id=xyz", Map.of(), (String) null),
                400, "check_in_id");
    }

    @Test
    void rejectsBodiesOver100KbWith413() {
        String big = "{\"status\": \"ok\", \"environment\": \"" + "x".repeat(101 * 1024) + "\"}";
        assertRejected(call("POST", CHECKINS, dsn(), big), 413, "body");
    }

    @Test
    void authenticatesEveryIngestForm() {
        assertRejected(call("POST", CHECKINS, Map.of(), "{\"status\": \"ok\"}"), 401, "authorization");
        assertRejected(call("POST", CHECKINS, Map.of("authorization", "DSN http://" + "a".repeat(32) + "@x/1"),
                "{\"status\": \"ok\"}"), 401, "authorization");
        // the DSN's project must be the key's
        assertRejected(call("POST", CHECKINS, Map.of("authorization", "DSN http://" + KEY + "@x/2"),
                "{\"status\": \"ok\"}"), 401, "authorization");
        assertRejected(call("GET", "/api/2/cron/backup/" + KEY + "/?status=ok", Map.of(), (String) null), 401, "authorization");
        assertRejected(call("POST", "/api/1/envelope/", Map.of(), envelope("{\"monitor_slug\":\"backup\",\"status\":\"ok\"}"), false),
                401, "authorization");
    }

    @Test
    void aDsnNeverReachesAnotherOrganization() {
        APIGatewayV2HTTPResponse r = call("POST", "/api/0/organizations/globex/monitors/backup/checkins/", dsn(),
                "{\"status\": \"ok\"}");
        assertThat(r.getStatusCode()).isEqualTo(404);
        assertThat(queue.messages()).isEmpty();
    }

    @Test
    void aKeyOfAnotherProjectCannotCheckInToThisProjectsMonitor() {
        call("POST", CHECKINS, dsn(), "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        process();
        APIGatewayV2HTTPResponse r = call("POST", CHECKINS,
                Map.of("authorization", "DSN http://" + OTHER_KEY + "@x/2"), "{\"status\": \"error\"}");
        assertThat(r.getStatusCode()).isEqualTo(201); // accepted: ownership is state, decided by the processor
        process();
        assertThat(store.checkIns(new MonitorKey("acme", "backup"), null, null, 10).items()).hasSize(1);
        assertThat(store.processingErrors(new MonitorKey("acme", "backup"), clock.instant())).hasSize(1);
    }

    @Test
    void relayTakesQueryStringOrJsonAndSecondsForDuration() {
        APIGatewayV2HTTPResponse r = call("POST", "/api/1/cron/Nightly Backup/" + KEY + "/", Map.of("content-type", "application/json"),
                "{\"status\": \"ok\", \"duration\": 2.5, \"monitor_config\": {\"schedule\": \"@daily\"}}");
        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(call("GET", "/api/1/cron/nightly-backup/" + KEY + "/?status=error&environment=dev&duration=1",
                Map.of(), (String) null).getStatusCode()).isEqualTo(202);
        assertThat(queue.messages()).extracting(CheckInMessage::durationMs).containsExactly(2500L, 1000L);
        assertThat(queue.messages()).extracting(m -> m.monitor().slug()).containsOnly("nightly-backup");
    }

    @Test
    void envelopesCarryCheckInsAndIgnoreOtherItems() throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        byte[] body = envelope("{\"check_in_id\":\"" + id + "\",\"monitor_slug\":\"backup\",\"status\":\"in_progress\","
                + "\"monitor_config\":{\"schedule\":{\"type\":\"interval\",\"value\":2,\"unit\":\"hour\"},\"checkin_margin\":5}}");
        APIGatewayV2HTTPResponse r = call("POST", "/api/1/envelope/",
                Map.of("x-sentry-auth", "Sentry sentry_version=7, sentry_key=" + KEY + ", sentry_client=test/1.0",
                        "content-encoding", "gzip"), gzip(body), true);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        process();
        var monitor = store.monitor(new MonitorKey("acme", "backup")).orElseThrow();
        assertThat(monitor.config().schedule().wireValue()).isEqualTo(List.of(2, "hour"));
        assertThat(store.checkIns(monitor.key(), null, null, 10).items()).singleElement()
                .satisfies(c -> assertThat(c.id().replace("-", "")).isEqualTo(id));
        assertRejectedEnvelope("{not json}\n");
        assertRejectedEnvelope("{}\n{\"type\":\"check_in\",\"length\":500}\n{}\n");
    }

    private void assertRejectedEnvelope(String text) {
        int before = queue.messages().size();
        APIGatewayV2HTTPResponse r = call("POST", "/api/1/envelope/?sentry_key=" + KEY, Map.of(),
                text.getBytes(StandardCharsets.UTF_8), true);
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(json(r)).containsEntry("field", "envelope");
        assertThat(queue.messages()).hasSize(before);
    }

    static byte[] envelope(String checkIn) {
        String text = "{\"event_id\":\"" + UUID.randomUUID().toString().replace("-", "") + "\"}\n"
                + "{\"type\":\"session\"}\n{\"sid\":\"x\"}\n"
                + "{\"type\":\"check_in\",\"length\":" + checkIn.getBytes(StandardCharsets.UTF_8).length + "}\n" + checkIn + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void attachmentsUpTo100KbOnePerCheckIn() {
        String id = (String) json(call("POST", CHECKINS, dsn(),
                "{\"status\": \"in_progress\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}")).get("id");
        process();
        String path = CHECKINS + id + "/attachment/";
        Map<String, String> headers = Map.of("authorization", "DSN " + DSN, "content-type", "multipart/form-data; boundary=XyZ");
        assertThat(call("POST", path, headers, multipart("log line\n".getBytes()), true).getStatusCode()).isEqualTo(200);
        assertThat(store.attachment(new MonitorKey("acme", "backup"), id)).get()
                .satisfies(a -> assertThat(new String(a.content())).isEqualTo("log line\n"));
        assertThat(call("POST", path, headers, multipart("again".getBytes()), true).getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPResponse big = call("POST", CHECKINS + "latest/attachment/", headers, multipart(new byte[101 * 1024]), true);
        assertThat(big.getStatusCode()).isEqualTo(413);
    }

    static byte[] multipart(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"job.log\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n--XyZ--\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void managementApiWithTenancy() {
        APIGatewayV2HTTPResponse created = call("POST", "/api/0/organizations/acme/monitors/", bearer("acme-token"),
                "{\"project\": \"1\", \"name\": \"Nightly Backup\", \"config\": {\"schedule\": \"0 3 * * *\", \"timezone\": \"Europe/Riga\"}}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        assertThat(json(created)).containsEntry("slug", "nightly-backup").containsEntry("status", "active")
                .containsEntry("isMuted", false);
        String path = "/api/0/organizations/acme/monitors/nightly-backup/";
        assertThat(call("GET", path, bearer("acme-token"), (String) null).getStatusCode()).isEqualTo(200);
        assertThat(call("GET", path, bearer("globex-token"), (String) null).getStatusCode()).isEqualTo(404);
        assertThat(call("GET", path, Map.of(), (String) null).getStatusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/0/organizations/acme/monitors/", bearer("globex-token"), (String) null).getStatusCode())
                .isEqualTo(404);
        APIGatewayV2HTTPResponse muted = call("PUT", path, bearer("acme-token"), "{\"isMuted\": true, \"config\": {\"checkin_margin\": 10}}");
        assertThat(json(muted)).containsEntry("isMuted", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) json(muted).get("config");
        assertThat(config).containsEntry("checkin_margin", 10).containsEntry("schedule", "0 3 * * *");
        assertThat(call("PUT", path, bearer("acme-token"), "{\"status\": \"paused\"}").getStatusCode()).isEqualTo(400);
        assertThat(call("GET", path + "checkins/", bearer("acme-token"), (String) null).getBody()).isEqualTo("[]");
        assertThat(call("GET", path + "incidents/", bearer("acme-token"), (String) null).getStatusCode()).isEqualTo(200);
        assertThat(call("GET", path + "processing-errors/", bearer("acme-token"), (String) null).getStatusCode()).isEqualTo(200);
        assertThat(call("DELETE", path, bearer("globex-token"), (String) null).getStatusCode()).isEqualTo(404);
        assertThat(call("DELETE", path, bearer("acme-token"), (String) null).getStatusCode()).isEqualTo(202);
        assertThat(call("GET", path, bearer("acme-token"), (String) null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void managementRejectsBadMonitorsNamingTheField() {
        String monitors = "/api/0/organizations/acme/monitors/";
        assertRejected(call("POST", monitors, bearer("acme-token"), "{\"name\": \"x\", \"config\": {\"schedule\": \"0 * * * *\"}}"), 400, "project");
        assertRejected(call("POST", monitors, bearer("acme-token"), "{\"project\": \"1\", \"name\": \"x\", \"config\": {\"schedule\": \"* * 31 2 *\"}}"), 400, "config.schedule");
        assertRejected(call("POST", monitors, bearer("acme-token"), "{\"project\": \"1\", \"name\": \"x\", \"slug\": \"Bad Slug\", \"config\": {\"schedule\": \"0 * * * *\"}}"), 400, "slug");
        assertRejected(call("POST", monitors, bearer("acme-token"), "{\"project\": \"9\", \"name\": \"x\", \"config\": {\"schedule\": \"0 * * * *\"}}"), 400, "project");
    }

    @Test
    void checkInListingIsNewestFirstByEnvironmentAndPaged() {
        for (int i = 0; i < 5; i++) {
            clock.advance(java.time.Duration.ofMinutes(1));
            call("POST", CHECKINS, dsn(), "{\"status\": \"ok\", \"environment\": \"" + (i % 2 == 0 ? "prod" : "dev")
                    + "\", \"monitor_config\": {\"schedule\": \"* * * * *\"}}");
            process();
        }
        String path = "/api/0/organizations/acme/monitors/backup/checkins/";
        List<Object> prod = Json.parseArray(call("GET", path + "?environment=prod", bearer("acme-token"), (String) null).getBody());
        assertThat(prod).hasSize(3);
        APIGatewayV2HTTPResponse first = call("GET", path + "?per_page=2", bearer("acme-token"), (String) null);
        List<Object> page = Json.parseArray(first.getBody());
        assertThat(page).hasSize(2);
        @SuppressWarnings("unchecked")
        String newest = (String) ((Map<String, Object>) page.get(0)).get("dateAdded");
        assertThat(newest).isEqualTo("2026-01-01T00:05:00Z");
        String cursor = first.getHeaders().get("Link").replaceAll(".*cursor=\"([^\"]+)\".*", "$1");
        List<Object> rest = Json.parseArray(call("GET", path + "?per_page=10&cursor="
                + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8), bearer("acme-token"), (String) null).getBody());
        assertThat(rest).hasSize(3);
    }

    @Test
    void unknownRoutesAndMethods() {
        assertThat(call("GET", "/nope", Map.of(), (String) null).getStatusCode()).isEqualTo(404);
        assertThat(call("PATCH", "/api/0/organizations/acme/monitors/", bearer("acme-token"), (String) null).getStatusCode())
                .isEqualTo(405);
    }
}
