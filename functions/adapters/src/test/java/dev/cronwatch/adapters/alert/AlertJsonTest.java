package dev.cronwatch.adapters.alert;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static dev.cronwatch.core.fakes.Scenario.interval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.alert.AlertComposer;
import dev.cronwatch.core.alert.AlertMessage;
import dev.cronwatch.core.alert.TestAlerts;
import dev.cronwatch.core.fakes.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert message of docs/spec.md §12.1, field by field, and the outbox's copy of it. */
class AlertJsonTest {
    static final AlertRenderer RENDERER = new AlertRenderer(null);

    @Test
    void openedAndResolvedMessagesCarryEverySpecField() {
        Scenario s = AlertRendererTest.rigaIncident();

        assertThat(s.alerts()).hasSize(2);
        AlertMessage opened = s.alerts().get(0).message();
        Map<String, Object> openedJson = AlertJson.toMap(opened.body());
        assertThat(RENDERER.render(opened.body()).subject())
                .isEqualTo("cronwatch: job [production] failing: 1 missed and 1 error check-ins detected");
        assertThat(openedJson).containsEntry("type", "incident.opened")
                .containsEntry("organization", "acme").containsEntry("project", "1")
                .containsEntry("environment", "production").containsEntry("reason", "error")
                .containsEntry("failureReason", "1 missed and 1 error check-ins detected")
                .containsEntry("dateStarted", "2020-01-01T10:00:00Z")
                .containsEntry("dateResolved", null)
                .containsEntry("lastSuccessfulCheckIn", "2020-01-01T09:00:00Z")
                .containsKey("incidentId");
        assertThat(openedJson.get("monitor")).isEqualTo(Map.of("slug", "job", "name", "job",
                "schedule", "0 * * * *", "timezone", "Europe/Riga"));
        assertThat((List<?>) openedJson.get("checkIns")).hasSize(2);
        assertThat(opened.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("type", "incident.opened",
                "organization", "acme", "project", "1", "monitor", "job", "environment", "production",
                "reason", "error"));

        AlertMessage resolved = s.alerts().get(1).message();
        assertThat(RENDERER.render(resolved.body()).subject()).isEqualTo("cronwatch: job [production] recovered");
        assertThat(AlertJson.toMap(resolved.body())).containsEntry("type", "incident.resolved")
                .containsEntry("dateResolved", "2020-01-01T11:00:00Z")
                .containsEntry("incidentId", openedJson.get("incidentId"));
        assertThat(s.alerts().get(1).id()).isNotEqualTo(s.alerts().get(0).id());
    }

    @Test
    void namesAMonitorWithoutTimezone_UTC_notZ() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T09:00:00Z");
        s.tick("2020-01-01T10:01:00Z");
        assertThat(map(AlertJson.toMap(s.alerts().get(0).message().body()).get("monitor"))).containsEntry("timezone", "UTC");
    }

    @Test
    void listsOnlyTheNewestCheckInsOfALongWindow() {
        Scenario s = new Scenario(crontab("* * * * *", "failure_issue_threshold", 30));
        s.send("ok", "2020-01-01T00:00:00Z");
        for (int minute = 1; minute <= 30; minute++) s.send("error", String.format("2020-01-01T00:%02d:00Z", minute));

        List<?> listed = (List<?>) AlertJson.toMap(s.alerts().get(0).message().body()).get("checkIns");
        assertThat(listed).hasSize(AlertComposer.MAX_CHECK_INS);
        assertThat(map(listed.get(listed.size() - 1))).containsEntry("dateAdded", "2020-01-01T00:30:00Z");
        assertThat(map(listed.get(0))).containsEntry("dateAdded", "2020-01-01T00:11:00Z");
    }

    /** What the outbox holds is read back into the same JSON, key order included, for every kind of alert. */
    @Test
    void aStoredBody_readsBackToTheSameJson() {
        Scenario s = AlertRendererTest.rigaIncident();
        Scenario interval = new Scenario(interval(2, "hour"));
        interval.send("ok", "2020-01-01T09:00:00Z");
        interval.tick("2020-01-01T11:01:00Z");
        List<AlertMessage> messages = List.of(s.alerts().get(0).message(), s.alerts().get(1).message(),
                interval.alerts().get(0).message(),
                TestAlerts.compose(new TestAlerts.Target("acme", "1", "job", "production"), "i", Instant.EPOCH).get(0).message());
        for (AlertMessage message : messages) {
            String stored = Json.write(AlertJson.toMap(message.body()));
            assertThat(Json.write(AlertJson.toMap(AlertJson.fromMap(Json.parseObject(stored))))).isEqualTo(stored);
            assertThat(AlertJson.fromMap(Json.parseObject(stored))).isEqualTo(message.body());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }
}
