package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cursor is bound to the listing that made it (docs/spec.md §4): its route, the organization,
 * monitor or project in its path, and its filters. Sent anywhere else it is a 400 naming
 * {@code cursor}, never a page; sent back to its own listing it pages on, whatever {@code per_page}.
 */
class ListingCursorsTest {
    private final TwoTenants system = new TwoTenants();
    private static final String ACME = "/api/0/organizations/acme/";

    private APIGatewayV2HTTPResponse get(String pathAndQuery, TwoTenants.Tenant tenant) {
        return system.send("GET", pathAndQuery, Map.of("authorization", "Bearer " + tenant.token()), null, false);
    }

    private String cursorOf(String pathAndQuery, TwoTenants.Tenant tenant) {
        APIGatewayV2HTTPResponse first = get(pathAndQuery, tenant);
        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(200);
        String cursor = HttpEvents.nextCursor(first);
        assertThat(cursor).as("a next page of " + pathAndQuery).isNotNull();
        return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    private static void assertRefusesTheCursor(APIGatewayV2HTTPResponse response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(HttpEvents.json(response)).containsEntry("field", "cursor").containsKey("detail");
    }

    @Test
    void aCheckInCursorIsRefused_withAnotherEnvironmentOrSince() {
        String checkIns = ACME + "monitors/backup/checkins/?per_page=1";
        String cursor = cursorOf(checkIns, TwoTenants.ACME);

        assertRefusesTheCursor(get(checkIns + "&environment=prod-acme&cursor=" + cursor, TwoTenants.ACME));
        assertRefusesTheCursor(get(checkIns + "&since=2026-01-01T00:00:00Z&cursor=" + cursor, TwoTenants.ACME));
        assertThat(get(checkIns + "&cursor=" + cursor, TwoTenants.ACME).getStatusCode()).isEqualTo(200);
    }

    @Test
    void aCursorPagesOn_withAnotherPerPage_orAnotherSpellingOfItsSince() {
        String checkIns = ACME + "monitors/backup/checkins/?per_page=1&since=2026-01-01T00:00:00Z";
        String cursor = cursorOf(checkIns, TwoTenants.ACME);

        APIGatewayV2HTTPResponse next = get(ACME + "monitors/backup/checkins/?per_page=5&since=2026-01-01T00:00:00.000Z"
                + "&cursor=" + cursor, TwoTenants.ACME);
        assertThat(next.getStatusCode()).as(next.getBody()).isEqualTo(200);
        assertThat(HttpEvents.list(next)).hasSize(1);
    }

    @Test
    void theMonitorListsCursorIsRefused_byTheDashboardsSummaries_andTheOtherWayRound() {
        String fromList = cursorOf(ACME + "monitors/?per_page=1", TwoTenants.ACME);
        String fromSummaries = cursorOf(ACME + "monitor-summaries/?per_page=1", TwoTenants.ACME);

        assertRefusesTheCursor(get(ACME + "monitor-summaries/?per_page=1&cursor=" + fromList, TwoTenants.ACME));
        assertRefusesTheCursor(get(ACME + "monitors/?per_page=1&cursor=" + fromSummaries, TwoTenants.ACME));
    }

    @Test
    void anotherOrganizationsCursorIsRefused_onTheSameListingOfOnesOwn() {
        String acmeMonitors = cursorOf(ACME + "monitors/?per_page=1", TwoTenants.ACME);
        String acmeProjects = cursorOf(ACME + "projects/?per_page=1", TwoTenants.ACME);

        assertRefusesTheCursor(get("/api/0/organizations/globex/monitors/?cursor=" + acmeMonitors, TwoTenants.GLOBEX));
        assertRefusesTheCursor(get("/api/0/organizations/globex/projects/?cursor=" + acmeProjects, TwoTenants.GLOBEX));
    }

    @Test
    void aCursorOfAnotherMonitorsCheckInsIsRefused() {
        String backup = cursorOf(ACME + "monitors/backup/checkins/?per_page=1", TwoTenants.ACME);

        assertRefusesTheCursor(get(ACME + "monitors/report/checkins/?per_page=1&cursor=" + backup, TwoTenants.ACME));
        assertRefusesTheCursor(get(ACME + "monitors/backup/incidents/?per_page=1&cursor=" + backup, TwoTenants.ACME));
    }

    @Test
    void aCursorCutShortOrWithItsBindingAlteredIsRefused() {
        String cursor = cursorOf(ACME + "monitors/?per_page=1", TwoTenants.ACME);

        int dot = cursor.indexOf('.');
        for (String bent : new String[] {cursor.substring(0, 10), cursor.substring(0, dot + 1), cursor.substring(dot + 1),
                (cursor.charAt(0) == 'a' ? "b" : "a") + cursor.substring(1), cursor.replace(".", "%2E%2E")}) {
            assertRefusesTheCursor(get(ACME + "monitors/?per_page=1&cursor=" + bent, TwoTenants.ACME));
        }
    }
}
