package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /api/0/organizations/{org}/processing-errors/}: what was dropped, wherever it was sent. */
class OrganizationProcessingErrorsTest {
    static final String ERRORS = "/api/0/organizations/acme/processing-errors/";

    final InMemorySystem system = InMemorySystem.seeded();

    APIGatewayV2HTTPResponse call(String method, String pathAndQuery, String authorization, String body) {
        return system.handler.handleRequest(HttpEvents.event(method, pathAndQuery,
                Map.of("authorization", authorization, "content-type", "application/json"), body), null);
    }

    /** A check-in a minute after the previous one, accepted and processed. */
    void checkIn(String slug, String body) {
        system.clock.advance(Duration.ofMinutes(1));
        system.checkIn(slug, body);
    }

    static List<Map<String, Object>> list(APIGatewayV2HTTPResponse r) {
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        return HttpEvents.list(r);
    }

    @Test
    void aCheckInForAMistypedSlug_isListedForTheOrganization_newestFirst_paged() {
        checkIn("nightly-backup", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        checkIn("nightly-bakup", "{\"status\": \"ok\"}");                 // the crontab line's typo
        checkIn("nightly-bakup", "{\"status\": \"error\"}");

        List<Map<String, Object>> all = list(call("GET", ERRORS, "Bearer acme-token", null));
        assertThat(all).hasSize(2).allSatisfy(e -> assertThat(e).containsEntry("monitor", "nightly-bakup")
                .containsEntry("name", "MONITOR_NOT_FOUND").containsEntry("type", 11));
        assertThat(all).extracting(e -> e.get("dateAdded")).containsExactly("2026-01-01T00:03:00Z", "2026-01-01T00:02:00Z");

        APIGatewayV2HTTPResponse first = call("GET", ERRORS + "?per_page=1", "Bearer acme-token", null);
        assertThat(list(first)).extracting(e -> e.get("dateAdded")).containsExactly("2026-01-01T00:03:00Z");
        String link = first.getHeaders().get("Link");
        assertThat(link).contains("rel=\"next\"").contains("per_page=1");
        String cursor = HttpEvents.nextCursor(first);
        APIGatewayV2HTTPResponse second = call("GET", ERRORS + "?per_page=1&cursor="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8), "Bearer acme-token", null);
        assertThat(list(second)).extracting(e -> e.get("dateAdded")).containsExactly("2026-01-01T00:02:00Z");
        assertThat(second.getHeaders()).doesNotContainKey("Link");
    }

    /** Issue 26: 20 envelopes of 10 check-ins each for a mistyped slug, in one minute, leave one item. */
    @Test
    void twentyRequestsOfDropsInAMinute_leaveOneErrorCountingThemAll() {
        checkIn("nightly-backup", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        for (int request = 0; request < 20; request++) {
            StringBuilder envelope = new StringBuilder("{}\n");
            for (int item = 0; item < 10; item++) {
                envelope.append("{\"type\":\"check_in\"}\n{\"check_in_id\":\"")
                        .append(UUID.randomUUID().toString().replace("-", ""))
                        .append("\",\"monitor_slug\":\"nightly-bakup\",\"status\":\"ok\"}\n");
            }
            APIGatewayV2HTTPResponse r = system.handler.handleRequest(HttpEvents.event("POST",
                    "/api/1/envelope/?sentry_key=" + InMemorySystem.KEY, Map.of(),
                    envelope.toString().getBytes(StandardCharsets.UTF_8), true), null);
            assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        }
        system.process();

        assertThat(list(call("GET", ERRORS, "Bearer acme-token", null))).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("monitor", "nightly-bakup").containsEntry("name", "MONITOR_NOT_FOUND")
                .containsEntry("count", 200).containsEntry("data", Map.of("suggestion", "nightly-backup")));
    }

    @Test
    void badPagingNamesTheField_andAnotherOrganizationSeesNothing() {
        checkIn("nightly-bakup", "{\"status\": \"ok\"}");
        assertThat(Json.parseObject(call("GET", ERRORS + "?cursor=not-a-cursor", "Bearer acme-token", null).getBody()))
                .containsEntry("field", "cursor");
        assertThat(call("GET", ERRORS + "?per_page=0", "Bearer acme-token", null).getStatusCode()).isEqualTo(400);
        assertThat(call("GET", ERRORS, "Bearer globex-token", null).getStatusCode()).isEqualTo(404);
        assertThat(list(call("GET", "/api/0/organizations/globex/processing-errors/", "Bearer globex-token", null))).isEmpty();
    }
}
