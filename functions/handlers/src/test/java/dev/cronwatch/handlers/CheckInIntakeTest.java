package dev.cronwatch.handlers;

import static dev.cronwatch.handlers.HttpEvents.json;
import static dev.cronwatch.handlers.HttpEvents.list;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.queue.CheckInMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issues 21 and 22, through the HTTP function and the processor on in-memory ports: which environment
 * names exist, what a JSON error says, the headers of every API answer, a {@code monitor_config} that
 * fails validation, time zone names, and errors that say what to fix.
 */
class CheckInIntakeTest {
    static final String CHECKINS = HttpApiHandlerTest.CHECKINS;
    static final String MONITOR = "/api/0/organizations/acme/monitors/backup/";
    static final String RELAY = "/api/1/cron/backup/" + InMemorySystem.KEY + "/";
    static final String ENVELOPE = "/api/1/envelope/?sentry_key=" + InMemorySystem.KEY;
    static final MonitorKey BACKUP = new MonitorKey("acme", "backup");
    static final String VALID_CONFIG = "\"monitor_config\": {\"schedule\": \"0 * * * *\"}";
    static final Map<String, String> TOKEN = HttpApiHandlerTest.bearer("acme-token");

    final InMemorySystem system = InMemorySystem.seeded();

    APIGatewayV2HTTPResponse call(String method, String path, Map<String, String> headers, String body) {
        return system.handler.handleRequest(HttpEvents.event(method, path, headers, body), null);
    }

    APIGatewayV2HTTPResponse envelope(String checkIn) {
        return system.handler.handleRequest(HttpEvents.event("POST", ENVELOPE, Map.of(),
                HttpApiHandlerTest.envelope(checkIn), false), null);
    }

