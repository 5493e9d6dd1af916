package dev.cronwatch.handlers;

import static dev.cronwatch.handlers.HttpEvents.json;
import static dev.cronwatch.handlers.HttpEvents.list;
import static dev.cronwatch.handlers.HttpEvents.nextCursor;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.port.Stores;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.handlers.http.Request;
import dev.cronwatch.handlers.usecases.IngestServices;
import dev.cronwatch.handlers.usecases.Limits;
import dev.cronwatch.handlers.usecases.ManagementServices;
import dev.cronwatch.handlers.usecases.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
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
    static final String KEY = InMemorySystem.KEY;
    static final String OTHER_KEY = "fedcba9876543210fedcba9876543210";
    static final String DSN = InMemorySystem.DSN;
    static final String CHECKINS = "/api/0/organizations/acme/monitors/backup/checkins/";

    final InMemorySystem system = InMemorySystem.seeded();
    /** The function under test: the system's, unless a test builds one over other ports or limits. */
    HttpApiHandler handler = system.handler;

    /** Besides the system's: acme's project 2 "jobs" with its own key, and globex's project 9 "ops". */
    @BeforeEach
    void addProjects() {
        system.tenants.ensureProject(new Project("acme", "2", "jobs"));
        system.tenants.ensureDsnKey(new DsnKey(OTHER_KEY, "acme", "2"));
        system.tenants.ensureProject(new Project("globex", "9", "ops"));
    }

    APIGatewayV2HTTPResponse call(String method, String path, Map<String, String> headers, String body) {
        return handler.handleRequest(HttpEvents.event(method, path, headers, body), null);
    }

    APIGatewayV2HTTPResponse call(String method, String pathAndQuery, Map<String, String> headers, byte[] body,
                                  boolean base64) {
        return handler.handleRequest(HttpEvents.event(method, pathAndQuery, headers, body, base64), null);
    }

    /** Every route, on other ports than the shared system's. */
    private static HttpApiHandler handler(Ports ports) {
        return new HttpApiHandler(IngestServices.of(ports), ManagementServices.of(ports));
    }

    static Map<String, String> dsn() {
        return Map.of("authorization", "DSN " + DSN, "content-type", "application/json");
    }

    static Map<String, String> bearer(String token) {
        return Map.of("authorization", "Bearer " + token, "content-type", "application/json");
    }

    void assertRejected(APIGatewayV2HTTPResponse r, int status, String field) {
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(status);
        if (field != null) assertThat(json(r)).containsEntry("field", field).containsKey("detail");
        assertThat(system.queue.messages()).as("nothing enqueued").isEmpty();
        assertThat(system.store.monitors("acme")).as("nothing stored").isEmpty();
    }

    @Test
    void postCreatesARunAndReturnsTheIdTheProcessorUses() {
        APIGatewayV2HTTPResponse r = call("POST", CHECKINS, dsn(),
                "{\"status\": \"in_progress\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        assertThat(r.getStatusCode()).isEqualTo(201);
        String id = (String) json(r).get("id");
        assertThat(call("PUT", CHECKINS + "latest/", dsn(), "{\"status\": \"ok\", \"duration\": 1500}").getStatusCode())
                .isEqualTo(202);
        system.process();
        var checkIns = system.store.checkIns(new MonitorKey("acme", "backup"), null, null, 10).items();
        assertThat(checkIns).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.durationMs()).isEqualTo(1500L);
        });
    }

    /** The route always starts a run, so a check_in_id in the body is not read: neither refused nor used. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not a UUID    | {"status": "ok", "check_in_id": "not-a-uuid"}
            a number      | {"status": "ok", "check_in_id": 42}
            another run's | {"status": "ok", "check_in_id": "11111111-2222-3333-4444-555555555555"}
            """)
    void postStartsItsOwnRun_whateverCheckInIdTheBodySends(String name, String body) {
        APIGatewayV2HTTPResponse r = call("POST", CHECKINS, dsn(), body);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(201);
        String id = (String) json(r).get("id");
        assertThat(id).isNotEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(system.queue.messages()).singleElement()
                .satisfies(m -> assertThat(m.checkInId()).isEqualTo(id));
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
            config not an object       | {"status": "ok", "monitor_config": "0 * * * *"}     | 400 | monitor_config
            trailing content           | {"status": "ok"} xyz                               | 400 | body
            environment ..             | {"status": "ok", "environment": ".."}              | 400 | environment
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
        assertThat(system.queue.messages()).isEmpty();
    }

    @Test
    void aKeyOfAnotherProjectCannotCheckInToThisProjectsMonitor() {
        call("POST", CHECKINS, dsn(), "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        system.process();
        APIGatewayV2HTTPResponse r = call("POST", CHECKINS,
                Map.of("authorization", "DSN http://" + OTHER_KEY + "@x/2"), "{\"status\": \"error\"}");
        assertThat(r.getStatusCode()).isEqualTo(201); // accepted: ownership is state, decided by the processor
        system.process();
        assertThat(system.store.checkIns(new MonitorKey("acme", "backup"), null, null, 10).items()).hasSize(1);
        assertThat(system.store.processingErrors(new MonitorKey("acme", "backup"), system.clock.instant())).hasSize(1);
    }

    @Test
    void relayTakesQueryStringOrJsonAndSecondsForDuration() {
        APIGatewayV2HTTPResponse r = call("POST", "/api/1/cron/Nightly Backup/" + KEY + "/", Map.of("content-type", "application/json"),
                "{\"status\": \"ok\", \"duration\": 2.5, \"monitor_config\": {\"schedule\": \"@daily\"}}");
        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(call("GET", "/api/1/cron/nightly-backup/" + KEY + "/?status=error&environment=dev&duration=1",
                Map.of(), (String) null).getStatusCode()).isEqualTo(202);
        assertThat(system.queue.messages()).extracting(CheckInMessage::durationMs).containsExactly(2500L, 1000L);
        assertThat(system.queue.messages()).extracting(m -> m.monitor().slug()).containsOnly("nightly-backup");
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
        system.process();
        var monitor = system.store.monitor(new MonitorKey("acme", "backup")).orElseThrow();
        assertThat(monitor.config().schedule().wireValue()).isEqualTo(List.of(2, "hour"));
        assertThat(system.store.checkIns(monitor.key(), null, null, 10).items()).singleElement()
                .satisfies(c -> assertThat(c.id().replace("-", "")).isEqualTo(id));
        assertRejectedEnvelope("{not json}\n");
        assertRejectedEnvelope("{}\n{\"type\":\"check_in\",\"length\":500}\n{}\n");
    }

    private void assertRejectedEnvelope(String text) {
        int before = system.queue.messages().size();
        APIGatewayV2HTTPResponse r = call("POST", "/api/1/envelope/?sentry_key=" + KEY, Map.of(),
                text.getBytes(StandardCharsets.UTF_8), true);
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(json(r)).containsEntry("field", "envelope");
        assertThat(system.queue.messages()).hasSize(before);
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

    /** Starts a run of "backup" (an in-progress check-in, processed); its id. */
    String startRun() {
        String id = (String) json(call("POST", CHECKINS, dsn(),
                "{\"status\": \"in_progress\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}")).get("id");
        system.process();
        return id;
    }

    @Test
    void attachmentsUpTo100KbOnePerCheckIn() {
        String id = startRun();
        String path = CHECKINS + id + "/attachment/";
        Map<String, String> headers = Map.of("authorization", "DSN " + DSN, "content-type", "multipart/form-data; boundary=XyZ");
        assertThat(call("POST", path, headers, multipart("log line\n".getBytes()), true).getStatusCode()).isEqualTo(200);
        assertThat(system.store.attachment(new MonitorKey("acme", "backup"), id)).get()
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
    void monitorNamesAreBoundedAndPrintable_onCreateAndOnUpdate() {
        String monitors = "/api/0/organizations/acme/monitors/";
        for (String bad : List.of("x".repeat(129), "x".repeat(3_000), "bad\\ud800name", "line\\nbreak", " ")) {
            assertRejected(call("POST", monitors, bearer("acme-token"), "{\"project\": \"1\", \"name\": \"" + bad
                    + "\", \"slug\": \"job\", \"config\": {\"schedule\": \"0 * * * *\"}}"), 400, "name");
        }
        assertThat(call("POST", monitors, bearer("acme-token"), "{\"project\": \"1\", \"name\": \"Job\", "
                + "\"config\": {\"schedule\": \"0 * * * *\"}}").getStatusCode()).isEqualTo(201);
        for (String bad : List.of("x".repeat(3_000), "bad\\udc00name", "tab\\tname", "")) {
            APIGatewayV2HTTPResponse r = call("PUT", monitors + "job/", bearer("acme-token"), "{\"name\": \"" + bad + "\"}");
            assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(400);
            assertThat(json(r)).containsEntry("field", "name");
        }
        assertThat(json(call("GET", monitors + "job/", bearer("acme-token"), (String) null))).containsEntry("name", "Job");
    }

    @Test
    void checkInListingIsNewestFirstByEnvironmentAndPaged() {
        for (int i = 0; i < 5; i++) {
            system.clock.advance(java.time.Duration.ofMinutes(1));
            call("POST", CHECKINS, dsn(), "{\"status\": \"ok\", \"environment\": \"" + (i % 2 == 0 ? "prod" : "dev")
                    + "\", \"monitor_config\": {\"schedule\": \"* * * * *\"}}");
            system.process();
        }
        String path = "/api/0/organizations/acme/monitors/backup/checkins/";
        List<Object> prod = Json.parseArray(call("GET", path + "?environment=prod", bearer("acme-token"), (String) null).getBody());
        assertThat(prod).hasSize(3);
        APIGatewayV2HTTPResponse first = call("GET", path + "?per_page=2", bearer("acme-token"), (String) null);
        List<Map<String, Object>> page = list(first);
        assertThat(page).hasSize(2);
        assertThat(page.get(0)).as("the newest first").containsEntry("dateAdded", "2026-01-01T00:05:00Z");
        String cursor = nextCursor(first);
        List<Object> rest = Json.parseArray(call("GET", path + "?per_page=10&cursor="
                + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8), bearer("acme-token"), (String) null).getBody());
        assertThat(rest).hasSize(3);
    }

    @Test
    void incidentListingIsNewestFirstAndPaged_soAFlappingJobCannotMakeOneRequestUnbounded() {
        for (int i = 0; i < 3; i++) { // each error opens an incident, each ok resolves it
            system.clock.advance(java.time.Duration.ofMinutes(1));
            call("POST", CHECKINS, dsn(), "{\"status\": \"error\", \"monitor_config\": {\"schedule\": \"* * * * *\"}}");
            system.process();
            system.clock.advance(java.time.Duration.ofSeconds(10));
            call("POST", CHECKINS, dsn(), "{\"status\": \"ok\"}");
            system.process();
        }
        String path = "/api/0/organizations/acme/monitors/backup/incidents/";
        APIGatewayV2HTTPResponse first = call("GET", path + "?per_page=2", bearer("acme-token"), (String) null);
        List<Map<String, Object>> page = list(first);
        assertThat(page).hasSize(2);
        assertThat(page.get(0)).as("the newest first").containsEntry("dateStarted", "2026-01-01T00:03:20Z");
        String cursor = nextCursor(first);
        APIGatewayV2HTTPResponse last = call("GET", path + "?per_page=2&cursor="
                + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8), bearer("acme-token"), (String) null);
        assertThat(Json.parseArray(last.getBody())).hasSize(1);
        assertThat(last.getHeaders()).doesNotContainKey("Link");
        APIGatewayV2HTTPResponse tooMany = call("GET", path + "?per_page=101", bearer("acme-token"), (String) null);
        assertThat(tooMany.getStatusCode()).isEqualTo(400);
        assertThat(json(tooMany)).containsEntry("field", "per_page");
    }

    @Test
    void unknownRoutesAndMethods() {
        assertThat(call("GET", "/nope", Map.of(), (String) null).getStatusCode()).isEqualTo(404);
        assertThat(call("PATCH", "/api/0/organizations/acme/monitors/", bearer("acme-token"), (String) null).getStatusCode())
                .isEqualTo(405);
    }

    // ---- the edge: every refusal says how to authenticate; nothing unexpected escapes ----

    @Test
    void aCredentialRefusalNamesTheFormTheRouteTakes_andNothingElse() {
        String unknown = "DSN http://" + "b".repeat(32) + "@x/1";
        assertThat(json(call("POST", CHECKINS, Map.of("authorization", unknown), "{\"status\": \"ok\"}")).get("detail"))
                .asString().contains("Authorization: DSN <dsn>");
        assertThat(json(call("GET", "/api/1/cron/backup/" + "b".repeat(32) + "/", Map.of(), (String) null)).get("detail"))
                .asString().contains("/api/<project id>/cron/<monitor slug>/<public key>/");
        assertThat(json(call("POST", "/api/1/envelope/", Map.of(), envelope("{}"), false)).get("detail"))
                .asString().contains("sentry_key");
        assertThat(json(call("GET", "/api/0/organizations/acme/monitors/", Map.of(), (String) null)).get("detail"))
                .asString().contains("Authorization: Bearer <token>");
        // an unknown key, another project's key and a malformed key read the same; no header at all reads otherwise
        String otherProject = (String) json(call("POST", CHECKINS, Map.of("authorization", "DSN http://" + OTHER_KEY + "@x/1"),
                "{\"status\": \"ok\"}")).get("detail");
        String malformed = (String) json(call("POST", CHECKINS, Map.of("authorization", "DSN http://zz@x/1"),
                "{\"status\": \"ok\"}")).get("detail");
        String unknownKey = (String) json(call("POST", CHECKINS, Map.of("authorization", unknown), "{\"status\": \"ok\"}")).get("detail");
        String noHeader = (String) json(call("POST", CHECKINS, Map.of(), "{\"status\": \"ok\"}")).get("detail");
        assertThat(otherProject).isEqualTo(malformed).isEqualTo(unknownKey).contains("not accepted");
        assertThat(noHeader).isNotEqualTo(unknownKey).doesNotContain("not accepted");
    }

    @Test
    void aDsnHeaderWithOnlyThePublicKey_saysItIsNotADsnAndGivesTheForm_withoutTellingWhetherTheKeyExists() {
        String known = (String) json(call("POST", CHECKINS, Map.of("authorization", "DSN " + KEY), "{\"status\": \"ok\"}"))
                .get("detail");
        assertRejected(call("POST", CHECKINS, Map.of("authorization", "DSN " + KEY), "{\"status\": \"ok\"}"), 401, "authorization");
        String unknown = (String) json(call("POST", CHECKINS, Map.of("authorization", "DSN " + "b".repeat(32)),
                "{\"status\": \"ok\"}")).get("detail");
        assertThat(known).isEqualTo(unknown).contains("not a DSN", "http(s)://<public key>@<host>/<project id>")
                .doesNotContain("not accepted", "unknown", "revoked");
    }

    @Test
    void aMonitorPathOfNoMonitor_namesTheSlug_andTheNearestOfTheOrganizationOnly() {
        assertThat(call("POST", "/api/0/organizations/acme/monitors/", bearer("acme-token"),
                "{\"project\": \"1\", \"name\": \"Nightly Backup\", \"config\": {\"schedule\": \"0 3 * * *\"}}")
                .getStatusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/0/organizations/globex/monitors/", bearer("globex-token"),
                "{\"project\": \"9\", \"name\": \"Weekly Reports\", \"config\": {\"schedule\": \"0 3 * * *\"}}")
                .getStatusCode()).isEqualTo(201);
        APIGatewayV2HTTPResponse typo = call("GET", "/api/0/organizations/acme/monitors/nightly-bakup/", bearer("acme-token"),
                (String) null);
        assertThat(typo.getStatusCode()).isEqualTo(404);
        assertThat(json(typo)).doesNotContainKey("field").containsEntry("detail", "The requested resource does not exist:"
                + " no monitor \"nightly-bakup\" in this organization. Did you mean \"nightly-backup\"?");
        APIGatewayV2HTTPResponse far = call("GET", "/api/0/organizations/acme/monitors/nightly-bakups/checkins/",
                bearer("acme-token"), (String) null);
        assertThat(json(far)).containsEntry("detail", "The requested resource does not exist:"
                + " no monitor \"nightly-bakups\" in this organization. Did you mean \"nightly-backup\"?");
        APIGatewayV2HTTPResponse none = call("DELETE", "/api/0/organizations/acme/monitors/weekly-report/", bearer("acme-token"),
                (String) null);
        assertThat(json(none)).containsEntry("detail", "The requested resource does not exist:"
                + " no monitor \"weekly-report\" in this organization.");
    }

    @Test
    void anythingUnexpected_isA500WithARequestId_inTheBodyAndTheLog() {
        WholeStore failing = (WholeStore) Proxy.newProxyInstance(WholeStore.class.getClassLoader(),
                new Class<?>[] {WholeStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("monitor")) throw new OutOfMemoryError("a bug of ours");
                    try {
                        return method.invoke(system.store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        handler = handler(Ports.of(new Stores(failing, failing, failing, failing), system.tenants.tenants(), system.queue,
                new RecordingPublisher(), system.clock, UUID::randomUUID, Limits.DEFAULTS));
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        APIGatewayV2HTTPResponse r;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            r = call("GET", "/api/0/organizations/acme/monitors/backup/", bearer("acme-token"), (String) null);
        } finally {
            System.setErr(stderr);
        }
        assertThat(r.getStatusCode()).isEqualTo(500);
        String requestId = (String) json(r).get("requestId");
        assertThat(requestId).isNotBlank();
        assertThat((String) json(r).get("detail")).contains(requestId);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains(requestId).contains("OutOfMemoryError");
    }

    @Test
    void aCreatePastTheOrganizationsMonitorLimit_isA400() {
        handler = handler(Ports.of(system.store.stores(), system.tenants.tenants(), system.queue, new RecordingPublisher(),
                system.clock, UUID::randomUUID, new Limits(6, 2, Limits.DEFAULTS.maxJudgementDelay())));
        String body = "{\"project\": \"1\", \"name\": \"%s\", \"config\": {\"schedule\": \"0 * * * *\"}}";
        assertThat(call("POST", "/api/0/organizations/acme/monitors/", bearer("acme-token"), String.format(body, "one")).getStatusCode())
                .isEqualTo(201);
        assertThat(call("POST", "/api/0/organizations/acme/monitors/", bearer("acme-token"), String.format(body, "two")).getStatusCode())
                .isEqualTo(201);
        APIGatewayV2HTTPResponse third = call("POST", "/api/0/organizations/acme/monitors/", bearer("acme-token"),
                String.format(body, "three"));
        assertThat(third.getStatusCode()).isEqualTo(400);
        assertThat(json(third)).containsEntry("field", "organization");
        assertThat(system.store.monitors("acme")).hasSize(2);
        assertThat(call("POST", "/api/0/organizations/globex/monitors/", bearer("globex-token"),
                "{\"project\": \"9\", \"name\": \"x\", \"config\": {\"schedule\": \"0 * * * *\"}}").getStatusCode())
                .as("another organization's limit is its own").isEqualTo(201);
    }

    // ---- limits, each before the work it would cost ----

    @Test
    void aBodyOver1MbOnceDecompressed_isA413_whateverItsSizeSent() throws Exception {
        byte[] bomb = gzip(new byte[1024 * 1024 + 1]);
        assertThat(bomb.length).isLessThan(Request.MAX_BODY);
        APIGatewayV2HTTPResponse r = call("POST", "/api/1/envelope/?sentry_key=" + KEY, Map.of("content-encoding", "gzip"), bomb, true);
        assertRejected(r, 413, "body");
        assertThat(call("POST", "/api/1/envelope/?sentry_key=" + KEY, Map.of("content-encoding", "br"), new byte[10], true)
                .getStatusCode()).isEqualTo(415);
        assertThat(call("POST", "/api/1/envelope/?sentry_key=" + KEY, Map.of("content-encoding", "gzip"), new byte[10], true)
                .getStatusCode()).isEqualTo(400);
        String checkIn = "{\"monitor_slug\":\"backup\",\"status\":\"ok\",\"monitor_config\":{\"schedule\":\"0 * * * *\"}}";
        APIGatewayV2HTTPResponse ok = call("POST", "/api/1/envelope/?sentry_key=" + KEY, Map.of("content-encoding", "deflate"),
                deflate(envelope(checkIn)), true);
        assertThat(ok.getStatusCode()).as(ok.getBody()).isEqualTo(200);
    }

    @Test
    void envelopes_holdAtMost100Items_andNoItemLongerThanWhatIsLeft() {
        String item = "{\"type\":\"session\"}\n{}\n";
        assertThat(call("POST", "/api/1/envelope/?sentry_key=" + KEY, Map.of(),
                ("{}\n" + item.repeat(100)).getBytes(StandardCharsets.UTF_8), true).getStatusCode()).isEqualTo(200);
        assertRejected(call("POST", "/api/1/envelope/?sentry_key=" + KEY, Map.of(),
                ("{}\n" + item.repeat(101)).getBytes(StandardCharsets.UTF_8), true), 413, "envelope");
        for (String length : List.of("2147483647", "-1", "9223372036854775807", "1e300", "3.5", "\"x\"", "99999999999999999999")) {
            assertRejected(call("POST", "/api/1/envelope/?sentry_key=" + KEY, Map.of(),
                    ("{}\n{\"type\":\"check_in\",\"length\":" + length + "}\n{}\n").getBytes(StandardCharsets.UTF_8), true),
                    400, "envelope");
        }
    }

    @Test
    void envelopes_holdAtMost10CheckIns_andQueueNoneOfTooMany() {
        StringBuilder eleven = new StringBuilder("{}\n");
        for (int i = 0; i < 11; i++) {
            eleven.append("{\"type\":\"check_in\"}\n{\"monitor_slug\":\"backup-").append(i).append("\",\"status\":\"ok\"}\n");
            if (i == 9) eleven.append("{\"type\":\"session\"}\n{}\n".repeat(50));
        }
        String ten = eleven.substring(0, eleven.lastIndexOf("{\"type\":\"check_in\"}"));
        APIGatewayV2HTTPResponse tooMany = call("POST", "/api/1/envelope/?sentry_key=" + KEY, Map.of(),
                eleven.toString().getBytes(StandardCharsets.UTF_8), true);
        assertRejected(tooMany, 413, "envelope");
        assertThat(json(tooMany).get("detail")).asString().contains("10 check_in items");

        assertThat(call("POST", "/api/1/envelope/?sentry_key=" + KEY, Map.of(), ten.getBytes(StandardCharsets.UTF_8), true)
                .getStatusCode()).isEqualTo(200);
        assertThat(system.queue.messages()).hasSize(10);
    }

    @Test
    void environmentsArePrintableText_ofAtMost64Characters() {
        String config = ", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}";
        for (String bad : List.of("\\uffff", "\\ud800", "\\udc00x", "a\\u0007", "\\u2028", "\\ufdd0", "\\ud83f\\udffe", "e".repeat(65))) {
            assertRejected(call("POST", CHECKINS, dsn(), "{\"status\": \"ok\", \"environment\": \"" + bad + "\"" + config),
                    400, "environment");
        }
        // 64 characters of the astral plane are 128 UTF-16 units, and fine
        String emoji = "\uD83D\uDE00".repeat(64);
        assertThat(call("POST", CHECKINS, dsn(), "{\"status\": \"ok\", \"environment\": \"" + emoji + "\"" + config)
                .getStatusCode()).isEqualTo(201);
        assertThat(call("GET", "/api/0/organizations/acme/monitors/backup/checkins/?environment=%EF%BF%BF",
                bearer("acme-token"), (String) null).getStatusCode()).isIn(400, 404);
    }

    @Test
    void multipartBoundaries_areAtMost70Characters_andAPartCutShortIsA400() {
        String id = startRun();
        String path = CHECKINS + id + "/attachment/";
        int before = system.store.writes();
        for (String boundary : List.of("x".repeat(71), "", "a;b", "bad\u00e9", "trailing ")) {
            APIGatewayV2HTTPResponse r = call("POST", path, Map.of("authorization", "DSN " + DSN,
                    "content-type", "multipart/form-data; boundary=\"" + boundary + "\""), multipart("x".getBytes()), true);
            assertThat(r.getStatusCode()).as(boundary).isEqualTo(400);
            assertThat(json(r)).containsEntry("field", "content-type");
        }
        String seventy = "'()+_,-./:=?" + "b".repeat(58);
        byte[] body = ("--" + seventy + "\r\nContent-Disposition: form-data; filename=\"f\"; name=\"file\"\r\n\r\nlog\r\n--"
                + seventy + "--\r\n").getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPResponse ok = call("POST", path, Map.of("authorization", "DSN " + DSN,
                "content-type", "multipart/form-data; boundary=\"" + seventy + "\""), body, true);
        assertThat(ok.getStatusCode()).as(ok.getBody()).isEqualTo(200);
        assertThat(system.store.attachment(new MonitorKey("acme", "backup"), id)).get()
                .satisfies(a -> assertThat(a.filename()).isEqualTo("f"));

        for (String cut : List.of("--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n--XyZ--",
                "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n--XyZ--",
                "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno closing boundary",
                "--XyZ", "--XyZ garbage")) {
            APIGatewayV2HTTPResponse r = call("POST", CHECKINS + UUID.randomUUID() + "/attachment/", Map.of("authorization", "DSN " + DSN,
                    "content-type", "multipart/form-data; boundary=XyZ"), cut.getBytes(StandardCharsets.UTF_8), true);
            assertThat(r.getStatusCode()).as(cut).isEqualTo(400);
        }
        assertThat(system.store.writes()).isEqualTo(before + 1);
    }

    @Test
    void managementSlugsAndCursorsAreCheckedBeforeAnyRead() {
        // a path may name a Healthchecks check, whose slug may be 100 characters (docs/spec.md §14)
        for (String slug : List.of("x%23secret", "s".repeat(101), "UPPER", "123", "a%20b")) {
            APIGatewayV2HTTPResponse r = call("GET", "/api/0/organizations/acme/monitors/" + slug + "/", bearer("acme-token"),
                    (String) null);
            assertThat(r.getStatusCode()).as(slug).isEqualTo(400);
            assertThat(json(r)).containsEntry("field", "slug");
        }
        call("POST", CHECKINS, dsn(), "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        system.process();
        for (String cursor : List.of("!!!", "e30", "MTA", "%25%25")) {
            APIGatewayV2HTTPResponse r = call("GET", "/api/0/organizations/acme/monitors/backup/checkins/?cursor=" + cursor,
                    bearer("acme-token"), (String) null);
            assertThat(r.getStatusCode()).as(cursor).isEqualTo(400);
        }
        for (String perPage : List.of("0", "101", "-1", "abc", "1e2", "99999999999999999999")) {
            APIGatewayV2HTTPResponse r = call("GET", "/api/0/organizations/acme/monitors/?per_page=" + perPage,
                    bearer("acme-token"), (String) null);
            assertThat(r.getStatusCode()).as(perPage).isEqualTo(400);
            assertThat(json(r)).containsEntry("field", "per_page");
        }
    }

    static byte[] deflate(byte[] data) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return java.util.Arrays.copyOf(out, n);
    }
}
