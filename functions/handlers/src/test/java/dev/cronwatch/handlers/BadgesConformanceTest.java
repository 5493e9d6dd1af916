package dev.cronwatch.handlers;

import static dev.cronwatch.handlers.HttpEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.tenant.ApiKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/spec.md §14.5: Healthchecks' badges, one test per rule: the URLs API v3's
 * {@code badges/} lists, SVG, JSON and Shields formats, two and three states, per tag and for the
 * whole project, per check, signed URLs, and one read of the project's summary each.
 */
class BadgesConformanceTest {
    static final String RW = "hcw_0123456789abcdefghijklmnopqr";
    static final String RO = "hcr_0123456789abcdefghijklmnopqr";

    final InMemorySystem system = InMemorySystem.seededWithApiKey(RW);

    APIGatewayV2HTTPResponse get(String url) {
        return get(url, RW);
    }

    APIGatewayV2HTTPResponse get(String url, String apiKey) {
        String path = url.replace("http://cronwatch.test", "");
        Map<String, String> headers = new HashMap<>(Map.of("host", "cronwatch.test", "x-api-key", apiKey));
        return system.handler.handleRequest(HttpEvents.event("GET", path, headers, (String) null), null);
    }

    /** Creates a check through API v3; returns its uuid. */
    String create(String body) {
        APIGatewayV2HTTPResponse r = system.handler.handleRequest(HttpEvents.event("POST", "/api/v3/checks/",
                Map.of("host", "cronwatch.test", "x-api-key", RW), body), null);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(201);
        return (String) json(r).get("uuid");
    }

    /** A ping to {@code /ping/<uuid><suffix>} at {@code at}, processed. */
    void ping(String uuid, String suffix, String at) {
        system.clock.set(Instant.parse(at));
        APIGatewayV2HTTPResponse r = system.handler.handleRequest(HttpEvents.event("GET", "/ping/" + uuid + suffix,
                Map.of("host", "cronwatch.test"), (String) null), null);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        system.process();
    }

    /** The clock's tick at {@code at}, its judgements processed. */
    void tick(String at) {
        system.clock.set(Instant.parse(at));
        system.clockService.tick(Instant.parse(at));
        system.process();
    }

    /** A management API call with acme's token. */
    APIGatewayV2HTTPResponse management(String method, String path, String body) {
        return system.handler.handleRequest(HttpEvents.event(method, path, Map.of("authorization", "Bearer acme-token",
                "content-type", "application/json"), body), null);
    }

