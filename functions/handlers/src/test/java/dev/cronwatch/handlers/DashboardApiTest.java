package dev.cronwatch.handlers;

import static dev.cronwatch.handlers.HttpEvents.nextCursor;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.monitor.MonitorKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * What the dashboard reads and does through the API: the organization of a token, monitor
 * summaries page by page, check-ins since a time, and muting or deleting one environment.
 */
class DashboardApiTest {
    static final String ORG = "/api/0/organizations/acme";

    final InMemorySystem system = InMemorySystem.seeded();

    /** A call with a bearer token (none when null), and any further headers as name, value pairs. */
    APIGatewayV2HTTPResponse call(String method, String pathAndQuery, String token, String body, String... headers) {
        Map<String, String> all = new HashMap<>();
        if (token != null) all.put("authorization", "Bearer " + token);
        all.put("content-type", "application/json");
        for (int i = 0; i < headers.length; i += 2) all.put(headers[i], headers[i + 1]);
        return system.handler.handleRequest(HttpEvents.event(method, pathAndQuery, all, body), null);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(String body) {
        return (List<Map<String, Object>>) (List<?>) Json.parseArray(body);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @Test
    void theOrganizationsListNamesTheTokensOwn_andNoOther() {
        APIGatewayV2HTTPResponse r = call("GET", "/api/0/organizations/", "acme-token", null);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(list(r.getBody())).singleElement().satisfies(o -> assertThat(o).containsEntry("slug", "acme"));
        assertThat(r.getHeaders()).containsEntry("X-Cronwatch-Time", "2026-01-01T00:00:00Z");
        assertThat(call("GET", "/api/0/organizations/", "nope", null).getStatusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/0/organizations/", null, null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void summariesPageThroughEveryMonitor_eachWithItsEnvironmentsStateAndNewestRuns() {
        for (int i = 0; i < 5; i++) {
            system.checkIn("job-" + i, "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\", \"timezone\": \"Europe/Riga\"}}");
        }
        for (int i = 0; i < 12; i++) { // a run of i + 1 ms reported at minute i + 1: it started that much earlier
            system.clock.advance(Duration.ofMinutes(1));
            system.checkIn("job-1", "{\"status\": \"" + (i == 11 ? "error" : "ok") + "\", \"environment\": \"staging\", \"duration\": " + (i + 1) + "}");
        }
        system.checkIn("job-2", "{\"status\": \"in_progress\"}");

        APIGatewayV2HTTPResponse first = call("GET", ORG + "/monitor-summaries/?per_page=2", "acme-token", null);
        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(first.getHeaders()).containsEntry("X-Cronwatch-Time", "2026-01-01T00:12:00Z")
                .containsEntry("Cache-Control", "no-store");
        List<Map<String, Object>> page = list(first.getBody());
        assertThat(page).extracting(m -> m.get("slug")).containsExactly("job-0", "job-1");
        Map<String, Object> job1 = page.get(1);
        assertThat(job1).containsKeys("name", "status", "isMuted", "project", "config");
        assertThat(list(job1.get("environments"))).extracting(e -> e.get("name")).containsExactly("production", "staging");
        Map<String, Object> staging = list(job1.get("environments")).get(1);
        assertThat(staging).containsEntry("status", "error").containsEntry("lastOk", "2026-01-01T00:10:59.989Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> incident = (Map<String, Object>) staging.get("activeIncident");
        assertThat(incident).containsEntry("reason", "error").containsEntry("failureReason", "An error check-in was detected");
        List<Map<String, Object>> recent = list(staging.get("recentCheckIns"));
        assertThat(recent).as("what the environment item keeps: the newest finished runs")
                .hasSize(dev.cronwatch.core.monitor.MonitorEnvironment.MIN_FINISHED_KEPT);
        assertThat(recent.get(0)).containsEntry("status", "error").containsEntry("dateAdded", "2026-01-01T00:11:59.988Z")
                .containsEntry("duration", 12);

        APIGatewayV2HTTPResponse second = call("GET", ORG + "/monitor-summaries/?per_page=2&cursor="
                + URLEncoder.encode(nextCursor(first), StandardCharsets.UTF_8), "acme-token", null);
        assertThat(list(second.getBody())).extracting(m -> m.get("slug")).containsExactly("job-2", "job-3");
        assertThat(list(list(second.getBody()).get(0).get("environments")).get(0).get("recentCheckIns").toString())
                .contains("in_progress");
        APIGatewayV2HTTPResponse third = call("GET", ORG + "/monitor-summaries/?per_page=2&cursor="
                + URLEncoder.encode(nextCursor(second), StandardCharsets.UTF_8), "acme-token", null);
        assertThat(list(third.getBody())).extracting(m -> m.get("slug")).containsExactly("job-4");
        assertThat(third.getHeaders()).doesNotContainKey("Link");
        assertThat(list(call("GET", ORG + "/monitor-summaries/", "acme-token", null).getBody())).hasSize(5);
    }

    @Test
    void summariesRefuseBadPagingAndOtherOrganizations() {
        system.checkIn("job", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        assertThat(call("GET", ORG + "/monitor-summaries/", "globex-token", null).getStatusCode()).isEqualTo(404);
        assertThat(call("GET", ORG + "/monitor-summaries/", null, null).getStatusCode()).isEqualTo(401);
        for (String perPage : List.of("0", "101", "ten")) {
            APIGatewayV2HTTPResponse r = call("GET", ORG + "/monitor-summaries/?per_page=" + perPage, "acme-token", null);
            assertThat(r.getStatusCode()).isEqualTo(400);
            assertThat(Json.parseObject(r.getBody())).containsEntry("field", "per_page");
        }
        APIGatewayV2HTTPResponse badCursor = call("GET", ORG + "/monitor-summaries/?cursor=xyz", "acme-token", null);
        assertThat(badCursor.getStatusCode()).isEqualTo(400);
        assertThat(Json.parseObject(badCursor.getBody())).containsEntry("field", "cursor");
    }

    @Test
    void summariesAreCompressedForBrowsersThatAcceptIt() throws IOException {
        for (int i = 0; i < 20; i++) system.checkIn("job-" + i, "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        APIGatewayV2HTTPResponse plain = call("GET", ORG + "/monitor-summaries/", "acme-token", null);
        APIGatewayV2HTTPResponse gzip = call("GET", ORG + "/monitor-summaries/", "acme-token", null, "accept-encoding", "gzip");

        assertThat(gzip.getHeaders()).containsEntry("Content-Encoding", "gzip");
        assertThat(gzip.getIsBase64Encoded()).isTrue();
        byte[] compressed = Base64.getDecoder().decode(gzip.getBody());
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(compressed)).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo(plain.getBody());
        assertThat(compressed.length).isLessThan(plain.getBody().length() / 4);
    }

    @Test
    void checkInsSinceATime_andABadTimeNamesTheField() {
        for (int i = 0; i < 4; i++) {
            system.clock.advance(Duration.ofHours(1));
            system.checkIn("job", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        }
        String path = ORG + "/monitors/job/checkins/";
        assertThat(list(call("GET", path + "?since=2026-01-01T03:00:00Z", "acme-token", null).getBody()))
                .extracting(c -> c.get("dateAdded")).containsExactly("2026-01-01T04:00:00Z", "2026-01-01T03:00:00Z");
        assertThat(list(call("GET", path + "?since=", "acme-token", null).getBody())).hasSize(4);
        APIGatewayV2HTTPResponse bad = call("GET", path + "?since=yesterday", "acme-token", null);
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(Json.parseObject(bad.getBody())).containsEntry("field", "since");
    }

    @Test
    void aMutedEnvironmentStillOpensItsIncident_butOnlyItsSiblingsAlert() {
        system.checkIn("job", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        system.checkIn("job", "{\"status\": \"ok\", \"environment\": \"staging\"}");
        String path = ORG + "/monitors/job/environments/staging/";

        APIGatewayV2HTTPResponse muted = call("PUT", path, "acme-token", "{\"isMuted\": true}");
        assertThat(muted.getStatusCode()).as(muted.getBody()).isEqualTo(200);
        assertThat(list(Json.parseObject(muted.getBody()).get("environments")))
                .extracting(e -> e.get("name") + "=" + e.get("isMuted")).containsExactly("production=false", "staging=true");
        assertThat(Json.parseObject(muted.getBody())).containsEntry("isMuted", false);

        system.clock.advance(Duration.ofMinutes(1));
        system.checkIn("job", "{\"status\": \"error\", \"environment\": \"staging\"}");
        system.checkIn("job", "{\"status\": \"error\"}");
        assertThat(system.store.incidents(new MonitorKey("acme", "job"), null, 10_000).items()).hasSize(2);
        assertThat(system.publisher.published()).singleElement()
                .satisfies(a -> assertThat(a.message().attributes()).containsEntry("environment", "production"));

        APIGatewayV2HTTPResponse unmuted = call("PUT", path, "acme-token", "{\"isMuted\": false}");
        assertThat(list(Json.parseObject(unmuted.getBody()).get("environments")).get(1)).containsEntry("isMuted", false);
    }

    @Test
    void mutingAnEnvironmentNamesWhatIsWrong() {
        system.checkIn("job", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        String path = ORG + "/monitors/job/environments/production/";
        assertThat(call("PUT", path, "acme-token", "{}").getStatusCode()).isEqualTo(400);
        assertThat(Json.parseObject(call("PUT", path, "acme-token", "{\"isMuted\": \"yes\"}").getBody()))
                .containsEntry("field", "isMuted");
        assertThat(call("PUT", ORG + "/monitors/job/environments/qa/", "acme-token", "{\"isMuted\": true}").getStatusCode())
                .isEqualTo(404);
        assertThat(call("PUT", ORG + "/monitors/nope/environments/production/", "acme-token", "{\"isMuted\": true}")
                .getStatusCode()).isEqualTo(404);
        assertThat(call("PUT", path, "globex-token", "{\"isMuted\": true}").getStatusCode()).isEqualTo(404);
        assertThat(system.store.environment(new MonitorKey("acme", "job"), "production").orElseThrow().muted()).isFalse();
    }

    @Test
    void deletingAnEnvironmentRemovesItsCheckInsAndIncidents_andTheNextCheckInStartsItAfresh() {
        system.checkIn("job", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        system.checkIn("job", "{\"status\": \"error\", \"environment\": \"staging\"}");
        MonitorKey job = new MonitorKey("acme", "job");
        String path = ORG + "/monitors/job/environments/staging/";

        assertThat(call("DELETE", path, "globex-token", null).getStatusCode()).isEqualTo(404);
        assertThat(call("DELETE", path, "acme-token", null).getStatusCode()).isEqualTo(202);

        Map<String, Object> monitor = Json.parseObject(call("GET", ORG + "/monitors/job/", "acme-token", null).getBody());
        assertThat(list(monitor.get("environments"))).extracting(e -> e.get("name")).containsExactly("production");
        assertThat(system.store.monitor(job).orElseThrow().environments()).containsExactly("production");
        assertThat(system.store.checkIns(job, "staging", null, 10).items()).isEmpty();
        assertThat(system.store.incidents(job, null, 10_000).items()).isEmpty();
        assertThat(system.store.checkIns(job, "production", null, 10).items()).hasSize(1);
        assertThat(call("DELETE", path, "acme-token", null).getStatusCode()).isEqualTo(404);

        system.checkIn("job", "{\"status\": \"ok\", \"environment\": \"staging\"}");
        assertThat(system.store.environment(job, "staging").orElseThrow().status().wireName()).isEqualTo("ok");
        assertThat(system.store.monitor(job).orElseThrow().environments()).containsExactly("production", "staging");
    }
}