    static void assertNamesField(APIGatewayV2HTTPResponse r, int status, String field) {
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(status);
        assertThat(json(r)).containsEntry("field", field).containsKey("detail");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> monitor() {
        APIGatewayV2HTTPResponse r = call("GET", MONITOR, TOKEN, null);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        return json(r);
    }

    List<Map<String, Object>> processingErrors(String slug) {
        return list(call("GET", "/api/0/organizations/acme/monitors/" + slug + "/processing-errors/", TOKEN, null));
    }

    /** Creates "backup" (crontab hourly, no time zone) with an ok check-in in production. */
    void createBackup() {
        system.checkIn("backup", "{\"status\": \"ok\", " + VALID_CONFIG + "}");
    }

    // ---- issue 21 item 1: an environment name is a name, in every form that takes one ----

    static final List<String> NOT_NAMES = List.of("..", ".", "a/b", "/", "line\nbreak", "tab\there", "cr\rhere",
            "zero\u200Bwidth", "joi\u200Dner", "\u202Eevil", "iso\u2066late\u2069", "x".repeat(65));

    @Test
    void anEnvironmentThatIsNoNameIsRefusedInEveryCheckInForm_andNothingIsQueued() {
        for (String name : NOT_NAMES) {
            String body = Json.write(Map.of("status", "ok", "environment", name));
            assertNamesField(call("POST", CHECKINS, HttpApiHandlerTest.dsn(), body), 400, "environment");
            assertNamesField(call("PUT", CHECKINS + "latest/", HttpApiHandlerTest.dsn(), body), 400, "environment");
            assertNamesField(call("GET", RELAY + "?status=ok&environment=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                    Map.of(), null), 400, "environment");
            assertNamesField(call("POST", RELAY, Map.of("content-type", "application/json"), body), 400, "environment");
            assertNamesField(envelope(Json.write(Map.of("monitor_slug", "backup", "status", "ok", "environment", name))),
                    400, "environment");
        }
        assertThat(system.queue.messages()).isEmpty();
    }

    @Test
    void theManagementApiRefusesTheSameNames_andMutesNothing() {
        createBackup();
        assertNamesField(call("PUT", MONITOR + "environments/%2E%2E/", TOKEN, "{\"isMuted\": true}"), 400, "environment");
        assertNamesField(call("PUT", MONITOR + "environments/a%2Fb/", TOKEN, "{\"isMuted\": true}"), 400, "environment");
        assertNamesField(call("DELETE", MONITOR + "environments/%2E%2E/", TOKEN, null), 400, "environment");
        assertNamesField(call("GET", MONITOR + "checkins/?environment=%2E%2E", TOKEN, null), 400, "environment");
        assertThat(monitor()).containsEntry("isMuted", false);
        assertThat(call("DELETE", MONITOR + "environments/production/", TOKEN, null).getStatusCode()).isEqualTo(202);
    }

    /** In a path, "+" is a plus: deleting "a+b" must not delete "a b". */
    @Test
    void anEnvironmentInThePathIsReadWithItsPlusSigns() {
        createBackup();
        for (String name : List.of("a b", "a+b")) {
            assertThat(call("POST", CHECKINS, HttpApiHandlerTest.dsn(), "{\"status\": \"ok\", \"environment\": \""
                    + name + "\"}").getStatusCode()).isEqualTo(201);
        }
        system.process();
        assertThat(environmentNames()).contains("a b", "a+b");
        assertThat(call("DELETE", MONITOR + "environments/a+b/", TOKEN, null).getStatusCode()).isEqualTo(202);
        assertThat(environmentNames()).contains("a b").doesNotContain("a+b");
    }

    /** A name stored before the rule existed can still be removed, without removing its monitor. */
    @Test
    void anEnvironmentStoredBeforeTheRuleCanStillBeDeleted() {
        createBackup();
        system.processor.apply(new CheckInMessage("old", BACKUP, "1", "11111111-2222-4333-8444-555555555555",
                true, CheckInStatus.OK, "..", null, null, Instant.parse("2026-01-01T00:00:01Z")), null);
        assertThat(environmentNames()).contains("..");
        assertThat(call("DELETE", MONITOR + "environments/%2E%2E/", TOKEN, null).getStatusCode()).isEqualTo(202);
        assertThat(environmentNames()).containsExactly("production");
    }

    @SuppressWarnings("unchecked")
    private List<Object> environmentNames() {
        return ((List<Map<String, Object>>) monitor().get("environments")).stream().map(e -> e.get("name")).toList();
    }

    // ---- issue 21 item 6: JSON, and the headers of every API answer ----

    @Test
    void jsonWithTrailingContentIsRefused_inABodyAndInAnEnvelopeItem() {
        for (String body : List.of("{\"status\": \"ok\"} xyz", "{\"status\": \"ok\"}{\"status\": \"error\"}", "{} []")) {
            assertNamesField(call("POST", CHECKINS, HttpApiHandlerTest.dsn(), body), 400, "body");
            assertNamesField(call("POST", RELAY, Map.of("content-type", "application/json"), body), 400, "body");
        }
        assertNamesField(envelope("{\"monitor_slug\": \"backup\", \"status\": \"ok\"} trailing"), 400, "envelope");
        assertThat(system.queue.messages()).isEmpty();
    }

    @Test
    void aJsonErrorIsReportedOnce_inOurWords_withWhereItGoesWrong() {
        for (String body : List.of("{\"status\": \"ok\"", "{\"status\": ok}", "{\"status\": \"ok\"} xyz", "[1,")) {
            String detail = (String) json(call("POST", CHECKINS, HttpApiHandlerTest.dsn(), body)).get("detail");
            assertThat(detail).as(body).startsWith("Malformed JSON").contains("line 1, column ")
                    .doesNotContain("Unrecognized", "Unexpected character", "REDACTED", "Source", "StreamReadFeature",
                            "code ", "Exception", "token", "\n");
            assertThat(detail.split("Malformed JSON", -1)).as(detail).hasSize(2);
        }
        String item = (String) json(envelope("{\"monitor_slug\": \"backup\", \"status\": }")).get("detail");
        assertThat(item).contains("check_in item", "line 1, column ").doesNotContain("Unexpected character", "REDACTED");
    }

    @Test
    void everyApiAnswerForbidsCachingAndSniffing_whileTheDashboardsAssetsKeepTheirCaching() {
        Map<String, APIGatewayV2HTTPResponse> answers = new LinkedHashMap<>();
        answers.put("201 check-in", call("POST", CHECKINS, HttpApiHandlerTest.dsn(), "{\"status\": \"ok\", " + VALID_CONFIG + "}"));
        answers.put("202 relay", call("GET", RELAY + "?status=ok", Map.of(), null));
        answers.put("200 envelope", envelope("{\"monitor_slug\": \"backup\", \"status\": \"ok\"}"));
        answers.put("400", call("POST", CHECKINS, HttpApiHandlerTest.dsn(), "{}"));
        answers.put("401", call("POST", CHECKINS, Map.of(), "{}"));
        answers.put("404 unknown route", call("GET", "/nope", Map.of(), null));
        answers.put("404 other organization", call("GET", "/api/0/organizations/globex/monitors/", TOKEN, null));
        answers.put("405", call("PATCH", "/api/0/organizations/acme/monitors/", TOKEN, null));
        answers.put("200 list", call("GET", "/api/0/organizations/acme/monitors/", TOKEN, null));
        answers.put("200 summaries, gzip", call("GET", "/api/0/organizations/acme/monitor-summaries/",
                Map.of("authorization", "Bearer acme-token", "accept-encoding", "gzip"), null));
        String key = (String) json(call("POST", "/api/0/projects/acme/web/keys/", TOKEN, "{}")).get("id");
        answers.put("204 key revoked", call("DELETE", "/api/0/projects/acme/web/keys/" + key + "/", TOKEN, null));
        answers.forEach((what, r) -> assertThat(r.getHeaders()).as(what + ": " + r.getStatusCode())
                .containsEntry("Cache-Control", "no-store").containsEntry("X-Content-Type-Options", "nosniff"));
        assertThat(answers.get("204 key revoked").getStatusCode()).isEqualTo(204);

        APIGatewayV2HTTPResponse page = call("GET", "/", Map.of(), null);
        assertThat(page.getHeaders()).containsEntry("Cache-Control", "no-cache");
    }

    // ---- issue 22 item 1: an invalid monitor_config does not drop the status ----

    @Test
    void anErrorWithABadTimeZoneToAnExistingMonitor_marksItFailed_andSaysWhatToFix() {
        createBackup();
        system.clock.advance(Duration.ofMinutes(1));
        APIGatewayV2HTTPResponse r = call("POST", CHECKINS, HttpApiHandlerTest.dsn(),
                "{\"status\": \"error\", \"monitor_config\": {\"schedule\": \"0 * * * *\", \"timezone\": \"UTC+2\"}}");
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(201);
        system.process();

        Map<String, Object> monitor = monitor();
        @SuppressWarnings("unchecked")
        Map<String, Object> production = ((List<Map<String, Object>>) monitor.get("environments")).get(0);
        assertThat(production).containsEntry("status", "error");
        assertThat(production.get("activeIncident")).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) monitor.get("config");
        assertThat(config).as("the stored config stays").containsEntry("timezone", null);
        assertThat(list(call("GET", MONITOR + "checkins/", TOKEN, null)).get(0)).containsEntry("status", "error");

        assertThat(processingErrors("backup")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("name", "MONITOR_INVALID_CONFIG").containsEntry("type", 8);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) e.get("data");
            @SuppressWarnings("unchecked")
            Map<String, List<String>> errors = (Map<String, List<String>>) data.get("errors");
            assertThat(errors).containsOnlyKeys("monitor_config.timezone");
            assertThat(errors.get("monitor_config.timezone")).singleElement().asString()
                    .contains("UTC+2", "Etc/GMT-2", "Europe/Berlin");
            assertThat((String) data.get("reason")).contains("applied");
        });
    }