    /** The three-state JSON badge's status of {@code tag}. */
    String lateAware(Map<String, Map<String, String>> badges, String tag) {
        return (String) json(get(badges.get(tag).get("json3"))).get("status");
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, String>> badges() {
        APIGatewayV2HTTPResponse r = get("/api/v3/badges/");
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        return (Map<String, Map<String, String>>) json(r).get("badges");
    }

    @Test
    void badgesLists_everyTagAndStar_inThreeFormats_twoAndThreeStates() {
        create("{\"name\": \"backup\", \"tags\": \"prod db\", \"timeout\": 3600}");
        Map<String, Map<String, String>> badges = badges();
        assertThat(badges).containsOnlyKeys("*", "prod", "db");
        assertThat(badges.get("prod")).containsOnlyKeys("svg", "svg3", "json", "json3", "shields", "shields3");
        assertThat(badges.get("prod").get("svg")).matches("http://cronwatch\\.test/badge/[0-9a-f]{32}/[A-Za-z0-9_-]{8}-2/prod\\.svg");
        assertThat(badges.get("prod").get("svg3")).matches("http://cronwatch\\.test/badge/[0-9a-f]{32}/[A-Za-z0-9_-]{8}/prod\\.svg");
        assertThat(badges.get("*").get("json")).matches("http://cronwatch\\.test/badge/[0-9a-f]{32}/[A-Za-z0-9_-]{8}-2\\.json");
    }

    @Test
    void everyTagsListedUrls_answerItsBadge_whateverReservedCharactersItHolds() {
        List<String> tags = List.of("100%", "a+b", "c/d", "e?f", "g#h", "i&j=k", "%41", "l%2Bm", "n;o", "..", "p.q",
                "r~s", "t'u", "v\"w", "x<y>", "caf\u00e9", "\u65e5\u672c", "z\\z", "@:!$,()");
        create("{\"name\": \"backup\", \"tags\": " + Json.write(String.join(" ", tags))
                + ", \"timeout\": 3600}");
        Map<String, Map<String, String>> badges = badges();
        assertThat(badges.keySet()).containsAll(tags);
        for (String tag : tags) {
            for (String form : List.of("svg", "svg3", "json", "json3", "shields", "shields3")) {
                APIGatewayV2HTTPResponse badge = get(badges.get(tag).get(form));
                assertThat(badge.getStatusCode()).as(tag + " " + form + ": " + badges.get(tag).get(form)).isEqualTo(200);
                if (form.startsWith("shields")) assertThat(json(badge)).containsEntry("label", tag);
            }
        }
    }

    @Test
    void aReadOnlyKeysReads_writeNothing_andListTheBadgesOnceAReadWriteKeyMadeThem() {
        system.tenants.createApiKey(ApiKey.of("acme", "1", RO, null, null), RO);
        system.checkIn("backup", "{\"status\": \"ok\"}");
        int writes = system.tenants.writes();
        APIGatewayV2HTTPResponse listing = get("/api/v3/badges/", RO);
        assertThat(listing.getStatusCode()).isEqualTo(200);
        assertThat(json(listing)).containsEntry("badges", Map.of());
        assertThat(get("/api/v3/checks/", RO).getStatusCode()).isEqualTo(200);
        assertThat(system.tenants.writes()).isEqualTo(writes);
        assertThat(system.tenants.badgeKey("acme", "1")).isEmpty();

        Map<String, Map<String, String>> made = badges();
        assertThat(json(get("/api/v3/badges/", RO))).containsEntry("badges", made);
        int afterMade = system.tenants.writes();
        get("/api/v3/badges/", RO);
        assertThat(system.tenants.writes()).isEqualTo(afterMade);
    }

    @Test
    void svgBadge_isHealthchecksDrawing_andCacheableForAMinute() {
        create("{\"name\": \"backup\", \"tags\": \"prod\", \"timeout\": 3600}");
        APIGatewayV2HTTPResponse svg = get(badges().get("prod").get("svg"));
        assertThat(svg.getStatusCode()).isEqualTo(200);
        assertThat(svg.getHeaders()).containsEntry("Content-Type", "image/svg+xml")
                .containsEntry("Cache-Control", "public, max-age=60").containsEntry("Access-Control-Allow-Origin", "*");
        // prod = 7+4+7+7 = 25 (+10), up = 7+7 (+10): Healthchecks' widths
        assertThat(svg.getBody()).contains("width=\"59\"").contains("<text x=\"17.5\" y=\"14\">prod</text>")
                .contains("fill=\"#4c1\"").contains(">up</text>");
    }

    @Test
    void jsonAndShieldsBadges_carryHealthchecksFields() {
        create("{\"name\": \"backup\", \"tags\": \"prod\", \"timeout\": 3600}");
        assertThat(json(get(badges().get("prod").get("json"))))
                .containsExactly(Map.entry("status", "up"), Map.entry("total", 1), Map.entry("grace", 0), Map.entry("down", 0));
        assertThat(json(get(badges().get("*").get("shields")))).containsEntry("schemaVersion", 1)
                .containsEntry("label", "cronwatch").containsEntry("message", "up").containsEntry("color", "success");
    }

    @Test
    void aDownCheck_makesItsTagsAndTheProjectsBadgesDown_andOthersStayUp() {
        create("{\"name\": \"backup\", \"slug\": \"backup\", \"tags\": \"prod\", \"timeout\": 3600}");
        create("{\"name\": \"report\", \"tags\": \"web\", \"timeout\": 3600}");
        Map<String, Map<String, String>> badges = badges();
        system.checkIn("backup", "{\"status\": \"error\"}");
        assertThat(json(get(badges.get("prod").get("json")))).containsEntry("status", "down").containsEntry("down", 1);
        assertThat(json(get(badges.get("*").get("shields")))).containsEntry("message", "down").containsEntry("color", "critical");
        assertThat(json(get(badges.get("web").get("json")))).containsEntry("status", "up");
        system.checkIn("backup", "{\"status\": \"ok\"}");
        assertThat(json(get(badges.get("prod").get("json")))).containsEntry("status", "up");
    }

    @Test
    void threeStateBadges_showLate_fromTheDueTimeUntilDuePlusGrace_twoStateOnesShowUp() {
        String uuid = create("{\"name\": \"backup\", \"tags\": \"prod\", \"timeout\": 3600, \"grace\": 300}");
        Map<String, Map<String, String>> badges = badges();
        ping(uuid, "", "2026-01-01T00:00:00Z");
        tick("2026-01-01T00:59:00Z");
        assertThat(json(get(badges.get("prod").get("json3")))).containsEntry("status", "up");

        tick("2026-01-01T01:00:00Z");
        assertThat(json(get(badges.get("prod").get("json3"))))
                .containsExactly(Map.entry("status", "late"), Map.entry("total", 1), Map.entry("grace", 1), Map.entry("down", 0));
        assertThat(json(get(badges.get("*").get("shields3")))).containsEntry("message", "late").containsEntry("color", "important");
        assertThat(get(badges.get("prod").get("svg3")).getBody()).contains("fill=\"#fe7d37\"").contains(">late</text>");
        assertThat(json(get(badges.get("prod").get("json")))).containsEntry("status", "up");
        assertThat(system.publisher.published()).isEmpty();

        tick("2026-01-01T01:05:00Z");
        assertThat(json(get(badges.get("prod").get("json3")))).containsEntry("status", "down");
        assertThat(json(get(badges.get("prod").get("json")))).containsEntry("status", "down");
    }

    @Test
    void downWinsOverLate_onAThreeStateBadge() {
        String late = create("{\"name\": \"backup\", \"tags\": \"prod\", \"timeout\": 3600, \"grace\": 300}");
        String failing = create("{\"name\": \"report\", \"tags\": \"prod\", \"timeout\": 86400}");
        Map<String, Map<String, String>> badges = badges();
        ping(late, "", "2026-01-01T00:00:00Z");
        tick("2026-01-01T01:00:00Z");
        ping(failing, "/fail", "2026-01-01T01:01:00Z");
        assertThat(json(get(badges.get("prod").get("json3"))))
                .containsEntry("status", "down").containsEntry("grace", 1).containsEntry("down", 1);
    }

    @Test
    void aPingClearsLate_andOnlyALatePingWritesTheBadge() {
        String uuid = create("{\"name\": \"backup\", \"tags\": \"prod\", \"timeout\": 3600, \"grace\": 300}");
        Map<String, Map<String, String>> badges = badges();
        ping(uuid, "", "2026-01-01T00:00:00Z");
        int writes = system.tenants.writes();
        ping(uuid, "", "2026-01-01T00:30:00Z");
        assertThat(system.tenants.writes()).isEqualTo(writes);

        tick("2026-01-01T01:31:00Z");
        assertThat(json(get(badges.get("prod").get("json3")))).containsEntry("status", "late");
        ping(uuid, "/log", "2026-01-01T01:32:00Z");
        assertThat(json(get(badges.get("prod").get("json3")))).containsEntry("status", "late");
        ping(uuid, "", "2026-01-01T01:33:00Z");
        assertThat(json(get(badges.get("prod").get("json3")))).containsEntry("status", "up");
    }

    /** The first check's {@code badge_url}. */
    @SuppressWarnings("unchecked")
    String checkBadgeUrl() {
        return (String) ((Map<String, Object>) ((List<?>) json(get("/api/v3/checks/")).get("checks")).get(0)).get("badge_url");
    }

    @Test
    void aCheckHasItsOwnBadge_atItsBadgeUrl() {
        create("{\"name\": \"backup\", \"slug\": \"backup\", \"timeout\": 3600}");
        String badgeUrl = checkBadgeUrl();
        APIGatewayV2HTTPResponse svg = get(badgeUrl);
        assertThat(svg.getStatusCode()).isEqualTo(200);
        assertThat(svg.getBody()).contains(">backup</text>");
        assertThat(json(get(badgeUrl.replace(".svg", ".json")))).containsEntry("status", "up");
    }

    @Test
    void aBadgeUrl_withAnotherTagsSignature_anUnknownKey_orAnotherFormat_is404() {
        create("{\"name\": \"backup\", \"tags\": \"prod db\", \"timeout\": 3600}");
        Map<String, Map<String, String>> badges = badges();
        String prod = badges.get("prod").get("svg");
        assertThat(get(prod.replace("/prod.svg", "/db.svg")).getStatusCode()).isEqualTo(404);
        assertThat(get(prod.replace(".svg", ".png")).getStatusCode()).isEqualTo(404);
        assertThat(get(prod.replaceFirst("/badge/[0-9a-f]{32}/", "/badge/0123456789abcdef0123456789abcdef/")).getStatusCode())
                .isEqualTo(404);
        assertThat(get("/badge/2123456789abcdef0123456789abcdef/globex/").getStatusCode()).isEqualTo(404);
    }

    @Test
    void everyUnknownBadgeUrl_answersTheSamePlainTextNotFound_sayingWhereBadgeUrlsComeFrom() {
        create("{\"name\": \"backup\", \"slug\": \"backup\", \"tags\": \"prod db\", \"timeout\": 3600}");
        String prod = badges().get("prod").get("svg");
        String withoutSignature = prod.replaceFirst("/[A-Za-z0-9_-]{8}-2/prod\\.svg$", "/prod.svg");
        String unknownKey = prod.replaceFirst("/badge/[0-9a-f]{32}/", "/badge/0123456789abcdef0123456789abcdef/");
        List<String> unknown = List.of(withoutSignature, prod.replace("/prod.svg", "/db.svg"), prod.replace(".svg", ".png"),
                unknownKey, "/b/2/0123456789abcdef0123456789abcdef/abcdefgh/backup.svg",
                prod.replaceFirst("/[A-Za-z0-9_-]{8}-2/prod\\.svg$", ".svg"),
                checkBadgeUrl().replaceFirst("/[A-Za-z0-9_-]{8}/backup\\.svg$", "/backup.svg"));
        for (String url : unknown) {
            APIGatewayV2HTTPResponse r = get(url);
            assertThat(r.getStatusCode()).as(url).isEqualTo(404);
            assertThat(r.getHeaders()).as(url).containsEntry("Content-Type", "text/plain; charset=utf-8");
            assertThat(r.getBody()).as(url)
                    .isEqualTo("not found: badge URLs come from GET /api/v3/badges/ with a read-write key");
        }
    }

    @Test
    void aBadgeReadsOneItem() {
        create("{\"name\": \"backup\", \"tags\": \"prod\", \"timeout\": 3600}");
        String url = badges().get("prod").get("json");
        int before = system.tenants.badgeReads();
        assertThat(get(url).getStatusCode()).isEqualTo(200);
        assertThat(system.tenants.badgeReads() - before).isEqualTo(1);
    }

    @Test
    void aMonitorDeletedThroughTheSentryApi_leavesTheProjectsBadge() {
        create("{\"name\": \"backup\", \"slug\": \"backup\", \"timeout\": 3600}");
        String all = badges().get("*").get("json");
        system.checkIn("backup", "{\"status\": \"error\"}");
        assertThat(json(get(all))).containsEntry("status", "down").containsEntry("total", 1);
        APIGatewayV2HTTPResponse deleted = system.handler.handleRequest(HttpEvents.event("DELETE",
                "/api/0/organizations/acme/monitors/backup/", Map.of("authorization", "Bearer acme-token"), (String) null), null);
        assertThat(deleted.getStatusCode()).isEqualTo(202);
        assertThat(json(get(all))).containsEntry("status", "up").containsEntry("total", 0);
    }

    @Test
    void anEnvironmentDeletedThroughTheSentryApi_takesItsDownStateOffTheBadges() {
        create("{\"name\": \"backup\", \"slug\": \"backup\", \"tags\": \"prod\", \"timeout\": 3600}");
        String prod = badges().get("prod").get("json");
        system.checkIn("backup", "{\"status\": \"error\"}");
        assertThat(json(get(prod))).containsEntry("status", "down");
        APIGatewayV2HTTPResponse deleted = system.handler.handleRequest(HttpEvents.event("DELETE",
                "/api/0/organizations/acme/monitors/backup/environments/production/",
                Map.of("authorization", "Bearer acme-token"), (String) null), null);
        assertThat(deleted.getStatusCode()).isEqualTo(202);
        assertThat(json(get(prod))).containsEntry("status", "up");
    }

    /** Listed before the check goes late: listing them again would rewrite its entry. */
    Map<String, Map<String, String>> badgesOfLateCheck;

    /** Check "backup" tagged prod, hourly with a grace of 5 minutes, late at 01:01; answers its uuid. */
    String lateCheck() {
        String uuid = create("{\"name\": \"backup\", \"slug\": \"backup\", \"tags\": \"prod\", \"timeout\": 3600, \"grace\": 300}");
        badgesOfLateCheck = badges();
        ping(uuid, "", "2026-01-01T00:00:00Z");
        tick("2026-01-01T01:00:00Z");
        assertThat(lateAware(badgesOfLateCheck, "prod")).isEqualTo("late");
        system.clock.set(Instant.parse("2026-01-01T01:01:00Z"));
        return uuid;
    }

    /** A Sentry check-in to a check counts as its ping (H16): its in_progress is a start, which leaves the mark (§14.2). */
    @Test
    void aSentryInProgressToALateCheck_leavesItLate() {
        String uuid = lateCheck();
        system.checkIn("backup", "{\"status\": \"in_progress\"}");

        Map<String, Object> check = json(get("/api/v3/checks/" + uuid));
        assertThat(check.get("next_ping")).as(check.toString()).isEqualTo("2026-01-01T01:00:00+00:00");
        assertThat(lateAware(badgesOfLateCheck, "prod")).isEqualTo("late");
    }

    @Test
    void aManagementScheduleChangeWhileLate_doesNotLeaveTheBadgeLate() {
        String uuid = lateCheck();
        Map<String, Map<String, String>> badges = badgesOfLateCheck;
        APIGatewayV2HTTPResponse r = management("PUT", "/api/0/organizations/acme/monitors/backup/",
                "{\"config\": {\"schedule_type\": \"simple\", \"schedule\": 7200, \"grace\": 300}}");
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        assertThat(lateAware(badges, "prod")).isEqualTo("up");
        ping(uuid, "", "2026-01-01T01:02:00Z");
        assertThat(json(get("/api/v3/checks/" + uuid))).containsEntry("status", "up");
        assertThat(lateAware(badges, "prod")).isEqualTo("up");
    }

    @Test
    void disablingALateCheck_thenEnablingAndPinging_leavesTheBadgeUp() {
        String uuid = lateCheck();
        Map<String, Map<String, String>> badges = badgesOfLateCheck;
        String monitor = "/api/0/organizations/acme/monitors/backup/";
        assertThat(management("PUT", monitor, "{\"status\": \"disabled\"}").getStatusCode()).isEqualTo(200);
        assertThat(lateAware(badges, "prod")).isEqualTo("up");
        assertThat(management("PUT", monitor, "{\"status\": \"active\"}").getStatusCode()).isEqualTo(200);
        ping(uuid, "", "2026-01-01T01:02:00Z");
        assertThat(lateAware(badges, "prod")).isEqualTo("up");
    }

    /** A grace is refused to a Sentry monitor, so it keeps its margin and never shows the late stage. */
    @Test
    void aSentryMonitorNeverShowsLate() {
        system.checkIn("nightly", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\", \"checkin_margin\": 10}}");
        APIGatewayV2HTTPResponse r = management("PUT", "/api/0/organizations/acme/monitors/nightly/", "{\"config\": {\"grace\": 600}}");
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(400);
        Map<String, Map<String, String>> badges = badges();
        system.clock.set(Instant.parse("2026-01-01T00:30:00Z"));
        system.checkIn("nightly", "{\"status\": \"ok\"}");
        tick("2026-01-01T01:00:00Z");
        assertThat(lateAware(badges, "*")).isEqualTo("up");
    }
}
