package dev.cronwatch.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.core.validation.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/spec.md §6: every config field, its default and its limits. */
class MonitorConfigParserTest {
    private final MonitorConfigParser parser = new MonitorConfigParser("monitor_config.");

    private static Map<String, Object> config(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
        return m;
    }

    private FieldError rejected(Map<String, Object> wire) {
        try {
            parser.parse(wire);
        } catch (FieldError e) {
            return e;
        }
        throw new AssertionError("accepted " + wire);
    }

    @Test
    void aManagementChangeWithoutASchedule_keepsTheStoredOne_andChecksEverythingElse() {
        MonitorConfig stored = parser.parse(config("schedule", "0 3 * * *", "timezone", "Europe/Riga", "max_runtime", 20));

        MonitorConfig changed = parser.settings(config("checkin_margin", 10, "schedule_type", "interval")).applyTo(stored);

        assertThat(changed).isEqualTo(new MonitorConfig(stored.schedule(), 10, 20, "Europe/Riga", null, null));
        assertThatThrownBy(() -> parser.settings(config("checkin_margin", -1)))
                .isInstanceOfSatisfying(FieldError.class, e -> assertThat(e.field()).isEqualTo("monitor_config.checkin_margin"));
        assertThat(parser.settings(config("schedule", "*/5 * * * *")).applyTo(stored).schedule().wireValue())
                .isEqualTo("*/5 * * * *");
    }