    /** Sentry's relay and envelope forms accept and process later: so do ours, with the same outcome. */
    @Test
    void theRelayAndEnvelopeFormsAcceptABadConfig_andTheStatusIsApplied() {
        createBackup();
        String bad = "\"monitor_config\": {\"schedule\": \"0 * * * *\", \"checkin_margin\": -3}";
        system.clock.advance(Duration.ofMinutes(1));
        assertThat(call("POST", RELAY, Map.of("content-type", "application/json"), "{\"status\": \"error\", " + bad + "}")
                .getStatusCode()).isEqualTo(202);
        system.clock.advance(Duration.ofMinutes(1));
        assertThat(envelope("{\"monitor_slug\": \"backup\", \"status\": \"ok\", " + bad + "}").getStatusCode()).isEqualTo(200);
        system.process();
        assertThat(list(call("GET", MONITOR + "checkins/", TOKEN, null))).extracting(c -> c.get("status"))
                .containsExactly("ok", "error", "ok");
        assertThat(processingErrors("backup")).hasSize(2).allSatisfy(e -> assertThat(e.get("data").toString())
                .contains("monitor_config.checkin_margin", "greater than or equal to 0"));
    }

    @Test
    void aBadConfigForAMonitorThatDoesNotExist_isAProcessingError_andCreatesNothing() {
        assertThat(call("POST", "/api/0/organizations/acme/monitors/fresh/checkins/", HttpApiHandlerTest.dsn(),
                "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"61 * * * *\"}}").getStatusCode()).isEqualTo(201);
        system.process();
        assertThat(system.store.monitor(new MonitorKey("acme", "fresh"))).isEmpty();
        assertThat(processingErrors("fresh")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("name", "MONITOR_INVALID_CONFIG");
            assertThat(e.get("data").toString()).contains("monitor_config.schedule", "No monitor \"fresh\" exists");
        });
    }

    @Test
    void theEdgeRefusesOnlyAConfigTheQueueCannotCarry() {
        assertNamesField(call("POST", CHECKINS, HttpApiHandlerTest.dsn(),
                "{\"status\": \"ok\", \"monitor_config\": [1]}"), 400, "monitor_config");
        assertNamesField(call("POST", CHECKINS, HttpApiHandlerTest.dsn(), "{\"status\": \"ok\", \"monitor_config\": "
                + "{\"schedule\": \"" + "1".repeat(5_000) + "\"}}"), 413, "monitor_config");
        assertNamesField(call("POST", CHECKINS, HttpApiHandlerTest.dsn(), "{\"status\": \"ok\", \"monitor_config\": "
                + "{\"schedule\": \"0 * * * *\", \"timezone\": \"\\ud800\"}}"), 400, "monitor_config");
        assertThat(system.queue.messages()).isEmpty();
    }

    // ---- issue 22 item 2: every zone name Sentry accepts, in check-ins and in the management API ----

    @Test
    void everyIanaZoneNameIsAccepted_andAnOffsetIsAnsweredWithTheNamesToSend() {
        for (String zone : List.of("GMT", "CET", "EET", "EST", "EST5EDT", "Universal", "Zulu", "Etc/GMT+5")) {
            String slug = zone.toLowerCase().replaceAll("[^a-z0-9]", "-");
            APIGatewayV2HTTPResponse created = call("POST", "/api/0/organizations/acme/monitors/", TOKEN,
                    "{\"project\": \"1\", \"name\": \"" + slug + "\", \"config\": {\"schedule\": \"0 3 * * *\", \"timezone\": \""
                            + zone + "\"}}");
            assertThat(created.getStatusCode()).as(zone + ": " + created.getBody()).isEqualTo(201);
        }
        system.checkIn("zoned", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 3 * * *\", \"timezone\": \"EST5EDT\"}}");
        assertThat(system.store.monitor(new MonitorKey("acme", "zoned")).orElseThrow().config().timezone()).isEqualTo("EST5EDT");

        APIGatewayV2HTTPResponse offset = call("PUT", "/api/0/organizations/acme/monitors/gmt/", TOKEN,
                "{\"config\": {\"timezone\": \"UTC+2\"}}");
        assertNamesField(offset, 400, "config.timezone");
        assertThat((String) json(offset).get("detail")).contains("Etc/GMT-2", "Europe/Berlin");
        APIGatewayV2HTTPResponse typo = call("PUT", "/api/0/organizations/acme/monitors/gmt/", TOKEN,
                "{\"config\": {\"timezone\": \"Europe/Berln\"}}");
        assertThat((String) json(typo).get("detail")).contains("Did you mean Europe/Berlin?");
    }

    // ---- issue 22 item 9: errors that say what to fix ----

    @Test
    void aMissingCredentialAndARefusedOneReadDifferently_inEveryForm() {
        String wrongKey = "b".repeat(32);
        assertThat(detail(call("POST", CHECKINS, Map.of(), "{\"status\": \"ok\"}")))
                .isNotEqualTo(detail(call("POST", CHECKINS, Map.of("authorization", "DSN http://" + wrongKey + "@x/1"),
                        "{\"status\": \"ok\"}")));
        assertThat(detail(callWithBytes("POST", "/api/1/envelope/", Map.of(), HttpApiHandlerTest.envelope("{}"))))
                .isNotEqualTo(detail(callWithBytes("POST", "/api/1/envelope/?sentry_key=" + wrongKey, Map.of(),
                        HttpApiHandlerTest.envelope("{}"))));
        assertThat(detail(call("GET", "/api/0/organizations/acme/monitors/", Map.of(), null)))
                .isNotEqualTo(detail(call("GET", "/api/0/organizations/acme/monitors/", HttpApiHandlerTest.bearer("nope"), null)));
        assertThat(detail(call("GET", "/api/1/cron/backup/" + wrongKey + "/?status=ok", Map.of(), null)))
                .contains("not accepted");
    }

    private APIGatewayV2HTTPResponse callWithBytes(String method, String path, Map<String, String> headers, byte[] body) {
        return system.handler.handleRequest(HttpEvents.event(method, path, headers, body, false), null);
    }

    private static String detail(APIGatewayV2HTTPResponse r) {
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(401);
        return (String) json(r).get("detail");
    }

    /** It says so, in words that are the same whether that organization exists (globex) or not. */
    @Test
    void aWrongOrganizationInTheUrlSaysSo_withoutConfirmingItExists() {
        for (Map<String, String> credential : List.of(HttpApiHandlerTest.dsn(), TOKEN)) {
            boolean dsn = credential.get("authorization").startsWith("DSN");
            String method = dsn ? "POST" : "GET";
            String suffix = dsn ? "backup/checkins/" : "";
            APIGatewayV2HTTPResponse existing = call(method, "/api/0/organizations/globex/monitors/" + suffix, credential,
                    "{\"status\": \"ok\"}");
            APIGatewayV2HTTPResponse missing = call(method, "/api/0/organizations/nosuchorg/monitors/" + suffix, credential,
                    "{\"status\": \"ok\"}");
            assertNamesField(existing, 404, "organization");
            assertThat(detail404(existing)).contains("does not belong to organization \"globex\"");
            assertThat(detail404(existing).replace("globex", "X")).isEqualTo(detail404(missing).replace("nosuchorg", "X"));
        }
        assertThat(system.queue.messages()).isEmpty();
    }

    private static String detail404(APIGatewayV2HTTPResponse r) {
        return (String) json(r).get("detail");
    }

    @Test
    void anUnknownOrMissingStatusListsTheStatusesToSend() {
        for (APIGatewayV2HTTPResponse r : List.of(
                call("POST", CHECKINS, HttpApiHandlerTest.dsn(), "{\"status\": \"running\"}"),
                call("POST", CHECKINS, HttpApiHandlerTest.dsn(), "{}"),
                call("GET", RELAY + "?status=missed", Map.of(), null),
                envelope("{\"monitor_slug\": \"backup\", \"status\": \"done\"}"))) {
            assertNamesField(r, 400, "status");
            assertThat(detail404(r)).contains("in_progress", "ok", "error");
        }
    }
}
