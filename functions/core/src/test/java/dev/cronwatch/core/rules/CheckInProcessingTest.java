package dev.cronwatch.core.rules;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static dev.cronwatch.core.fakes.Scenario.interval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import dev.cronwatch.core.service.ProcessorService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/spec.md §7.1 to §7.3: what one check-in does, from upsert to the stored run. */
class CheckInProcessingTest {
    private static final String RUN = "9f8c4a1e-0000-4000-8000-000000000001";
    private static final String OTHER_RUN = "9f8c4a1e-0000-4000-8000-000000000002";

    @Test
    void createsMonitorNamedAfterSlug_whenCheckInCarriesConfig() {
        Scenario s = new Scenario(crontab("0 * * * *", "checkin_margin", 5));
        s.send("ok", "2020-01-01T10:00:10Z");

        Monitor monitor = s.store.monitor(s.key).orElseThrow();
        assertThat(monitor.name()).isEqualTo("job");
        assertThat(monitor.status()).isEqualTo(MonitorStatus.ACTIVE);
        assertThat(monitor.config().checkinMargin()).isEqualTo(5);
        assertThat(monitor.environments()).containsExactly("production");
    }

    @Test
    void recordsMonitorNotFound_whenNoMonitorAndNoConfig() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.checkIn("ok", "2020-01-01T10:00:00Z").withoutConfig().send();