    @Test
    void appliesSentryDefaults_whenOnlyScheduleGiven() {
        MonitorConfig c = parser.parse(config("schedule", "0 * * * *"));
        assertThat(c.schedule().type()).isEqualTo("crontab");
        assertThat(c.margin()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.runtimeLimit()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(c.failureThreshold()).isEqualTo(1);
        assertThat(c.recoveryThresholdOrDefault()).isEqualTo(1);
        assertThat(c.checkinMargin()).isNull();
    }

    @Test
    void acceptsEveryScheduleForm() {
        assertThat(parser.parse(config("schedule", "*/5 * * * *", "schedule_type", "crontab")).schedule().wireValue())
                .isEqualTo("*/5 * * * *");
        assertThat(parser.parse(config("schedule", List.of(2, "hour"), "schedule_type", "interval")).schedule().wireValue())
                .isEqualTo(List.of(2, "hour"));
        assertThat(parser.parse(config("schedule", List.of(10, "minute"))).schedule().type()).isEqualTo("interval");
        assertThat(parser.parse(config("schedule", Map.of("type", "crontab", "value", "0 0 * * *"))).schedule().wireValue())
                .isEqualTo("0 0 * * *");
        assertThat(parser.parse(config("schedule", Map.of("type", "interval", "value", 3, "unit", "day"))).schedule().wireValue())
                .isEqualTo(List.of(3, "day"));
        assertThat(parser.parse(config("schedule", "Mon..Fri 09:00 Europe/Riga", "schedule_type", "oncalendar")).schedule()
                .wireValue()).isEqualTo("Mon..Fri 09:00 Europe/Riga");
        assertThat(parser.parse(config("schedule", Map.of("type", "oncalendar", "value", "daily"))).schedule().type())
                .isEqualTo("oncalendar");
    }

    @Test
    void aSimpleSchedule_isAHealthchecksTimeoutWithItsGrace_whichItNeeds() {
        MonitorConfig simple = parser.parse(config("schedule_type", "simple", "schedule", 7200, "grace", 600));
        assertThat(simple.isHealthchecks()).isTrue();
        assertThat(simple.toWire()).containsEntry("schedule_type", "simple").containsEntry("schedule", 7200L)
                .containsEntry("grace", 600);
        assertThat(rejected(config("schedule_type", "simple", "schedule", 7200)).field()).isEqualTo("monitor_config.grace");
        assertThat(rejected(config("schedule_type", "simple", "schedule", 30, "grace", 600)).field())
                .isEqualTo("monitor_config.schedule");
        assertThat(rejected(config("schedule_type", "simple", "schedule", 7200, "grace", 59)).field())
                .isEqualTo("monitor_config.grace");
    }

    @Test
    void aGraceSent_keepsAChecksConfigAHealthchecksOne() {
        MonitorConfig check = parser.parse(config("schedule_type", "simple", "schedule", 86400, "grace", 3600));
        MonitorConfig saved = parser.settings(config("schedule_type", "simple", "schedule", 7200, "timezone", null,
                "grace", 600)).applyTo(check);
        assertThat(saved).isEqualTo(parser.parse(config("schedule_type", "simple", "schedule", 7200, "grace", 600)));
    }

    @Test
    void refusesABadCalendarExpressionNamingTheScheduleAndWhatIsWrong() {
        FieldError bad = rejected(config("schedule", "Fri..Mon 10:00", "schedule_type", "oncalendar"));
        assertThat(bad.field()).isEqualTo("monitor_config.schedule");
        assertThat(bad.detail()).contains("Bad weekday");
        assertThat(rejected(config("schedule", "*-02-30", "schedule_type", "oncalendar")).detail()).contains("never fires");
    }

    @Test
    void normalisesWhitespaceAndNicknames() {
        assertThat(parser.parse(config("schedule", "  *\t* *     * * ")).schedule().wireValue()).isEqualTo("* * * * *");
        assertThat(parser.parse(config("schedule", "@daily")).schedule().wireValue()).isEqualTo("0 0 * * *");
    }

    @Test
    void turnsZeroMarginIntoOne() {
        assertThat(parser.parse(config("schedule", "0 * * * *", "checkin_margin", 0)).checkinMargin()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} = {1} → {2}")
    @CsvSource({
            "checkin_margin, -1, monitor_config.checkin_margin",
            "checkin_margin, 40321, monitor_config.checkin_margin",
            "max_runtime, 0, monitor_config.max_runtime",
            "max_runtime, 40321, monitor_config.max_runtime",
            "failure_issue_threshold, 0, monitor_config.failure_issue_threshold",
            "failure_issue_threshold, 721, monitor_config.failure_issue_threshold",
            "recovery_threshold, 0, monitor_config.recovery_threshold",
            "recovery_threshold, 721, monitor_config.recovery_threshold"})
    void rejectsOutOfRangeValue(String key, int value, String field) {
        assertThat(rejected(config("schedule", "0 * * * *", key, value)).field()).isEqualTo(field);
    }

    @Test
    void acceptsLimitsInclusive() {
        MonitorConfig c = parser.parse(config("schedule", "0 * * * *", "checkin_margin", 40320, "max_runtime", 1,
                "failure_issue_threshold", 720, "recovery_threshold", 1));
        assertThat(c.checkinMargin()).isEqualTo(40320);
        assertThat(c.failureIssueThreshold()).isEqualTo(720);
    }

    @Test
    void rejectsUnknownTimezone_andNamesIt() {
        FieldError e = rejected(config("schedule", "0 * * * *", "timezone", "Mars/Olympus"));
        assertThat(e.field()).isEqualTo("monitor_config.timezone");
        assertThat(e.detail()).contains("Mars/Olympus");
        assertThat(rejected(config("schedule", "0 * * * *", "timezone", "+02:00")).field())
                .isEqualTo("monitor_config.timezone");
    }

    /** Issue 22: every IANA name, links included, as the JDK's tzdata lists them; schedules then run in it. */
    @Test
    void acceptsEveryZoneNameSentryAccepts() {
        for (String zone : List.of("GMT", "CET", "EET", "EST", "MST", "HST", "EST5EDT", "Universal", "Zulu", "UTC",
                "Etc/GMT+5", "Etc/GMT-14", "US/Pacific", "Asia/Calcutta", "Europe/Kiev")) {
            MonitorConfig c = parser.parse(config("schedule", "0 12 * * *", "timezone", zone));
            assertThat(c.timezone()).isEqualTo(zone);
            assertThat(c.zone()).as(zone).isNotNull();
        }
        for (String zone : ZoneId.getAvailableZoneIds()) {
            assertThat(parser.parse(config("schedule", "0 * * * *", "timezone", zone)).timezone()).isEqualTo(zone);
        }
        assertThat(parser.parse(config("schedule", "0 * * * *", "timezone", "EST")).zone().getRules()
                .getOffset(Instant.parse("2026-07-01T00:00:00Z"))).as("EST is UTC-5 all year")
                .isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(parser.parse(config("schedule", "0 * * * *", "timezone", "Etc/GMT+5")).zone().getRules()
                .getOffset(Instant.EPOCH)).as("POSIX inverts the sign").isEqualTo(ZoneOffset.ofHours(-5));
    }

    /** An offset gets its Etc/GMT name (sign inverted) and places that show it; a misspelling its nearest names. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            UTC+2          | Etc/GMT-2  | Europe/Berlin
            GMT+2          | Etc/GMT-2  | Europe/Helsinki
            +02:00         | Etc/GMT-2  | Europe/Berlin
            UTC-5          | Etc/GMT+5  | America/New_York
            UTC+5:30       | Kolkata    | Asia/Kolkata
            Europe/Berln   | Did you mean | Europe/Berlin
            europe/berlin  | Did you mean | Europe/Berlin
            Berlin         | Did you mean | Europe/Berlin
            America/NewYork | Did you mean | America/New_York
            """)
    void refusesWhatIsNotAZoneName_suggestingTheNearest(String sent, String expected, String alsoExpected) {
        FieldError e = rejected(config("schedule", "0 * * * *", "timezone", sent));
        assertThat(e.field()).isEqualTo("monitor_config.timezone");
        assertThat(e.detail()).contains("\"" + sent + "\"", expected, alsoExpected);
    }

    @Test
    void refusesNonsenseWithGeneralAdvice_quotingAtMostItsStart() {
        FieldError e = rejected(config("schedule", "0 * * * *", "timezone", "Q".repeat(5_000)));
        assertThat(e.detail()).contains("IANA time zone database").hasSizeLessThan(300);
    }

    @Test
    void dropsEmptyTimezone() {
        assertThat(parser.parse(config("schedule", "0 * * * *", "timezone", "")).timezone()).isNull();
        assertThat(parser.parse(config("schedule", "0 * * * *", "timezone", "Europe/Riga")).timezone())
                .isEqualTo("Europe/Riga");
    }

    @Test
    void rejectsBadSchedules_namingTheScheduleField() {
        assertThat(rejected(config()).field()).isEqualTo("monitor_config.schedule");
        assertThat(rejected(config("schedule", "* * * * * *")).detail()).contains("5 field");
        assertThat(rejected(config("schedule", "0 0 30 2 *")).field()).isEqualTo("monitor_config.schedule");
        assertThat(rejected(config("schedule", "@reboot")).field()).isEqualTo("monitor_config.schedule");
        assertThat(rejected(config("schedule", List.of(0, "hour"))).field()).isEqualTo("monitor_config.schedule");
        assertThat(rejected(config("schedule", List.of(1, "fortnight"))).field()).isEqualTo("monitor_config.schedule");
        assertThat(rejected(config("schedule", "0 * * * *", "schedule_type", "weekly")).field())
                .isEqualTo("monitor_config.schedule_type");
        assertThat(rejected(config("schedule", List.of(1, "hour"), "schedule_type", "crontab")).field())
                .isEqualTo("monitor_config.schedule");
    }

    @Test
    void rejectsNonIntegerNumbers() {
        assertThat(rejected(config("schedule", "0 * * * *", "checkin_margin", 1.5)).field())
                .isEqualTo("monitor_config.checkin_margin");
        assertThat(rejected(config("schedule", "0 * * * *", "max_runtime", "lots")).field())
                .isEqualTo("monitor_config.max_runtime");
    }

    @Test
    void mergeKeepsUnsentKeys_andAlwaysTakesSchedule() {
        MonitorConfig stored = parser.parse(config("schedule", "0 * * * *", "checkin_margin", 5, "timezone", "Europe/Riga"));
        MonitorConfig merged = parser.patch(config("schedule", "30 * * * *", "max_runtime", 9)).applyTo(stored);
        assertThat(merged.schedule().wireValue()).isEqualTo("30 * * * *");
        assertThat(merged.checkinMargin()).isEqualTo(5);
        assertThat(merged.timezone()).isEqualTo("Europe/Riga");
        assertThat(merged.maxRuntime()).isEqualTo(9);
    }

    @Test
    void wireFormRoundTrips() {
        MonitorConfig c = parser.parse(config("schedule", List.of(2, "hour"), "checkin_margin", 5, "max_runtime", 9,
                "timezone", "America/New_York", "failure_issue_threshold", 3, "recovery_threshold", 2));
        assertThat(new MonitorConfigParser("config.").parse(c.toWire())).isEqualTo(c);
    }
}
