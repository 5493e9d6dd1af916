package dev.cronwatch.handlers;

import static dev.cronwatch.handlers.HttpEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.Project;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/spec.md §14.4: Healthchecks' management API v3, one test per rule, with the calls
 * of Healthchecks' own API documentation (templates/docs/api.md: the curl lines' headers and bodies).
 */
class HealthchecksApiConformanceTest {
    static final String RW = "hcw_0123456789abcdefghijklmnopqr";
    static final String RO = "hcr_0123456789abcdefghijklmnopqr";
    static final String OTHER_PROJECT = "hcw_zzzzzzzzzzzzzzzzzzzzzzzzzzzz";
    static final String CHECKS = "/api/v3/checks/";
    /** The body of the docs' create and update examples. */
    static final String BACKUPS = "{\"name\": \"Backups\", \"tags\": \"prod www\", \"timeout\": 3600, \"grace\": 60}";

    final InMemorySystem system = InMemorySystem.seeded();

    HealthchecksApiConformanceTest() {
        system.tenants.ensureProject(new Project("acme", "2", "jobs"));
        for (String[] key : new String[][] {{RW, "1"}, {RO, "1"}, {OTHER_PROJECT, "2"}}) {
            system.tenants.createApiKey(ApiKey.of("acme", key[1], key[0], null, null), key[0]);
        }
    }

    APIGatewayV2HTTPResponse call(String method, String path, String key, String body) {
        Map<String, String> headers = new HashMap<>(Map.of("host", "cronwatch.test"));
        if (key != null) headers.put("x-api-key", key);
        return system.handler.handleRequest(HttpEvents.event(method, path, headers, body), null);
    }