        assertThat(s.store.monitor(s.key)).isEmpty();
        assertThat(s.errors()).extracting(e -> e.type()).containsExactly(ProcessingErrorType.MONITOR_NOT_FOUND);
        assertThat(s.checkIns()).isEmpty();
    }

    /** Sentry ignores an invalid config for a monitor that exists; we also say so (issue 22). */
    @Test
    void appliesTheStatusWithTheStoredConfig_andRecordsInvalidConfig_whenTheSentConfigIsInvalid() {
        Scenario s = new Scenario(crontab("0 * * * *", "checkin_margin", 5));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.checkIn("error", "2020-01-01T11:00:00Z").config(crontab("0 * * * *", "timezone", "UTC+2")).send();

        assertThat(s.checkIns()).extracting(CheckIn::status).contains(CheckInStatus.ERROR);
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
        assertThat(s.store.monitor(s.key).orElseThrow().config().timezone()).isNull();
        assertThat(s.store.monitor(s.key).orElseThrow().config().checkinMargin()).isEqualTo(5);
        assertOneInvalidConfig(s, "monitor_config.timezone", "Etc/GMT-2");
    }

    /**
     * A grace is a Healthchecks check's: one reaching a Sentry monitor's upsert (the ingest function
     * does not forward it, a queued message may carry it) is refused naming it, the status applied.
     */
    @Test
    void aGraceInASentryMonitorsConfig_isAnInvalidConfig_andTheStatusIsApplied() {
        Scenario s = new Scenario(crontab("0 * * * *", "checkin_margin", 5));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.checkIn("error", "2020-01-01T11:00:00Z").config(crontab("0 * * * *", "grace", 120)).send();

        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
        assertThat(s.store.monitor(s.key).orElseThrow().config().graceSeconds()).isNull();
        assertThat(s.store.monitor(s.key).orElseThrow().config().checkinMargin()).isEqualTo(5);
        assertOneInvalidConfig(s, "monitor_config.grace", "checkin_margin");
    }

    private static void assertOneInvalidConfig(Scenario s, String... words) {
        assertThat(s.errors()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ProcessingErrorType.MONITOR_INVALID_CONFIG);
            assertThat(e.data().get("errors").toString()).contains(words);
        });
    }

    @Test
    void recordsInvalidConfigAndCreatesNothing_whenNoMonitorAndAnInvalidConfig() {
        Scenario s = new Scenario(crontab("61 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");

        assertThat(s.store.monitor(s.key)).isEmpty();
        assertThat(s.checkIns()).isEmpty();
        assertThat(s.errors()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ProcessingErrorType.MONITOR_INVALID_CONFIG);
            assertThat(e.data().get("errors").toString()).contains("monitor_config.schedule");
        });
    }

    @Test
    void namesTheNearestSlugOfTheProject_whenACheckInNamesNoMonitor() {
        Scenario s = new Scenario("nightly-backup", crontab("0 * * * *"), 6);
        s.send("ok", "2020-01-01T10:00:00Z");
        s.checkIn("ok", "2020-01-01T10:00:01Z").slug("weekly-report").send();
        s.checkIn("ok", "2020-01-01T10:01:00Z").slug("nightly-bakup").withoutConfig().send();
        s.checkIn("ok", "2020-01-01T10:02:00Z").slug("invoices").withoutConfig().send();

        assertThat(s.store.processingErrors(new MonitorKey(Scenario.ORG, "nightly-bakup"), s.clock.instant()))
                .singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo(ProcessingErrorType.MONITOR_NOT_FOUND);
                    assertThat(e.data()).isEqualTo(Map.of("suggestion", "nightly-backup"));
                });
        assertThat(s.store.processingErrors(new MonitorKey(Scenario.ORG, "invoices"), s.clock.instant()))
                .singleElement().satisfies(e -> assertThat(e.data()).as("nothing close").isEmpty());
    }

    @Test
    void upsertKeepsStoredKeys_whenOnlyScheduleSent() {
        Scenario s = new Scenario(crontab("0 * * * *", "checkin_margin", 5, "max_runtime", 7));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.checkIn("ok", "2020-01-01T11:00:00Z").config(crontab("30 * * * *")).send();

        var config = s.store.monitor(s.key).orElseThrow().config();
        assertThat(config.schedule().wireValue()).isEqualTo("30 * * * *");
        assertThat(config.checkinMargin()).isEqualTo(5);
        assertThat(config.maxRuntime()).isEqualTo(7);
    }

    @Test
    void newScheduleTakesEffectAtTheSameCheckIn_whenUpserted() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:05:00Z");
        s.checkIn("ok", "2020-01-01T10:10:00Z").config(crontab("30 * * * *")).send();

        assertThat(s.env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T10:30:00Z"));
    }

    @Test
    void refusesCheckIn_whenMonitorDisabled() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        Monitor m = s.store.monitor(s.key).orElseThrow();
        s.store.commit(Changes.of(m.withSettings(m.name(), MonitorStatus.DISABLED, false, m.config())));

        s.send("ok", "2020-01-01T11:00:00Z");

        assertThat(s.checkIns()).hasSize(1);
        assertThat(s.errors()).extracting(e -> e.type()).containsExactly(ProcessingErrorType.MONITOR_DISABLED);
    }

    @Test
    void usesProductionEnvironment_whenNoneSent() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        assertThat(s.checkIns()).extracting(CheckIn::environment).containsExactly("production");
    }

    @Test
    void keepsEnvironmentsApart_whenNamed() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.checkIn("ok", "2020-01-01T10:00:00Z").env("dev").send();
        s.checkIn("in_progress", "2020-01-01T10:01:00Z").send();

        assertThat(s.env("dev").status()).isEqualTo(EnvironmentStatus.OK);
        assertThat(s.env("production").status()).isEqualTo(EnvironmentStatus.ACTIVE);
        assertThat(s.store.monitor(s.key).orElseThrow().environments()).containsExactly("dev", "production");
    }

    @Test
    void refusesNewEnvironment_whenMonitorHasTheMaximum() {
        Scenario s = new Scenario("job", crontab("* * * * *"), 1000);
        for (int i = 0; i < Monitor.MAX_ENVIRONMENTS; i++) {
            s.checkIn("ok", "2020-01-01T10:00:00Z").env("e" + i).send();
        }
        s.checkIn("ok", "2020-01-01T10:01:00Z").env("one-too-many").send();

        assertThat(s.errors()).extracting(e -> e.type())
                .containsExactly(ProcessingErrorType.MONITOR_ENVIRONMENT_LIMIT_EXCEEDED);
        assertThat(s.store.environment(s.key, "one-too-many")).isEmpty();
    }

    @Test
    void refusesNewEnvironment_pastTheOperatorsLowerCap_namingIt() {
        Scenario s = new Scenario("job", crontab("* * * * *"), new CheckInRules(1000, 10_000, 60, 2));
        s.checkIn("ok", "2020-01-01T10:00:00Z").env("e1").send();
        s.checkIn("ok", "2020-01-01T10:00:01Z").env("e2").send();
        s.checkIn("ok", "2020-01-01T10:00:02Z").env("e3").send();
        s.checkIn("ok", "2020-01-01T10:00:03Z").env("e1").send();

        assertThat(s.errors()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ProcessingErrorType.MONITOR_ENVIRONMENT_LIMIT_EXCEEDED);
            assertThat(e.data()).isEqualTo(Map.of("reason", "You may not exceed 2 environments per monitor"));
        });
        assertThat(s.store.environment(s.key, "e3")).isEmpty();
        assertThat(s.store.environment(s.key, "e1").orElseThrow().lastCheckIn())
                .isEqualTo(Instant.parse("2020-01-01T10:00:03Z"));
    }

    @Test
    void rateLimitsSeventhCheckInOfAMinute_andAcceptsAgainNextMinute() {
        Scenario s = new Scenario(crontab("* * * * *"));
        for (int i = 0; i < 6; i++) s.send("ok", "2020-01-01T10:00:0" + i + "Z");
        s.send("ok", "2020-01-01T10:00:59Z");
        s.send("ok", "2020-01-01T10:01:00Z");

        assertThat(s.checkIns()).hasSize(7);
        assertThat(s.errors()).extracting(e -> e.type())
                .containsExactly(ProcessingErrorType.MONITOR_ENVIRONMENT_RATELIMITED);
        assertThat(s.errors().get(0).data()).as("what the dashboard explains it with")
                .isEqualTo(Map.of("limit", 6, "per", "minute"));
    }

    @Test
    void closesNewestRunInProgress_whenOkHasNoId() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("in_progress", "2020-01-01T10:00:00Z");
        s.send("ok", "2020-01-01T10:20:00Z");

        assertThat(s.checkIns()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckInStatus.OK);
            assertThat(c.durationMs()).isEqualTo(20 * 60_000L);
            assertThat(c.timeoutAt()).isNull();
        });
    }

    @Test
    void createsNewCheckIn_whenLatestHasNoRunInProgress() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.send("ok", "2020-01-01T11:00:00Z");

        assertThat(s.checkIns()).hasSize(2).allMatch(c -> c.status() == CheckInStatus.OK && c.durationMs() == null);
    }

    @Test
    void closesEachOverlappingRunByItsId() {
        Scenario s = new Scenario(crontab("*/5 * * * *", "max_runtime", 30));
        s.checkIn("in_progress", "2020-01-01T10:00:00Z").id(RUN).send();
        s.checkIn("in_progress", "2020-01-01T10:05:00Z").id(OTHER_RUN).send();
        s.checkIn("ok", "2020-01-01T10:07:00Z").id(RUN).send();
        s.checkIn("error", "2020-01-01T10:09:00Z").id(OTHER_RUN).send();

        assertThat(s.checkIn(RUN).status()).isEqualTo(CheckInStatus.OK);
        assertThat(s.checkIn(RUN).durationMs()).isEqualTo(7 * 60_000L);
        assertThat(s.checkIn(OTHER_RUN).status()).isEqualTo(CheckInStatus.ERROR);
        assertThat(s.checkIn(OTHER_RUN).durationMs()).isEqualTo(4 * 60_000L);
    }

    @Test
    void recordsEnvironmentMismatch_whenIdBelongsToAnotherEnvironment() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.checkIn("in_progress", "2020-01-01T10:00:00Z").id(RUN).env("dev").send();
        s.checkIn("ok", "2020-01-01T10:05:00Z").id(RUN).env("prod").send();

        assertThat(s.checkIn(RUN).status()).isEqualTo(CheckInStatus.IN_PROGRESS);
        assertThat(s.errors()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ProcessingErrorType.CHECKIN_ENVIRONMENT_MISMATCH);
            assertThat(e.data()).containsEntry("existingEnvironment", "dev");
        });
    }

    @Test
    void ignoresStartSilently_whenItArrivesAfterItsEnd() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.checkIn("ok", "2020-01-01T10:00:05Z").id(RUN).send();
        s.checkIn("in_progress", "2020-01-01T10:00:06Z").id(RUN).send();

        assertThat(s.checkIn(RUN).status()).isEqualTo(CheckInStatus.OK);
        assertThat(s.errors()).isEmpty();
    }

    @Test
    void recordsCheckInFinished_whenFinishedRunIsFinishedAgain() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.checkIn("ok", "2020-01-01T10:00:05Z").id(RUN).send();
        s.checkIn("error", "2020-01-01T10:00:09Z").id(RUN).send();

        assertThat(s.checkIn(RUN).status()).isEqualTo(CheckInStatus.OK);
        assertThat(s.errors()).extracting(e -> e.type()).containsExactly(ProcessingErrorType.CHECKIN_FINISHED);
    }

    @Test
    void keepsTimeoutButRecordsDuration_whenRunFinishesAfterTimingOut() {
        Scenario s = new Scenario(crontab("0 * * * *", "max_runtime", 10));
        s.checkIn("in_progress", "2020-01-01T10:00:00Z").id(RUN).send();
        s.tick("2020-01-01T10:10:00Z");
        s.checkIn("ok", "2020-01-01T10:15:00Z").id(RUN).send();

        CheckIn run = s.checkIn(RUN);
        assertThat(run.status()).isEqualTo(CheckInStatus.TIMEOUT);
        assertThat(run.durationMs()).isEqualTo(15 * 60_000L);
    }

    @Test
    void usesAbsoluteElapsedTime_whenMessagesArriveOutOfOrder() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.checkIn("in_progress", "2020-01-01T10:00:10Z").id(RUN).send();
        s.checkIn("ok", "2020-01-01T10:00:05Z").id(RUN).send();

        assertThat(s.checkIn(RUN).durationMs()).isEqualTo(5000L);
    }

    @Test
    void recordsInvalidDuration_whenRunOpenLongerThanAnIntOfMilliseconds() {
        Scenario s = new Scenario(crontab("0 0 * * *", "max_runtime", 40_320));
        s.checkIn("in_progress", "2020-01-01T00:00:00Z").id(RUN).send();
        s.checkIn("ok", "2020-12-30T00:00:00Z").id(RUN).send();

        assertThat(s.errors()).extracting(e -> e.type()).contains(ProcessingErrorType.CHECKIN_INVALID_DURATION);
        assertThat(s.checkIns()).filteredOn(c -> c.id().equals(RUN))
                .singleElement().satisfies(c -> assertThat(c.durationMs()).isNull());
    }

    @Test
    void datesRunAtItsStart_whenDurationIsSent() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.checkIn("ok", "2020-01-01T10:05:00Z").durationMs(300_000).send();

        CheckIn c = s.checkIns().get(0);
        assertThat(c.dateAdded()).isEqualTo(Instant.parse("2020-01-01T10:00:00Z"));
        assertThat(c.dateUpdated()).isEqualTo(Instant.parse("2020-01-01T10:05:00Z"));
        assertThat(c.durationMs()).isEqualTo(300_000L);
    }

    @Test
    void setsTimeoutFromFlooredStart_thenFromEachHeartbeat() {
        Scenario s = new Scenario(crontab("0 * * * *", "max_runtime", 30));
        s.checkIn("in_progress", "2020-01-01T00:00:45Z").id(RUN).send();
        assertThat(s.checkIn(RUN).timeoutAt()).isEqualTo(Instant.parse("2020-01-01T00:30:00Z"));

        s.checkIn("in_progress", "2020-01-01T00:20:30Z").id(RUN).send();
        assertThat(s.checkIn(RUN).timeoutAt()).isEqualTo(Instant.parse("2020-01-01T00:50:00Z"));
        assertThat(s.checkIn(RUN).dateUpdated()).isEqualTo(Instant.parse("2020-01-01T00:20:30Z"));
    }

    @Test
    void capsHeartbeatTimeoutAtTwentyEightDaysFromStart() {
        Scenario s = new Scenario(crontab("0 0 1 * *", "max_runtime", 40_320));
        s.checkIn("in_progress", "2020-01-01T00:00:00Z").id(RUN).send();
        s.checkIn("in_progress", "2020-01-20T00:00:00Z").id(RUN).send();

        assertThat(s.checkIn(RUN).timeoutAt()).isEqualTo(Instant.parse("2020-01-29T00:00:00Z"));
    }

    @Test
    void recordsExpectedTimeOfTheSlot_andNoneForFirstCheckIn() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:30Z");
        s.send("ok", "2020-01-01T11:00:20Z");

        assertThat(s.checkIns()).extracting(CheckIn::expectedTime)
                .containsExactly(null, Instant.parse("2020-01-01T11:00:00Z"));
    }

    @Test
    void heartbeatCannotTimeOut() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("error", "2020-01-01T10:00:00Z");
        assertThat(s.checkIns().get(0).timeoutAt()).isNull();
    }

    @Test
    void changesNothing_whenSameMessageAppliedTwice() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("error", "2020-01-01T10:00:00Z");
        var before = s.env();
        int alerts = s.alerts().size();

        var again = s.redeliver(1);

        assertThat(again.kind()).isEqualTo(ProcessorService.MessageOutcome.Kind.DUPLICATE);
        assertThat(s.env()).isEqualTo(before);
        assertThat(s.checkIns()).hasSize(1);
        assertThat(s.alerts()).hasSize(alerts);
    }

    @Test
    void reanchorsIntervalOnClosingMessage_butCrontabStaysOnGrid() {
        Scenario intervalMonitor = new Scenario(interval(1, "hour"));
        intervalMonitor.send("in_progress", "2020-01-01T10:00:00Z");
        intervalMonitor.send("ok", "2020-01-01T10:20:00Z");
        assertThat(intervalMonitor.env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T11:20:00Z"));

        Scenario cron = new Scenario(crontab("0 * * * *"));
        cron.send("in_progress", "2020-01-01T10:00:00Z");
        cron.send("ok", "2020-01-01T10:20:00Z");
        assertThat(cron.env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T11:00:00Z"));
    }

    @Test
    void lateOlderCheckInCannotMoveExpectedTimeBack() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T12:00:05Z");
        s.checkIn("ok", "2020-01-01T12:00:10Z").durationMs(3 * 3600_000L).send(); // started 09:00
        assertThat(s.env().lastCheckIn()).isEqualTo(Instant.parse("2020-01-01T12:00:05Z"));
        assertThat(s.env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T13:00:00Z"));
    }

    @Test
    void refusesNewMonitor_whenOrganizationHasItsLimit_andStillAcceptsTheExistingOne() {
        Scenario s = new Scenario("job", crontab("0 * * * *"), 6, 1);
        s.send("ok", "2020-01-01T10:00:00Z");
        s.checkIn("ok", "2020-01-01T10:00:01Z").slug("second").send();
        s.send("ok", "2020-01-01T11:00:00Z");

        assertRefusedOverTheLimit(s, "second", Map.of("reason", "You may not exceed 1 monitors per organization"));
        assertThat(s.checkIns()).hasSize(2);
    }

    @Test
    void countsTheDropsOfAMonitorEnvironmentAndMinute_inOneErrorEach_andARedeliveryOnce() {
        Scenario s = new Scenario(crontab("* * * * *"));
        for (int i = 0; i < 26; i++) s.send("ok", String.format("2020-01-01T10:00:%02dZ", i));
        s.redeliver(1);
        for (int i = 0; i < 20; i++) s.checkIn("ok", String.format("2020-01-01T10:00:%02dZ", 30 + i)).slug("typo").withoutConfig().send();
        s.checkIn("ok", "2020-01-01T10:00:55Z").env("staging").send();
        s.send("ok", "2020-01-01T10:01:00Z");
        s.send("ok", "2020-01-01T10:01:01Z");

        assertThat(s.errors()).as("one error for this environment and minute").singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ProcessingErrorType.MONITOR_ENVIRONMENT_RATELIMITED);
            assertThat(e.count()).isEqualTo(20);
            assertThat(e.receivedAt()).isEqualTo(Instant.parse("2020-01-01T10:00:00Z"));
            assertThat(e.data()).isEqualTo(Map.of("limit", 6, "per", "minute"));
        });
        assertThat(s.store.processingErrors(new MonitorKey(Scenario.ORG, "typo"), s.clock.instant())).singleElement()
                .satisfies(e -> {
                    assertThat(e.type()).isEqualTo(ProcessingErrorType.MONITOR_NOT_FOUND);
                    assertThat(e.count()).isEqualTo(20);
                });
        assertThat(s.checkIns()).as("6 in the first minute, one of staging, 2 in the next").hasSize(9);
    }

    @Test
    void refusesTheSixtyFirstMonitorCreatedInAMinute_namingTheLimit_andNotOtherOrganizations() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T09:59:00Z");
        for (int i = 1; i < CheckInRules.DEFAULT_NEW_MONITORS_PER_MINUTE; i++) {
            assertThat(s.checkIn("ok", "2020-01-01T10:00:01Z").slug("new-" + i).send().kind())
                    .isEqualTo(ProcessorService.MessageOutcome.Kind.APPLIED);
        }
        s.checkIn("ok", "2020-01-01T10:00:02Z").slug("new-60").send();
        s.checkIn("ok", "2020-01-01T10:00:59Z").slug("one-too-many").send();
        s.checkIn("ok", "2020-01-01T10:00:59Z").organization("globex", "first").send();
        s.send("ok", "2020-01-01T10:00:59Z");

        assertRefusedOverTheLimit(s, "one-too-many", Map.of("reason", "You may not create more than 60 monitors per minute",
                "limit", 60, "per", "minute"));
        assertThat(s.store.monitor(new MonitorKey(Scenario.ORG, "new-60"))).isPresent();
        assertThat(s.store.monitor(new MonitorKey("globex", "first"))).as("another organization's minute").isPresent();
        assertThat(s.checkIns()).as("the existing monitor goes on").hasSize(2);
        assertThat(s.store.organizationMonitors(Scenario.ORG, s.clock.instant()).monitors()).isEqualTo(61);

        s.checkIn("ok", "2020-01-01T10:01:00Z").slug("one-too-many").send();
        assertThat(s.store.monitor(new MonitorKey(Scenario.ORG, "one-too-many"))).as("the next minute").isPresent();
    }

    @Test
    void countsACreateDecidedAfterALaterMinutesCreates_inTheMinuteItWasReceived() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        for (int i = 0; i < CheckInRules.DEFAULT_NEW_MONITORS_PER_MINUTE; i++) {
            s.checkIn("ok", "2020-01-01T10:01:00Z").slug("new-" + i).send();
        }
        // received a minute earlier, its message waited behind another monitor's: its own minute is not full
        s.checkIn("ok", "2020-01-01T10:00:59Z").slug("late").send();
        s.checkIn("ok", "2020-01-01T10:01:30Z").slug("one-too-many").send();

        assertThat(s.store.monitor(new MonitorKey(Scenario.ORG, "late"))).isPresent();
        assertThat(s.store.monitor(new MonitorKey(Scenario.ORG, "one-too-many"))).isEmpty();
        assertThat(s.store.organizationMonitors(Scenario.ORG, Instant.parse("2020-01-01T10:00:00Z")).createdInMinute())
                .isEqualTo(1);
        assertThat(s.store.organizationMonitors(Scenario.ORG, Instant.parse("2020-01-01T10:01:00Z")).createdInMinute())
                .isEqualTo(60);
    }

    @Test
    void recordsCheckInFinished_whenOkCarriesTheIdOfAMissedCheckIn() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T10:00:00Z");
        s.tick("2020-01-01T11:01:00Z");
        CheckIn missed = s.checkIns().stream().filter(c -> c.status() == CheckInStatus.MISSED).findFirst().orElseThrow();

        s.checkIn("ok", "2020-01-01T11:02:00Z").id(missed.id()).send();
        s.checkIn("error", "2020-01-01T11:03:00Z").id(missed.id()).send();

        assertThat(s.checkIn(missed.id())).isEqualTo(missed);
        assertThat(s.errors()).extracting(e -> e.type())
                .containsExactly(ProcessingErrorType.CHECKIN_FINISHED, ProcessingErrorType.CHECKIN_FINISHED);
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
    }

    @Test
    void reopensATimedOutRun_whenItsHeartbeatArrivesLate() {
        // docs/spec.md §7.3: as in Sentry, an in_progress for a timed-out run puts it back in progress with
        // a new timeout; the incident the timeout opened stays open until an OK recovers it.
        Scenario s = new Scenario(crontab("0 * * * *", "max_runtime", 10));
        s.checkIn("in_progress", "2020-01-01T10:00:00Z").id(RUN).send();
        s.tick("2020-01-01T10:10:00Z");
        assertThat(s.checkIn(RUN).status()).isEqualTo(CheckInStatus.TIMEOUT);

        s.checkIn("in_progress", "2020-01-01T10:12:30Z").id(RUN).send();

        CheckIn run = s.checkIn(RUN);
        assertThat(run.status()).isEqualTo(CheckInStatus.IN_PROGRESS);
        assertThat(run.timeoutAt()).isEqualTo(Instant.parse("2020-01-01T10:22:00Z"));
        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);

        s.tick("2020-01-01T10:22:00Z");
        assertThat(s.checkIn(RUN).status()).as("it overran again").isEqualTo(CheckInStatus.TIMEOUT);
        assertThat(s.incidents()).as("the open incident absorbs it").hasSize(1);
        assertThat(s.alerts()).hasSize(1);
    }

    /** The monitor {@code slug} was not made, kept no check-in, and its one processing error says which limit. */
    private static void assertRefusedOverTheLimit(Scenario s, String slug, Map<String, Object> data) {
        MonitorKey refused = new MonitorKey(Scenario.ORG, slug);
        assertThat(s.store.monitor(refused)).isEmpty();
        assertThat(s.store.allCheckIns(refused)).isEmpty();
        assertThat(s.store.processingErrors(refused, s.clock.instant())).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ProcessingErrorType.MONITOR_LIMIT_EXCEEDED);
            assertThat(e.data()).isEqualTo(data);
        });
    }
}
