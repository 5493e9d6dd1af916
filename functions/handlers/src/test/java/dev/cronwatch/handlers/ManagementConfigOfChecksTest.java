package dev.cronwatch.handlers;

import static dev.cronwatch.handlers.HttpEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/spec.md §4.1 and §14: a management config change keeps a Healthchecks check and a Sentry monitor
 * each with one set of rules. A grace and a simple schedule are a check's only; a check's grace is never
 * emptied or dropped from a simple schedule; a refusal names its field and stores nothing.
 */
class ManagementConfigOfChecksTest {
    static final String RW = "hcw_0123456789abcdefghijklmnopqr";
    static final String MONITORS = "/api/0/organizations/acme/monitors/";

    final InMemorySystem system = InMemorySystem.seededWithApiKey(RW);

    APIGatewayV2HTTPResponse management(String method, String path, String body) {
        Map<String, String> headers = new HashMap<>(Map.of("host", "cronwatch.test", "authorization", "Bearer acme-token",
                "content-type", "application/json"));
        return system.handler.handleRequest(HttpEvents.event(method, path, headers, body), null);
    }

    void createCheck(String body) {
        APIGatewayV2HTTPResponse r = system.handler.handleRequest(HttpEvents.event("POST", "/api/v3/checks/",
                Map.of("host", "cronwatch.test", "x-api-key", RW), body), null);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(201);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> config(String slug) {
        return (Map<String, Object>) json(management("GET", MONITORS + slug + "/", null)).get("config");
    }

    static void assertRefused(APIGatewayV2HTTPResponse r, String field, String... words) {
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(400);
        assertThat(json(r)).containsEntry("field", field);
        assertThat((String) json(r).get("detail")).contains(words);
    }

    /** The dashboard's form sends {@code grace: null} when its Grace field is emptied. */
    @Test
    void graceNull_inAManagementConfigChange_isA400_notA500() {
        createCheck("{\"name\": \"backup\", \"slug\": \"backup\", \"schedule\": \"0 * * * *\", \"grace\": 300}");
        Map<String, Object> before = config("backup");
        APIGatewayV2HTTPResponse r = management("PUT", MONITORS + "backup/",
                "{\"config\": {\"schedule_type\": \"crontab\", \"schedule\": \"0 * * * *\", \"timezone\": null, \"grace\": null}}");
        assertRefused(r, "config.grace", "60", "31536000");
        assertThat(config("backup")).isEqualTo(before);
    }

    @Test
    void graceNull_onASentryMonitor_isA400_notA500() {
        system.checkIn("nightly", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        Map<String, Object> before = config("nightly");
        assertRefused(management("PUT", MONITORS + "nightly/", "{\"config\": {\"grace\": null}}"), "config.grace", "checkin_margin");
        assertThat(config("nightly")).isEqualTo(before);
    }

    @Test
    void graceOnASentryMonitor_isRefused_sayingToUseTheMargin() {
        system.checkIn("nightly", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\","
                + " \"checkin_margin\": 10, \"max_runtime\": 60, \"failure_issue_threshold\": 3, \"recovery_threshold\": 2}}");
        Map<String, Object> before = config("nightly");
        assertRefused(management("PUT", MONITORS + "nightly/", "{\"config\": {\"grace\": 120}}"),
                "config.grace", "checkin_margin", "minutes");
        assertThat(config("nightly")).isEqualTo(before).containsEntry("failure_issue_threshold", 3)
                .containsEntry("checkin_margin", 10);
    }

    @Test
    void aSimpleScheduleOnASentryMonitor_isRefused_sayingWhichSchedulesItTakes() {
        system.checkIn("nightly", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        Map<String, Object> before = config("nightly");
        assertRefused(management("PUT", MONITORS + "nightly/",
                "{\"config\": {\"schedule_type\": \"simple\", \"schedule\": 3600, \"grace\": 60}}"), "config.schedule_type",
                "crontab", "interval", "oncalendar");
        assertThat(config("nightly")).isEqualTo(before);
    }

    @Test
    void aSentryMonitor_cannotBeCreatedWithASimpleScheduleOrAGrace() {
        assertRefused(management("POST", MONITORS, "{\"project\": \"1\", \"name\": \"hybrid\","
                + " \"config\": {\"schedule_type\": \"simple\", \"schedule\": 3600, \"grace\": 60}}"), "config.schedule_type", "crontab");
        assertRefused(management("POST", MONITORS, "{\"project\": \"1\", \"name\": \"hybrid\","
                + " \"config\": {\"schedule\": \"0 * * * *\", \"grace\": 60}}"), "config.grace", "checkin_margin");
        assertThat(management("GET", MONITORS + "hybrid/", null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void aMarginOnASimpleCheck_neverLeavesASimpleScheduleWithoutAGrace() {
        createCheck("{\"name\": \"backup\", \"slug\": \"backup\", \"timeout\": 3600, \"grace\": 300}");
        Map<String, Object> before = config("backup");
        assertRefused(management("PUT", MONITORS + "backup/", "{\"config\": {\"checkin_margin\": 5}}"),
                "config.checkin_margin", "grace", "seconds");
        assertRefused(management("PUT", MONITORS + "backup/", "{\"config\": {\"max_runtime\": 5}}"),
                "config.max_runtime", "grace", "seconds");
        assertThat(config("backup")).isEqualTo(before).containsEntry("schedule_type", "simple").containsEntry("grace", 300);
    }

    /** A margin with a new cron schedule makes the check a Sentry-style one: no simple schedule is left graceless. */
    @Test
    void aMarginWithACronSchedule_onASimpleCheck_isTaken() {
        createCheck("{\"name\": \"backup\", \"slug\": \"backup\", \"timeout\": 3600, \"grace\": 300}");
        APIGatewayV2HTTPResponse r = management("PUT", MONITORS + "backup/",
                "{\"config\": {\"schedule_type\": \"crontab\", \"schedule\": \"0 * * * *\", \"checkin_margin\": 5}}");
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        assertThat(config("backup")).containsEntry("schedule_type", "crontab").containsEntry("checkin_margin", 5);
    }

    List<Map<String, Object>> listed(String path) {
        return HttpEvents.list(management("GET", MONITORS + path, null));
    }

    /**
     * Through a check-in, a refused {@code monitor_config} is a processing error naming its field, and the
     * check-in is applied with the stored config (docs/spec.md §6): a simple check's margin alone, or an emptied grace.
     */
    @Test
    void aCheckInsConfigThatWouldLeaveASimpleCheckWithoutAGrace_isAProcessingError_andTheCheckInIsApplied() {
        createCheck("{\"name\": \"backup\", \"slug\": \"backup\", \"timeout\": 3600, \"grace\": 300}");
        Map<String, Object> before = config("backup");
        system.checkIn("backup", "{\"status\": \"ok\", \"monitor_config\": {\"schedule_type\": \"simple\","
                + " \"schedule\": 3600, \"checkin_margin\": 5}}");
        system.checkIn("backup", "{\"status\": \"error\", \"monitor_config\": {\"schedule_type\": \"simple\","
                + " \"schedule\": 3600, \"grace\": null}}");
        assertThat(config("backup")).isEqualTo(before);
        assertThat(listed("backup/checkins/")).extracting(c -> c.get("status")).containsExactlyInAnyOrder("error", "ok");
        assertThat(listed("backup/processing-errors/")).hasSize(2).allSatisfy(e -> {
            assertThat(e).containsEntry("name", "MONITOR_INVALID_CONFIG");
            assertThat(e.get("data").toString()).contains("monitor_config.grace");
        });
    }

    /**
     * A Sentry SDK's upsert cannot make a monitor half a check either: a check-in's monitor_config has
     * no grace (the ingest function does not forward one), so its simple schedule is an invalid config
     * naming the grace, the check-in is applied with the stored config, and a monitor the check-in would
     * have created with it is not made.
     */
    @Test
    void aCheckInsGraceOrSimpleSchedule_onASentryMonitor_isAProcessingError_andTheCheckInIsApplied() {
        system.checkIn("nightly", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\","
                + " \"checkin_margin\": 10}}");
        Map<String, Object> before = config("nightly");
        system.checkIn("nightly", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\", \"grace\": 120}}");
        system.checkIn("nightly", "{\"status\": \"error\", \"monitor_config\": {\"schedule_type\": \"simple\","
                + " \"schedule\": 3600, \"grace\": 60}}");
        system.checkIn("hybrid", "{\"status\": \"ok\", \"monitor_config\": {\"schedule_type\": \"simple\","
                + " \"schedule\": 3600, \"grace\": 60}}");

        assertThat(config("nightly")).isEqualTo(before);
        assertThat(listed("nightly/checkins/")).extracting(c -> c.get("status")).containsExactlyInAnyOrder("ok", "ok", "error");
        assertThat(listed("nightly/processing-errors/")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("name", "MONITOR_INVALID_CONFIG");
            assertThat(e.get("data").toString()).contains("monitor_config.grace");
        });
        assertThat(management("GET", MONITORS + "hybrid/", null).getStatusCode()).isEqualTo(404);
    }
}
