package dev.cronwatch.core.rules;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/spec.md §7.4 and §7.5: mark ok, mark failed, thresholds and incidents, with our differences (D2, D17). */
class IncidentRulesTest {

    @Test
    void becomesOk_whenFirstOkArrives() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("in_progress", "2020-01-01T10:00:00Z");
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ACTIVE);
        s.send("ok", "2020-01-01T10:01:00Z");
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.OK);
    }

    @Test
    void opensIncidentAndAlertsOnce_whenThresholdIsOne() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.send("error", "2020-01-01T11:00:00Z");

        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
        assertThat(s.incidents()).singleElement().satisfies(i -> {
            assertThat(i.reason()).isEqualTo(CheckInStatus.ERROR);
            assertThat(i.failureReason()).isEqualTo("An error check-in was detected");
            assertThat(i.dateStarted()).isEqualTo(Instant.parse("2020-01-01T11:00:00Z"));
        });
        assertThat(s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED);
    }

    @Test
    void opensIncident_whenThirdConsecutiveFailure() {
        Scenario s = new Scenario(crontab("0 * * * *", "failure_issue_threshold", 3));
        s.send("ok", "2020-01-01T09:00:00Z");
        s.send("error", "2020-01-01T10:00:00Z");
        s.send("error", "2020-01-01T11:00:00Z");
        assertThat(s.incidents()).isEmpty();
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.OK);

        s.send("error", "2020-01-01T12:00:00Z");

        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
        Incident incident = s.incidents().get(0);
        assertThat(incident.dateStarted()).isEqualTo(Instant.parse("2020-01-01T10:00:00Z"));
        assertThat(incident.failureReason()).isEqualTo("3 error check-ins detected");
        assertThat(s.alerts()).singleElement().satisfies(a ->
                assertThat(a.message().body().checkIns()).hasSize(3));
    }

    @Test
    void okInsideWindowPreventsIncident() {
        Scenario s = new Scenario(crontab("0 * * * *", "failure_issue_threshold", 2));
        s.send("error", "2020-01-01T10:00:00Z");
        s.send("ok", "2020-01-01T11:00:00Z");
        s.send("error", "2020-01-01T12:00:00Z");
        assertThat(s.incidents()).isEmpty();
        s.send("error", "2020-01-01T13:00:00Z");
        assertThat(s.incidents()).hasSize(1);
    }

    @Test
    void youngEnvironmentDoesNotOpenEarly_whenFewerFailuresThanThreshold() {
        Scenario s = new Scenario(crontab("0 * * * *", "failure_issue_threshold", 3));
        s.send("error", "2020-01-01T10:00:00Z");
        s.send("error", "2020-01-01T11:00:00Z");
        assertThat(s.incidents()).isEmpty();
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ACTIVE);
        s.send("error", "2020-01-01T12:00:00Z");
        assertThat(s.incidents()).hasSize(1);
    }

    @Test
    void runInProgressNeitherCountsNorBreaksFailureRun() {
        Scenario s = new Scenario(crontab("0 * * * *", "failure_issue_threshold", 3, "max_runtime", 600));
        s.send("ok", "2020-01-01T09:00:00Z");
        s.send("error", "2020-01-01T10:00:00Z");
        s.send("error", "2020-01-01T11:00:00Z");
        s.checkIn("in_progress", "2020-01-01T11:30:00Z").id("00000000-0000-4000-8000-00000000000a").send();
        assertThat(s.incidents()).isEmpty();
        s.send("error", "2020-01-01T12:00:00Z");
        assertThat(s.incidents()).hasSize(1);
    }

    @Test
    void furtherFailuresJoinOpenIncidentWithoutNewAlert() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("error", "2020-01-01T10:00:00Z");
        s.send("error", "2020-01-01T11:00:00Z");
        s.send("error", "2020-01-01T12:00:00Z");
        assertThat(s.incidents()).hasSize(1);
        assertThat(s.alerts()).hasSize(1);
    }

    @Test
    void resolvesAndAlerts_whenOkAfterIncident() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("error", "2020-01-01T10:00:00Z");
        s.send("ok", "2020-01-01T11:00:00Z");

        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.OK);
        assertThat(s.env().activeIncident()).isNull();
        Incident incident = s.incidents().get(0);
        assertThat(incident.dateResolved()).isEqualTo(Instant.parse("2020-01-01T11:00:00Z"));
        assertThat(incident.resolvingCheckIn()).isEqualTo(s.checkIns().get(1).id());
        assertThat(s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED, AlertType.RESOLVED);
    }

    /**
     * A job that reports an error and then an ok within the same second: the ok arrived last, so it is
     * the latest result, whatever the two check-ins' ids. Several pairs of ids, because the order of
     * two random ids decides nothing.
     */
    @Test
    void okAfterErrorAtTheSameInstant_recovers_whateverTheirIds() {
        for (int pair = 0; pair < 8; pair++) {
            Scenario s = new Scenario(crontab("0 * * * *"));
            s.checkIn("error", "2020-01-01T10:00:00Z").messageId("error-" + pair).send();
            s.checkIn("ok", "2020-01-01T10:00:00Z").messageId("ok-" + pair).send();

            assertThat(s.env().status()).as("pair %d", pair).isEqualTo(EnvironmentStatus.OK);
            assertThat(s.env().activeIncident()).as("pair %d", pair).isNull();
            assertThat(s.alerts()).extracting(a -> a.type()).as("pair %d", pair)
                    .containsExactly(AlertType.OPENED, AlertType.RESOLVED);
        }
    }

    @Test
    void needsConsecutiveOks_whenRecoveryThresholdIsTwo() {
        Scenario s = new Scenario(crontab("0 * * * *", "recovery_threshold", 2));
        s.send("error", "2020-01-01T10:00:00Z");
        s.send("ok", "2020-01-01T11:00:00Z");
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
        s.send("ok", "2020-01-01T12:00:00Z");
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.OK);
        assertThat(s.incidents().get(0).resolvingCheckIn()).isEqualTo(s.checkIns().get(2).id());
    }

    @Test
    void runInProgressBreaksRecoveryStreak() {
        Scenario s = new Scenario(crontab("0 * * * *", "recovery_threshold", 2));
        s.send("error", "2020-01-01T10:00:00Z");
        s.send("ok", "2020-01-01T11:00:00Z");
        s.checkIn("in_progress", "2020-01-01T11:30:00Z").id("00000000-0000-4000-8000-00000000000b").send();
        // an explicit id: without one the OK would close the run in progress ("latest")
        s.checkIn("ok", "2020-01-01T12:00:00Z").id("00000000-0000-4000-8000-00000000000c").send();
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
    }

    @Test
    void inProgressOnFailingEnvironmentKeepsErrorButMovesSchedule() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("error", "2020-01-01T10:00:00Z");
        s.send("in_progress", "2020-01-01T11:00:10Z");
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
        assertThat(s.env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T12:00:00Z"));
    }

    @Test
    void opensNewIncident_whenFailingAgainAfterRecovery() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("error", "2020-01-01T10:00:00Z");
        s.send("ok", "2020-01-01T11:00:00Z");
        s.send("error", "2020-01-01T12:00:00Z");
        assertThat(s.incidents()).hasSize(2).extracting(Incident::id).doesNotHaveDuplicates();
        assertThat(s.alerts()).extracting(a -> a.type())
                .containsExactly(AlertType.OPENED, AlertType.RESOLVED, AlertType.OPENED);
    }

    @Test
    void mutedMonitorRecordsIncidentButPublishesNothing() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T09:00:00Z");
        Monitor m = s.store.monitor(s.key).orElseThrow();
        s.store.commit(Changes.of(m.withSettings(m.name(), m.status(), true, m.config())));

        s.send("error", "2020-01-01T10:00:00Z");
        s.send("ok", "2020-01-01T11:00:00Z");

        assertThat(s.incidents()).hasSize(1);
        assertThat(s.alerts()).isEmpty();
        assertThat(s.store.outbox()).isEmpty();
    }

    @Test
    void mutedEnvironmentRecordsIncidentButPublishesNothing_whileItsSiblingsAlert() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T09:00:00Z");
        s.checkIn("ok", "2020-01-01T09:00:00Z").env("staging").send();
        s.store.commit(Changes.of(s.env().withMuted(true)));

        s.send("error", "2020-01-01T10:00:00Z");
        s.checkIn("error", "2020-01-01T10:00:00Z").env("staging").send();

        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
        assertThat(s.env().muted()).isTrue();
        assertThat(s.incidents()).extracting(Incident::environment).containsExactlyInAnyOrder("production", "staging");
        assertThat(s.alerts()).singleElement()
                .satisfies(a -> assertThat(a.message().attributes()).containsEntry("environment", "staging"));
    }

    @Test
    void lateOlderFailureCannotOpenIncident() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T12:00:00Z");
        s.checkIn("error", "2020-01-01T12:00:30Z").durationMs(3 * 3600_000L).send();
        assertThat(s.incidents()).isEmpty();
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.OK);
    }

    @Test
    void publishesAlertLater_whenPublishFailsAfterTheStateWrite() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.publisher.failing(true);
        s.send("error", "2020-01-01T11:00:00Z");
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
        assertThat(s.store.outbox()).hasSize(1);

        s.publisher.failing(false);
        s.tick("2020-01-01T11:01:00Z"); // the failed attempt's claim has expired by the next tick

        assertThat(s.alerts()).extracting(a -> a.type()).containsExactly(AlertType.OPENED);
        assertThat(s.store.outbox()).isEmpty();
        s.tick("2020-01-01T11:02:00Z");
        assertThat(s.alerts()).hasSize(1);
    }

    @Test
    void staysInIncident_whenYoungEnvironmentHasFewerRunsThanRecoveryThreshold() {
        Scenario s = new Scenario(crontab("0 * * * *", "recovery_threshold", 3));
        s.send("error", "2020-01-01T10:00:00Z");
        s.send("ok", "2020-01-01T11:00:00Z");

        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
        assertThat(s.errors()).isEmpty();
        s.send("ok", "2020-01-01T12:00:00Z");
        s.send("ok", "2020-01-01T13:00:00Z");
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.OK);
    }

    @Test
    void checkInReceivedBeforeTheLastOne_neverMovesExpectedTimeBack() {
        // Two check-ins either side of 11:00 reach the queue in the other order: the older one must not
        // pull the expected time back to 11:00, whose deadline at 11:01 would be a false miss.
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.pauseProcessor(true);
        s.send("ok", "2020-01-01T11:00:10Z");
        s.send("ok", "2020-01-01T10:59:50Z");
        s.pauseProcessor(false);

        assertThat(s.env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T12:00:00Z"));
        assertThat(s.env().lastCheckIn()).isEqualTo(Instant.parse("2020-01-01T11:00:10Z"));
        s.tickEveryMinute("2020-01-01T11:00:00Z", "2020-01-01T11:05:00Z");
        assertThat(s.checkIns()).noneMatch(c -> c.status() == CheckInStatus.MISSED);
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.OK);
    }

    @Test
    void lastOkMovesOnlyForward_andOnlyOnOk() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T12:00:05Z");
        s.checkIn("ok", "2020-01-01T12:00:10Z").durationMs(3 * 3600_000L).send(); // started 09:00:10
        assertThat(s.env().lastOk()).isEqualTo(Instant.parse("2020-01-01T12:00:05Z"));

        s.send("error", "2020-01-01T13:00:00Z");
        s.send("in_progress", "2020-01-01T14:00:00Z");
        s.tick("2020-01-01T15:01:00Z");

        assertThat(s.checkIns()).extracting(c -> c.status()).contains(CheckInStatus.ERROR, CheckInStatus.MISSED,
                CheckInStatus.TIMEOUT);
        assertThat(s.env().lastOk()).isEqualTo(Instant.parse("2020-01-01T12:00:05Z"));
    }
}