    Map<String, Object> created(String body) {
        APIGatewayV2HTTPResponse r = call("POST", CHECKS, RW, body);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(201);
        return json(r);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> checks(APIGatewayV2HTTPResponse r) {
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        return (List<Map<String, Object>>) json(r).get("checks");
    }

    @Test
    void create_docsExample_isASimpleCheckWithTheFieldsClientsRead() {
        Map<String, Object> check = created(BACKUPS);
        String uuid = (String) check.get("uuid");
        assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(check).containsEntry("name", "Backups").containsEntry("slug", "backups")
                .containsEntry("tags", "prod www").containsEntry("timeout", 3600).containsEntry("grace", 60)
                .containsEntry("status", "new").containsEntry("started", false).containsEntry("n_pings", 0)
                .containsEntry("last_ping", null).containsEntry("next_ping", null).containsEntry("manual_resume", false)
                .containsEntry("methods", "").containsEntry("ping_url", "http://cronwatch.test/ping/" + uuid)
                .containsEntry("update_url", "http://cronwatch.test/api/v3/checks/" + uuid)
                .containsEntry("pause_url", "http://cronwatch.test/api/v3/checks/" + uuid + "/pause")
                .containsEntry("resume_url", "http://cronwatch.test/api/v3/checks/" + uuid + "/resume")
                .doesNotContainKeys("schedule", "tz", "unique_key");
        assertThat((String) check.get("badge_url")).startsWith("http://cronwatch.test/b/2/").endsWith("/backups.svg");
        assertThat(system.store.monitors("acme")).anySatisfy(m -> assertThat(m.isPingCheck()).isTrue());
    }

    @Test
    void create_withTheApiKeyInTheBody_asTheDocsShow() {
        APIGatewayV2HTTPResponse r = call("POST", CHECKS, null, "{\"api_key\": \"" + RW + "\", " + BACKUPS.substring(1));
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(201);
    }

    @Test
    void create_withUnique_updatesTheMatchingCheck_with200() {
        String uuid = (String) created(BACKUPS).get("uuid");
        APIGatewayV2HTTPResponse again = call("POST", CHECKS, RW,
                "{\"name\": \"Backups\", \"timeout\": 7200, \"unique\": [\"name\"]}");
        assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(200);
        assertThat(json(again)).containsEntry("uuid", uuid).containsEntry("timeout", 7200);
        assertThat(checks(call("GET", CHECKS, RW, null))).hasSize(1);
        // a field listed in unique but not sent: a new check
        assertThat(call("POST", CHECKS, RW, "{\"name\": \"Other\", \"unique\": [\"tags\"]}").getStatusCode()).isEqualTo(201);
    }

    @Test
    void create_cronAndOnCalendarSchedules_showScheduleAndTz_notTimeout() {
        Map<String, Object> cron = created("{\"name\": \"cron\", \"schedule\": \"*/5 * * * *\", \"tz\": \"Europe/Riga\"}");
        assertThat(cron).containsEntry("schedule", "*/5 * * * *").containsEntry("tz", "Europe/Riga").doesNotContainKey("timeout");
        Map<String, Object> calendar = created("{\"name\": \"calendar\", \"schedule\": \"Mon..Fri 09:00\"}");
        assertThat(calendar).containsEntry("tz", "UTC").doesNotContainKey("timeout");
        assertThat((String) calendar.get("schedule")).contains("09:00");
    }

    @Test
    void update_docsExample_changesTheFieldsSent_andKeepsTheRest() {
        String uuid = (String) created("{\"name\": \"Backups\", \"desc\": \"nightly\", \"grace\": 120}").get("uuid");
        APIGatewayV2HTTPResponse r = call("POST", CHECKS + uuid, RW, BACKUPS);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        assertThat(json(r)).containsEntry("tags", "prod www").containsEntry("timeout", 3600).containsEntry("grace", 60)
                .containsEntry("desc", "nightly");
        APIGatewayV2HTTPResponse cron = call("POST", CHECKS + uuid, RW, "{\"schedule\": \"0 3 * * *\", \"tz\": \"UTC\"}");
        assertThat(json(cron)).containsEntry("schedule", "0 3 * * *").doesNotContainKey("timeout");
    }

    /** A ping to the check's URL ({@code uuid} and what follows it), by this method with this body, processed. */
    void ping(String method, String uuid, String body) {
        APIGatewayV2HTTPResponse r = call(method, "/ping/" + uuid, null, body);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        system.process();
    }

    @Test
    void keywordFilters_areStoredAndShown_andTheDeprecatedSubjectFieldsSetTheKeywords() {
        String uuid = (String) created("{\"name\": \"Backups\", \"filter_http_body\": true, \"start_kw\": \"go\", "
                + "\"success_kw\": \"done\", \"failure_kw\": \"ERROR,FATAL\", \"filter_default_fail\": true}").get("uuid");
        assertThat(json(call("GET", CHECKS + uuid, RW, null))).containsEntry("filter_http_body", true)
                .containsEntry("start_kw", "go").containsEntry("success_kw", "done").containsEntry("failure_kw", "ERROR,FATAL")
                .containsEntry("filter_default_fail", true).containsEntry("filter_subject", false)
                .containsEntry("subject", "").containsEntry("subject_fail", "");

        APIGatewayV2HTTPResponse r = call("POST", CHECKS + uuid, RW, "{\"subject\": \"OK\", \"subject_fail\": \"BAD\"}");
        assertThat(json(r)).containsEntry("success_kw", "OK").containsEntry("failure_kw", "BAD")
                .containsEntry("filter_subject", true).containsEntry("subject", "OK").containsEntry("subject_fail", "BAD")
                .containsEntry("filter_http_body", true).containsEntry("start_kw", "go");
        // an explicit keyword sent with its deprecated name wins, as Healthchecks applies it last
        assertThat(json(call("POST", CHECKS + uuid, RW, "{\"subject\": \"A\", \"success_kw\": \"B\"}")))
                .containsEntry("success_kw", "B");
        assertThat(json(call("POST", CHECKS + uuid, RW, "{\"subject\": \"\", \"subject_fail\": \"\"}")))
                .containsEntry("filter_subject", false).containsEntry("subject", "");
    }

    @Test
    void keywordFilters_decideWhatAPingIs_byItsBody() {
        String uuid = (String) created("{\"name\": \"Backups\", \"filter_http_body\": true, \"success_kw\": \"done\", "
                + "\"failure_kw\": \"ERROR\"}").get("uuid");
        ping("POST", uuid, "nothing to see");
        assertThat(json(call("GET", CHECKS + uuid, RW, null))).containsEntry("status", "new").containsEntry("n_pings", 1);
        ping("POST", uuid, "backup done");
        assertThat(json(call("GET", CHECKS + uuid, RW, null))).containsEntry("status", "up");
        ping("POST", uuid, "backup done, 1 ERROR");
        assertThat(json(call("GET", CHECKS + uuid, RW, null))).containsEntry("status", "down");
    }

    @Test
    void methodsPost_ignoresPingsByAnotherMethod() {
        String uuid = (String) created("{\"name\": \"Backups\", \"methods\": \"POST\"}").get("uuid");
        ping("GET", uuid, null);
        ping("HEAD", uuid, null);
        assertThat(json(call("GET", CHECKS + uuid, RW, null))).containsEntry("status", "new").containsEntry("n_pings", 2)
                .containsEntry("methods", "POST");
        ping("POST", uuid, "");
        assertThat(json(call("GET", CHECKS + uuid, RW, null))).containsEntry("status", "up");
    }

    /** Each is kept in the monitor's item and tags in the badge summary, which DynamoDB bounds (hostile review). */
    @Test
    void tagsDescriptionAndChannels_ofUnboundedLength_areRefused_andStoreNothing() {
        Map<String, String> cases = Map.of(
                "{\"name\": \"x\", \"tags\": \"" + "t ".repeat(251) + "\"}", "json validation error: tags is too long",
                "{\"name\": \"x\", \"desc\": \"" + "d".repeat(2_001) + "\"}", "json validation error: desc is too long",
                "{\"name\": \"x\", \"channels\": \"" + "c".repeat(2_001) + "\"}", "json validation error: channels is too long");
        cases.forEach((body, error) -> {
            APIGatewayV2HTTPResponse r = call("POST", CHECKS, RW, body);
            assertThat(r.getStatusCode()).as(error).isEqualTo(400);
            assertThat(json(r)).as(error).containsExactly(Map.entry("error", error));
        });
        assertThat(system.store.monitors("acme")).isEmpty();
        assertThat(call("POST", CHECKS, RW, "{\"name\": \"x\", \"tags\": \"" + "t ".repeat(250) + "\"}")
                .getStatusCode()).isEqualTo(201);
    }

    /** A number past what an instant holds is a client's mistake like any malformed one (hostile review: it was a 500). */
    @Test
    void flips_withANumberNoInstantHolds_isA400() {
        String uuid = backups();
        for (String query : List.of("seconds=9223372036854775807", "seconds=-9223372036854775808",
                "start=9223372036854775807", "start=99999999999999999", "end=-9223372036854775808")) {
            assertThat(call("GET", CHECKS + uuid + "/flips/?" + query, RO, null).getStatusCode()).as(query).isEqualTo(400);
        }
    }

    @Test
    void refusals_inHealthchecksWords_storeNothing() {
        Map<String, String> cases = Map.of(
                "{\"name\": \"x\", \"timeout\": 30}", "json validation error: timeout is too small",
                "{\"grace\": 31536001}", "json validation error: grace is too large",
                "{\"name\": null}", "json validation error: name is not a string",
                "{\"timeout\": \"3600\"}", "json validation error: timeout is not a number",
                "{\"tz\": \"Mars/Olympus\"}", "json validation error: tz is not a valid timezone",
                "{\"schedule\": \"61 * * * *\"}", "json validation error: schedule is not a valid cron or OnCalendar expression",
                "{\"slug\": \"Not Valid\"}", "json validation error: slug does not match pattern",
                "{\"unique\": [\"desc\"]}", "json validation error: an item in 'unique' has unexpected value",
                "{not json", "could not parse request body",
                "[1]", "json validation error: value is not an object");
        int writes = system.tenants.writes();
        cases.forEach((body, error) -> {
            APIGatewayV2HTTPResponse r = call("POST", CHECKS, RW, body);
            assertThat(r.getStatusCode()).as(body).isEqualTo(400);
            assertThat(json(r)).as(body).containsExactly(Map.entry("error", error));
        });
        assertThat(system.store.monitors("acme")).isEmpty();
        assertThat(system.tenants.writes()).isEqualTo(writes);
    }

    @Test
    void authentication_missingWrongAndReadOnlyKeys() {
        assertThat(json(call("GET", CHECKS, null, null))).containsEntry("error", "missing api key");
        assertThat(call("GET", CHECKS, null, null).getStatusCode()).isEqualTo(401);
        assertThat(json(call("GET", CHECKS, "short", null))).containsEntry("error", "missing api key");
        assertThat(json(call("GET", CHECKS, "hcw_aaaaaaaaaaaaaaaaaaaaaaaaaaaa", null))).containsEntry("error", "wrong api key");
        APIGatewayV2HTTPResponse readOnlyWrite = call("POST", CHECKS, RO, BACKUPS);
        assertThat(readOnlyWrite.getStatusCode()).isEqualTo(401);
        assertThat(json(readOnlyWrite)).containsEntry("error", "wrong api key");
        assertThat(system.store.monitors("acme")).isEmpty();
    }

    @Test
    void readOnlyKey_readsChecksWithTheirUniqueKey_andNoUuidOrUrls() {
        String uuid = (String) created(BACKUPS).get("uuid");
        Map<String, Object> seen = checks(call("GET", CHECKS, RO, null)).get(0);
        assertThat(seen).doesNotContainKeys("uuid", "ping_url", "update_url", "pause_url", "resume_url", "channels");
        String uniqueKey = (String) seen.get("unique_key");
        assertThat(uniqueKey).matches("[0-9a-f]{40}").isNotEqualTo(uuid);
        assertThat(json(call("GET", CHECKS + uniqueKey, RO, null))).containsEntry("name", "Backups");
        assertThat(call("GET", CHECKS + uuid + "/pings/", RO, null).getStatusCode()).as("pings: read-write only").isEqualTo(401);
    }

    @Test
    void list_filtersByEveryTagGiven_andBySlug() {
        created("{\"name\": \"a\", \"tags\": \"prod www\"}");
        created("{\"name\": \"b\", \"tags\": \"prod\"}");
        assertThat(checks(call("GET", CHECKS + "?tag=prod", RW, null))).hasSize(2);
        assertThat(checks(call("GET", CHECKS + "?tag=prod&tag=www", RW, null))).extracting(c -> c.get("name")).containsExactly("a");
        assertThat(checks(call("GET", CHECKS + "?slug=b", RW, null))).extracting(c -> c.get("name")).containsExactly("b");
        assertThat(checks(call("GET", CHECKS + "?tag=nope", RW, null))).isEmpty();
    }

    @Test
    void get_anotherProjectsCheckIs403_anUnknownOne404() {
        String uuid = (String) created(BACKUPS).get("uuid");
        assertThat(call("GET", CHECKS + uuid, RW, null).getStatusCode()).isEqualTo(200);
        assertThat(call("GET", CHECKS + uuid, OTHER_PROJECT, null).getStatusCode()).isEqualTo(403);
        assertThat(call("POST", CHECKS + uuid, OTHER_PROJECT, "{\"name\": \"stolen\"}").getStatusCode()).isEqualTo(403);
        assertThat(call("GET", CHECKS + "00000000-0000-4000-8000-000000000000", RW, null).getStatusCode()).isEqualTo(404);
        assertThat(json(call("GET", CHECKS + uuid, RW, null))).containsEntry("name", "Backups");
    }

    @Test
    void pauseAndResume_docsExamples_resumeOfAnUnpausedCheckIs409() {
        String uuid = (String) created(BACKUPS).get("uuid");
        APIGatewayV2HTTPResponse paused = call("POST", CHECKS + uuid + "/pause", RW, "");
        assertThat(paused.getStatusCode()).as(paused.getBody()).isEqualTo(200);
        assertThat(json(paused)).containsEntry("status", "paused");
        assertThat(json(call("POST", CHECKS + uuid + "/pause", RW, ""))).as("again: no change").containsEntry("status", "paused");
        assertThat(json(call("POST", CHECKS + uuid + "/resume", RW, ""))).containsEntry("status", "new")
                .containsEntry("last_ping", null);
        APIGatewayV2HTTPResponse again = call("POST", CHECKS + uuid + "/resume", RW, "");
        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(again.getBody()).isEqualTo("check is not paused");
    }

    @Test
    void delete_docsExample_answersTheCheck_whichIsThenGone() {
        String uuid = (String) created(BACKUPS).get("uuid");
        APIGatewayV2HTTPResponse deleted = call("DELETE", CHECKS + uuid, RW, null);
        assertThat(deleted.getStatusCode()).isEqualTo(200);
        assertThat(json(deleted)).containsEntry("uuid", uuid).containsEntry("name", "Backups");
        assertThat(call("GET", CHECKS + uuid, RW, null).getStatusCode()).isEqualTo(404);
        assertThat(system.store.monitors("acme")).isEmpty();
    }

    @Test
    void status_answersOK_andPreflightsAnswer204WithHealthchecksCorsHeaders() {
        APIGatewayV2HTTPResponse status = call("GET", "/api/v3/status/", null, null);
        assertThat(status.getStatusCode()).isEqualTo(200);
        assertThat(status.getBody()).isEqualTo("OK");
        APIGatewayV2HTTPResponse preflight = call("OPTIONS", CHECKS, null, null);
        assertThat(preflight.getStatusCode()).isEqualTo(204);
        assertThat(preflight.getHeaders()).containsEntry("Access-Control-Allow-Origin", "*")
                .containsEntry("Access-Control-Allow-Headers", "X-Api-Key").containsEntry("Access-Control-Max-Age", "600");
        assertThat(call("GET", CHECKS, RW, null).getHeaders()).containsEntry("Access-Control-Allow-Origin", "*");
    }

    @Test
    @SuppressWarnings("unchecked")
    void pings_listAStartAndItsSuccessWithTheDuration_newestFirst() {
        String uuid = backups();
        system.checkIn("backups", "{\"status\": \"in_progress\"}");
        system.clock.advance(Duration.ofSeconds(3));
        APIGatewayV2HTTPResponse ok = system.handler.handleRequest(HttpEvents.event("PUT",
                "/api/0/organizations/acme/monitors/backups/checkins/latest/",
                Map.of("authorization", "DSN " + InMemorySystem.DSN), "{\"status\": \"ok\"}"), null);
        assertThat(ok.getStatusCode()).as(ok.getBody()).isEqualTo(202);
        system.process();

        List<Map<String, Object>> pings = (List<Map<String, Object>>) json(call("GET", CHECKS + uuid + "/pings/", RW, null)).get("pings");
        assertThat(pings).extracting(p -> p.get("type"), p -> p.get("n"))
                .containsExactly(org.assertj.core.api.Assertions.tuple("success", 2), org.assertj.core.api.Assertions.tuple("start", 1));
        assertThat(pings.get(0)).containsEntry("duration", 3.0).containsEntry("date", "2026-01-01T00:00:03+00:00");
        Map<String, Object> check = json(call("GET", CHECKS + uuid, RW, null));
        assertThat(check).containsEntry("status", "up").containsEntry("last_duration", 3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pings_listEveryPingWithItsNumber_logAndIgnoredToo_andServeTheirBodies() {
        String uuid = (String) created("{\"name\": \"Backups\", \"methods\": \"POST\"}").get("uuid");
        String rid = "0a0a0a0a-0000-4000-8000-000000000001";
        ping("POST", uuid + "/start?rid=" + rid, "starting");
        system.clock.advance(Duration.ofSeconds(2));
        ping("POST", uuid + "?rid=" + rid, null);
        system.clock.advance(Duration.ofSeconds(2));
        ping("POST", uuid + "/log", "42 files");
        system.clock.advance(Duration.ofSeconds(2));
        ping("GET", uuid, null);

        List<Map<String, Object>> pings = (List<Map<String, Object>>) json(call("GET", CHECKS + uuid + "/pings/", RW, null))
                .get("pings");
        String bodies = "http://cronwatch.test/api/v3/checks/" + uuid + "/pings/";
        assertThat(pings).extracting(p -> p.get("type"), p -> p.get("n"), p -> p.get("method"), p -> p.get("body_url"))
                .containsExactly(org.assertj.core.api.Assertions.tuple("ign", 4, "GET", null),
                        org.assertj.core.api.Assertions.tuple("log", 3, "POST", bodies + "3/body"),
                        org.assertj.core.api.Assertions.tuple("success", 2, "POST", null),
                        org.assertj.core.api.Assertions.tuple("start", 1, "POST", bodies + "1/body"));
        assertThat(pings.get(2)).containsEntry("duration", 2.0).containsEntry("rid", rid)
                .containsEntry("date", "2026-01-01T00:00:02+00:00");
        assertThat(pings.get(3)).containsEntry("rid", rid).containsEntry("date", "2026-01-01T00:00:00+00:00")
                .doesNotContainKey("duration");

        APIGatewayV2HTTPResponse body = call("GET", CHECKS + uuid + "/pings/3/body", RW, null);
        assertThat(body.getStatusCode()).isEqualTo(200);
        assertThat(body.getBody()).isEqualTo("42 files");
        assertThat(body.getHeaders().get("Content-Type")).startsWith("text/plain");
        assertThat(call("GET", CHECKS + uuid + "/pings/1/body", RW, null).getBody()).isEqualTo("starting");
        for (String n : List.of("2", "4", "5", "x")) {
            assertThat(call("GET", CHECKS + uuid + "/pings/" + n + "/body", RW, null).getStatusCode()).as(n).isEqualTo(404);
        }
        assertThat(call("GET", CHECKS + uuid + "/pings/3/body", RO, null).getStatusCode()).isEqualTo(401);
        // Sentry's view of the same check: one run, started and ended
        assertThat(system.store.allCheckIns(new dev.cronwatch.core.monitor.MonitorKey("acme", "backups")))
                .singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(dev.cronwatch.core.monitor.CheckInStatus.OK));
    }

    @Test
    @SuppressWarnings("unchecked")
    void pings_numbersAreUnique_whenSentryCheckInsAndPingsReachTheSameCheck() {
        String uuid = (String) created("{\"name\": \"Backups\", \"slug\": \"backups\", \"timeout\": 3600}").get("uuid");
        ping("GET", uuid, null);
        system.clock.advance(Duration.ofSeconds(2));
        system.checkIn("backups", "{\"status\": \"ok\"}");
        system.clock.advance(Duration.ofSeconds(2));
        ping("GET", uuid + "/start", null);
        system.clock.advance(Duration.ofSeconds(2));
        system.checkIn("backups", "{\"status\": \"ok\", \"duration\": 1000}");
        system.clock.advance(Duration.ofMinutes(1));
        ping("GET", uuid, null);

        List<Map<String, Object>> pings = (List<Map<String, Object>>) json(call("GET", CHECKS + uuid + "/pings/", RW, null))
                .get("pings");
        assertThat(pings).extracting(p -> p.get("type"), p -> p.get("n")).containsExactly(
                org.assertj.core.api.Assertions.tuple("success", 5), org.assertj.core.api.Assertions.tuple("success", 4),
                org.assertj.core.api.Assertions.tuple("start", 3), org.assertj.core.api.Assertions.tuple("success", 2),
                org.assertj.core.api.Assertions.tuple("success", 1));
        assertThat(pings.get(3)).containsEntry("method", null).containsEntry("ua", "").containsEntry("scheme", "http");
        assertThat(json(call("GET", CHECKS + uuid, RW, null))).containsEntry("n_pings", 5);
    }

    int alertsRaised() {
        return system.store.outbox().size() + system.publisher.published().size();
    }

    @Test
    @SuppressWarnings("unchecked")
    void channels_listsTheStacksOneChannel_forReadWriteKeys() {
        APIGatewayV2HTTPResponse r = call("GET", "/api/v3/channels/", RW, null);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) json(r).get("channels")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("id", dev.cronwatch.core.healthchecks.StackChannel.ID).containsEntry("name", "alerts")
                        .containsEntry("kind", "sns"));
        assertThat(call("GET", "/api/v3/channels/", RO, null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void channels_noneOpensTheIncidentWithoutAnAlert_allOrTheChannelsIdAlerts() {
        String silent = (String) created("{\"name\": \"quiet\", \"channels\": \"\"}").get("uuid");
        assertThat(json(call("GET", CHECKS + silent, RW, null))).containsEntry("channels", "");
        ping("POST", silent + "/fail", null);
        assertThat(json(call("GET", CHECKS + silent, RW, null))).containsEntry("status", "down");
        assertThat(json(call("GET", CHECKS + silent + "/flips/", RW, null)).get("flips")).asList().hasSize(1);
        assertThat(alertsRaised()).isZero();

        String loud = (String) created("{\"name\": \"loud\", \"channels\": \"" + dev.cronwatch.core.healthchecks.StackChannel.ID + "\"}").get("uuid");
        assertThat(json(call("GET", CHECKS + loud, RW, null))).containsEntry("channels", dev.cronwatch.core.healthchecks.StackChannel.ID);
        ping("POST", loud + "/fail", null);
        assertThat(alertsRaised()).isEqualTo(1);
        String all = (String) created("{\"name\": \"all\", \"channels\": \"*\"}").get("uuid");
        assertThat(json(call("GET", CHECKS + all, RW, null))).containsEntry("channels", dev.cronwatch.core.healthchecks.StackChannel.ID);
        assertThat(json(call("POST", CHECKS + silent, RW, "{\"channels\": \"alerts\"}"))).containsEntry("channels", dev.cronwatch.core.healthchecks.StackChannel.ID);
    }

    @Test
    void channels_anUnknownIdentifier_isRefusedInHealthchecksWords_andStoresNothing() {
        APIGatewayV2HTTPResponse r = call("POST", CHECKS, RW, "{\"name\": \"x\", \"channels\": \"" + dev.cronwatch.core.healthchecks.StackChannel.ID + ",email\"}");
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(json(r)).containsExactly(Map.entry("error", "invalid channel identifier: email"));
        assertThat(system.store.monitors("acme")).isEmpty();
    }

    /** The dashboard's setup help reads it to offer the slug form of the ping URLs. */
    @Test
    void thePingKey_isMadeOnFirstAsking_answeredToTheOrganizationsTokenOnly_andPingsBySlug() {
        String path = "/api/0/projects/acme/web/ping-key/";
        APIGatewayV2HTTPResponse r = system.handler.handleRequest(HttpEvents.event("GET", path,
                Map.of("authorization", "Bearer acme-token"), null), null);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        String pingKey = (String) json(r).get("pingKey");
        assertThat(pingKey).matches("[a-z0-9]{22}");
        assertThat(json(system.handler.handleRequest(HttpEvents.event("GET", "/api/0/projects/acme/1/ping-key/",
                Map.of("authorization", "Bearer acme-token"), null), null))).containsEntry("pingKey", pingKey);
        for (String token : new String[] {"Bearer globex-token", "DSN " + InMemorySystem.DSN}) {
            APIGatewayV2HTTPResponse refused = system.handler.handleRequest(HttpEvents.event("GET", path,
                    Map.of("authorization", token), null), null);
            assertThat(refused.getStatusCode()).as(token).isBetween(400, 499);
            assertThat(refused.getBody()).doesNotContain(pingKey);
        }
        assertThat(system.handler.handleRequest(HttpEvents.event("GET", "/api/0/projects/acme/nope/ping-key/",
                Map.of("authorization", "Bearer acme-token"), null), null).getStatusCode()).isEqualTo(404);

        String uuid = (String) created("{\"name\": \"Backups\", \"slug\": \"backups\"}").get("uuid");
        ping("GET", pingKey + "/backups", null);
        assertThat(json(call("GET", CHECKS + uuid, RW, null))).containsEntry("status", "up");
    }

    /** A first ping key that keeps meeting other writers' transactions is a lost race: 409, try again (§4.6). */
    @Test
    void aPingKeyWhoseWritesKeepConflicting_is409TryAgain_storingNothing() {
        system.tenants.conflictOnPingKeys();
        APIGatewayV2HTTPResponse r = system.handler.handleRequest(HttpEvents.event("GET", "/api/0/projects/acme/web/ping-key/",
                Map.of("authorization", "Bearer acme-token"), null), null);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(409);
        assertThat(r.getBody()).contains("try again");
        assertThat(system.tenants.pingKeyOf("acme", "1")).isEmpty();
    }

    /** Healthchecks' slugs are up to 100 characters; Sentry's monitors keep theirs at 50. */
    @Test
    @SuppressWarnings("unchecked")
    void aHundredCharacterSlug_worksThroughPingsApiV3TheSentryListAndTheDashboardsCalls() {
        String slug = "nightly-" + "x".repeat(92);
        String uuid = (String) created("{\"name\": \"Nightly\", \"slug\": \"" + slug + "\"}").get("uuid");
        Map<String, Object> named = created("{\"name\": \"Backup of " + "db ".repeat(30) + "\"}");
        assertThat((String) named.get("slug")).hasSize(99).startsWith("backup-of-db-db-").endsWith("-db");
        assertThat(json(call("POST", CHECKS, RW, "{\"name\": \"x\", \"slug\": \"" + "y".repeat(101) + "\"}")))
                .containsEntry("error", "json validation error: slug is too long");

        String pingKey = system.tenants.ensurePingKey("acme", "1", "abcdefghijklmnopqrstuv").key();
        ping("POST", pingKey + "/" + slug, null);
        assertThat(json(call("GET", CHECKS + uuid, RW, null))).containsEntry("slug", slug).containsEntry("status", "up");
        assertThat(checks(call("GET", CHECKS + "?slug=" + slug, RW, null))).hasSize(1);

        Map<String, String> token = Map.of("authorization", "Bearer acme-token");
        String monitors = "/api/0/organizations/acme/monitors/";
        APIGatewayV2HTTPResponse list = system.handler.handleRequest(HttpEvents.event("GET", monitors, token, null), null);
        assertThat(list.getBody()).contains("\"slug\":\"" + slug + "\"");
        for (String path : List.of(slug + "/", slug + "/checkins/", slug + "/incidents/", slug + "/processing-errors/")) {
            APIGatewayV2HTTPResponse r = system.handler.handleRequest(HttpEvents.event("GET", monitors + path, token, null), null);
            assertThat(r.getStatusCode()).as(path + ": " + r.getBody()).isEqualTo(200);
        }
        APIGatewayV2HTTPResponse summaries = system.handler.handleRequest(HttpEvents.event("GET",
                "/api/0/organizations/acme/monitor-summaries/", token, null), null);
        assertThat(summaries.getBody()).contains(slug);
        // Sentry's own monitors keep Sentry's 50
        APIGatewayV2HTTPResponse sentry = system.handler.handleRequest(HttpEvents.event("POST", monitors, token,
                "{\"name\": \"n\", \"slug\": \"" + "z".repeat(51) + "\", \"project\": \"1\", "
                        + "\"config\": {\"schedule_type\": \"crontab\", \"schedule\": \"0 * * * *\"}}"), null);
        assertThat(sentry.getStatusCode()).isEqualTo(400);
        assertThat(sentry.getBody()).contains("1 to 50");
    }

    @Test
    @SuppressWarnings("unchecked")
    void flips_aFailIsAFlipDown_asHealthchecksListsThem() {
        String uuid = backups();
        system.checkIn("backups", "{\"status\": \"error\"}");
        List<Map<String, Object>> flips = (List<Map<String, Object>>) json(call("GET", CHECKS + uuid + "/flips/", RO, null))
                .get("flips");
        assertThat(flips).containsExactly(Map.of("timestamp", "2026-01-01T00:00:00+00:00", "up", 0));
        assertThat(json(call("GET", CHECKS + uuid, RW, null))).containsEntry("status", "down");
    }

    /** Creates the check "backups" (timeout one hour); answers its uuid, as the read-write key's listing shows it. */
    private String backups() {
        created("{\"name\": \"Backups\", \"slug\": \"backups\", \"timeout\": 3600}");
        return (String) checks(call("GET", CHECKS, RW, null)).get(0).get("uuid");
    }
}
