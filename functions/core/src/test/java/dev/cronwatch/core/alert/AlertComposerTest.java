package dev.cronwatch.core.alert;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert message of docs/spec.md §12.1, field by field. */
class AlertComposerTest {

    private static CheckIn checkIn(CheckInStatus status) {
        return new CheckIn("id-" + status, new MonitorKey("a", "b"), "1", "production", status,
                Instant.EPOCH, Instant.EPOCH, null, null, null);
    }

    @Test
    void describesFailuresInOrderOfFirstAppearance() {
        assertThat(FailureReason.describe(List.of(checkIn(CheckInStatus.ERROR))))
                .isEqualTo("An error check-in was detected");
        assertThat(FailureReason.describe(List.of(checkIn(CheckInStatus.MISSED))))
                .isEqualTo("A missed check-in was detected");
        assertThat(FailureReason.describe(List.of(checkIn(CheckInStatus.TIMEOUT))))
                .isEqualTo("A timeout check-in was detected");
        assertThat(FailureReason.describe(List.of(checkIn(CheckInStatus.MISSED), checkIn(CheckInStatus.ERROR))))
                .isEqualTo("1 missed and 1 error check-ins detected");
        assertThat(FailureReason.describe(List.of(checkIn(CheckInStatus.ERROR), checkIn(CheckInStatus.MISSED),
                checkIn(CheckInStatus.TIMEOUT), checkIn(CheckInStatus.ERROR))))
                .isEqualTo("2 error, 1 missed and 1 timeout check-ins detected");
    }

    @Test
    void openedAndResolvedMessagesCarryEverySpecField() {
        Scenario s = new Scenario(crontab("0 * * * *", "timezone", "Europe/Riga", "failure_issue_threshold", 2));
        s.send("ok", "2020-01-01T09:00:00Z");
        s.tick("2020-01-01T10:01:00Z");
        s.send("error", "2020-01-01T10:30:00Z");
        s.send("ok", "2020-01-01T11:00:00Z");

        assertThat(s.alerts()).hasSize(2);
        AlertMessage opened = s.alerts().get(0).message();
        assertThat(opened.subject()).isEqualTo("cronwatch: job [production] failing: 1 missed and 1 error check-ins detected");
        assertThat(opened.body()).containsEntry("type", "incident.opened")
                .containsEntry("organization", "acme").containsEntry("project", "1")
                .containsEntry("environment", "production").containsEntry("reason", "error")
                .containsEntry("failureReason", "1 missed and 1 error check-ins detected")
                .containsEntry("dateStarted", "2020-01-01T10:00:00Z")
                .containsEntry("dateResolved", null)
                .containsEntry("lastSuccessfulCheckIn", "2020-01-01T09:00:00Z")
                .containsKey("incidentId");
        assertThat(opened.body().get("monitor")).isEqualTo(Map.of("slug", "job", "name", "job",
                "schedule", "0 * * * *", "timezone", "Europe/Riga"));
        assertThat((List<?>) opened.body().get("checkIns")).hasSize(2);
        assertThat(opened.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("type", "incident.opened",
                "organization", "acme", "project", "1", "monitor", "job", "environment", "production",
                "reason", "error"));

        AlertMessage resolved = s.alerts().get(1).message();
        assertThat(resolved.subject()).isEqualTo("cronwatch: job [production] recovered");
        assertThat(resolved.body()).containsEntry("type", "incident.resolved")
                .containsEntry("dateResolved", "2020-01-01T11:00:00Z")
                .containsEntry("incidentId", opened.body().get("incidentId"));
        assertThat(s.alerts().get(1).id()).isNotEqualTo(s.alerts().get(0).id());
    }

    @Test
    void namesAMonitorWithoutTimezone_UTC_notZ() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T09:00:00Z");
        s.tick("2020-01-01T10:01:00Z");
        assertThat(map(s.alerts().get(0).message().body().get("monitor"))).containsEntry("timezone", "UTC");
    }

    @Test
    void listsOnlyTheNewestCheckInsOfALongWindow() {
        Scenario s = new Scenario(crontab("* * * * *", "failure_issue_threshold", 30));
        s.send("ok", "2020-01-01T00:00:00Z");
        for (int minute = 1; minute <= 30; minute++) s.send("error", String.format("2020-01-01T00:%02d:00Z", minute));

        List<?> listed = (List<?>) s.alerts().get(0).message().body().get("checkIns");
        assertThat(listed).hasSize(AlertComposer.MAX_CHECK_INS);
        assertThat(map(listed.get(listed.size() - 1))).containsEntry("dateAdded", "2020-01-01T00:30:00Z");
        assertThat(map(listed.get(0))).containsEntry("dateAdded", "2020-01-01T00:11:00Z");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }
}
