package dev.cronwatch.handlers;

import static dev.cronwatch.handlers.HttpEvents.json;
import static dev.cronwatch.handlers.HttpEvents.list;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Statements of docs/spec.md §2–§4 that no other test holds, one test each, named after the statement
 * (docs/rules-coverage.md lists them).
 */
class SpecStatementsTest {
    static final String MONITORS = "/api/0/organizations/acme/monitors/";
    static final String PROJECTS = "/api/0/organizations/acme/projects/";
    static final Map<String, String> TOKEN = HttpApiHandlerTest.bearer("acme-token");

    final InMemorySystem system = InMemorySystem.seeded();

    APIGatewayV2HTTPResponse call(String method, String path, String body) {
        return system.handler.handleRequest(HttpEvents.event(method, path, TOKEN, body), null);
    }

    /** Opening words: a 4xx names its field; where no field is to blame, {@code field} is left out. */
    @Test
    void aRefusalThatBlamesNoFieldLeavesFieldOut() {
        for (APIGatewayV2HTTPResponse r : List.of(
                call("GET", "/api/0/organizations/acme/nowhere/", null),
                call("PATCH", MONITORS, null),
                call("GET", MONITORS + "absent/", null))) {
            assertThat(r.getStatusCode()).as(r.getBody()).isBetween(404, 405);
            assertThat(json(r)).as(r.getBody()).containsOnlyKeys("detail");
        }
    }

    /** §1, §4.4: a project slug is Sentry's: any of {@code a-z 0-9 - _} but not only digits (it would read as an id). */
    @Test
    void aProjectSlugNeedsNoLetter_onlyNotToBeAllDigits() {
        APIGatewayV2HTTPResponse digitsAndDash = call("POST", PROJECTS, "{\"name\": \"Twelve\", \"slug\": \"1-2\"}");
        assertThat(digitsAndDash.getStatusCode()).as(digitsAndDash.getBody()).isEqualTo(201);
        assertThat(json(digitsAndDash)).containsEntry("slug", "1-2");

        APIGatewayV2HTTPResponse digits = call("POST", PROJECTS, "{\"name\": \"Twelve\", \"slug\": \"12\"}");
        assertThat(digits.getStatusCode()).isEqualTo(400);
        assertThat(json(digits)).containsEntry("field", "slug");
    }

    /** §3: an empty environment name is {@code production}. */
    @Test
    void anEmptyEnvironmentNameIsProduction() {
        system.checkIn("backup", "{\"status\": \"ok\", \"environment\": \"\", "
                + "\"monitor_config\": {\"schedule\": \"0 * * * *\"}}");

        assertThat(list(call("GET", MONITORS + "backup/checkins/", null)))
                .extracting(c -> c.get("environment")).containsExactly("production");
    }

    /** §4.1: config values not set read null (defaults apply at use). */
    @Test
    void aMonitorsConfigValuesNotSetReadNull() {
        APIGatewayV2HTTPResponse created = call("POST", MONITORS,
                "{\"project\": \"1\", \"name\": \"Backup\", \"config\": {\"schedule\": \"0 * * * *\"}}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);

        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) json(created).get("config");
        assertThat(config).containsEntry("schedule", "0 * * * *")
                .containsEntry("checkin_margin", null).containsEntry("max_runtime", null)
                .containsEntry("timezone", null).containsEntry("failure_issue_threshold", null)
                .containsEntry("recovery_threshold", null);
    }

    /** §4.1: an environment reads muted when it or its monitor is. */
    @Test
    @SuppressWarnings("unchecked")
    void anEnvironmentReadsMutedWhenItsMonitorIs() {
        system.checkIn("backup", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");

        APIGatewayV2HTTPResponse muted = call("PUT", MONITORS + "backup/", "{\"isMuted\": true}");
        assertThat(muted.getStatusCode()).as(muted.getBody()).isEqualTo(200);

        List<Map<String, Object>> environments = (List<Map<String, Object>>) json(muted).get("environments");
        assertThat(environments).singleElement().satisfies(env ->
                assertThat(env).containsEntry("name", "production").containsEntry("isMuted", true));
    }

    /** §4.1: deleting a monitor answers {@code 202 {}}, and it is gone. */
    @Test
    void deletingAMonitorAnswers202WithAnEmptyObject() {
        system.checkIn("backup", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");

        APIGatewayV2HTTPResponse deleted = call("DELETE", MONITORS + "backup/", null);
        assertThat(deleted.getStatusCode()).isEqualTo(202);
        assertThat(json(deleted)).isEmpty();
        assertThat(call("GET", MONITORS + "backup/", null).getStatusCode()).isEqualTo(404);
    }

    /** §3 "Receive time": the HTTP function stamps each check-in with its receive time, in whole milliseconds. */
    @Test
    void aCheckInIsStampedWithItsReceiveTime_inWholeMilliseconds() {
        system.clock.set(Instant.parse("2026-01-01T00:00:00.123456789Z"));
        system.checkIn("backup", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");

        assertThat(list(call("GET", MONITORS + "backup/checkins/", null)))
                .extracting(c -> c.get("dateAdded")).containsExactly("2026-01-01T00:00:00.123Z");
    }

    /** §3: a PUT answers {@code 202 {"id"}} for an id and {@code 202 {}} for {@code latest}. */
    @Test
    void aPutAnswersTheIdItNamed_andNothingForLatest() {
        String id = "11111111-2222-4333-8444-555555555555";
        APIGatewayV2HTTPResponse named = system.handler.handleRequest(HttpEvents.event("PUT",
                HttpApiHandlerTest.CHECKINS + id.toUpperCase(java.util.Locale.ROOT).replace("-", "") + "/",
                HttpApiHandlerTest.dsn(), "{\"status\": \"ok\"}"), null);
        assertThat(named.getStatusCode()).as(named.getBody()).isEqualTo(202);
        assertThat(json(named)).as("dashed, lower case").containsExactly(Map.entry("id", id));

        APIGatewayV2HTTPResponse latest = system.handler.handleRequest(HttpEvents.event("PUT",
                HttpApiHandlerTest.CHECKINS + "latest/", HttpApiHandlerTest.dsn(), "{\"status\": \"ok\"}"), null);
        assertThat(latest.getStatusCode()).isEqualTo(202);
        assertThat(json(latest)).isEmpty();
    }
}
