package dev.cronwatch.adapters.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.alert.TestAlerts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestAlertsTest {
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final TestAlerts.Target TARGET = new TestAlerts.Target("acme", "1", "nightly-backup", "production");

    @Test
    void anIncidentOpenedThenResolved_withTheRealAttributesAndATestMarker() {
        List<PendingAlert> alerts = TestAlerts.compose(TARGET, "inc-1", NOW);
        AlertRenderer renderer = new AlertRenderer(null);

        assertThat(alerts).extracting(PendingAlert::type).containsExactly(AlertType.OPENED, AlertType.RESOLVED);
        PendingAlert opened = alerts.get(0);
        assertThat(opened.message().attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("type", "incident.opened",
                "organization", "acme", "project", "1", "monitor", "nightly-backup", "environment", "production",
                "reason", "missed", "test", "true"));
        assertThat(alerts.get(1).message().attributes()).containsEntry("type", "incident.resolved")
                .containsEntry("test", "true");
        assertThat(AlertJson.toMap(opened.message().body())).containsEntry("test", true).containsEntry("incidentId", "inc-1")
                .containsEntry("failureReason", "A missed check-in was detected");
        assertThat(renderer.render(opened.message().body()).subject())
                .isEqualTo("cronwatch TEST: nightly-backup [production] failing: A missed check-in was detected");
        assertThat(renderer.render(alerts.get(1).message().body()).subject())
                .isEqualTo("cronwatch TEST: nightly-backup [production] recovered");
        assertThat(AlertJson.toMap(alerts.get(1).message().body())).containsEntry("dateResolved", NOW.toString());
    }

    @Test
    void everyFormSaysItIsATest_andChatbotStillGetsItsCustomNotification() {
        AlertRenderer renderer = new AlertRenderer("https://api.example.com");
        RenderedAlert opened = renderer.render(TestAlerts.compose(TARGET, "inc-1", NOW).get(0).message().body());

        assertThat(opened.text()).startsWith(AlertRenderer.TEST_NOTE + "\n\nnightly-backup [production] is failing");
        assertThat(opened.title()).startsWith(AlertRenderer.TEST_NOTE + " \uD83D\uDD34 nightly-backup [production]");
        assertThat(opened.json()).containsEntry("test", true).containsEntry("version", "1.0")
                .containsEntry("source", "custom");
        assertThat(((Map<?, ?>) opened.json().get("content")).get("title")).isEqualTo(opened.title());
    }

    @Test
    void aRealAlertCarriesNoMarker() {
        AlertRenderer renderer = new AlertRenderer(null);
        Map<String, Object> body = new java.util.LinkedHashMap<>(
                AlertJson.toMap(TestAlerts.compose(TARGET, "inc-1", NOW).get(0).message().body()));
        body.remove(TestAlerts.MARKER);
        RenderedAlert real = renderer.render(AlertJson.fromMap(body));
        assertThat(real.text()).doesNotContain("TEST");
        assertThat(real.json()).doesNotContainKey("test");
    }
}
