package dev.cronwatch.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * systemd calendar expressions, against what systemd 252's {@code systemd-analyze calendar} answers
 * (the expected instants below were taken from it, in UTC). The randomized comparison with the
 * command itself is {@link OnCalendarSystemdComparisonTest}.
 */
class OnCalendarScheduleTest {

    static List<Instant> next(String expression, String base, int count) throws InvalidScheduleException {
        OnCalendarSchedule schedule = OnCalendarSchedule.parse(expression.replace("\\n", "\n"));
        List<Instant> found = new ArrayList<>();
        Instant t = LocalDateTime.parse(base.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        for (int i = 0; i < count; i++) {
            t = schedule.next(t, ZoneOffset.UTC);
            if (t == null) break;
            found.add(t);
        }
        return found;
    }

    static List<Instant> utc(String listed) {
        if (listed.isBlank()) return List.of();
        List<Instant> instants = new ArrayList<>();
        for (String s : listed.split("\\|")) instants.add(LocalDateTime.parse(s.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC));
        return instants;
    }

    /** systemd.time(7)'s examples of the calendar syntax, from 2026-01-01T00:00Z. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "Sat,Thu,Mon..Wed,Sat..Sun; 2026-01-03 00:00:00|2026-01-04 00:00:00|2026-01-05 00:00:00",
            "Mon,Sun 12-*-* 2,1:23; ''",
            "Wed *-1; 2026-04-01 00:00:00|2026-07-01 00:00:00|2027-09-01 00:00:00",
            "Wed..Wed,Wed *-1; 2026-04-01 00:00:00|2026-07-01 00:00:00|2027-09-01 00:00:00",
            "'Wed, 17:48'; 2026-01-07 17:48:00|2026-01-14 17:48:00|2026-01-21 17:48:00",
            "*-*-7 0:0:0; 2026-01-07 00:00:00|2026-02-07 00:00:00|2026-03-07 00:00:00",
            "10-15; 2026-10-15 00:00:00|2027-10-15 00:00:00|2028-10-15 00:00:00",
            "monday *-12-* 17:00; 2026-12-07 17:00:00|2026-12-14 17:00:00|2026-12-21 17:00:00",
            "Mon,Fri *-*-3,1,2 *:30:45; 2026-01-02 00:30:45|2026-01-02 01:30:45|2026-01-02 02:30:45",
            "12,14,13,12:20,10,30; 2026-01-01 12:10:00|2026-01-01 12:20:00|2026-01-01 12:30:00",
            "12..14:10,20,30; 2026-01-01 12:10:00|2026-01-01 12:20:00|2026-01-01 12:30:00",
            "mon,fri *-1/2-1,3 *:30:45; 2026-05-01 00:30:45|2026-05-01 01:30:45|2026-05-01 02:30:45",
            "03-05 08:05:40; 2026-03-05 08:05:40|2027-03-05 08:05:40|2028-03-05 08:05:40",
            "08:05:40; 2026-01-01 08:05:40|2026-01-02 08:05:40|2026-01-03 08:05:40",
            "05:40; 2026-01-01 05:40:00|2026-01-02 05:40:00|2026-01-03 05:40:00",
            "Sat,Sun 12-05 08:05:40; 2026-12-05 08:05:40|2027-12-05 08:05:40|2032-12-05 08:05:40",
            "Sat,Sun 08:05:40; 2026-01-03 08:05:40|2026-01-04 08:05:40|2026-01-10 08:05:40",
            "2003-03-05 05:40; ''",
            "2003-02..04-05; ''",
            "2003-03-05 05:40 UTC; ''",
            "03-05; 2026-03-05 00:00:00|2027-03-05 00:00:00|2028-03-05 00:00:00",
            "hourly; 2026-01-01 01:00:00|2026-01-01 02:00:00|2026-01-01 03:00:00",
            "daily UTC; 2026-01-02 00:00:00|2026-01-03 00:00:00|2026-01-04 00:00:00",
            "monthly; 2026-02-01 00:00:00|2026-03-01 00:00:00|2026-04-01 00:00:00",
            "weekly Pacific/Auckland; 2026-01-04 11:00:00|2026-01-11 11:00:00|2026-01-18 11:00:00",
            "*:2/3; 2026-01-01 00:02:00|2026-01-01 00:05:00|2026-01-01 00:08:00",
            "*-02~03; 2026-02-26 00:00:00|2027-02-26 00:00:00|2028-02-27 00:00:00",
            "Mon *-05~07/1; 2026-05-25 00:00:00|2027-05-31 00:00:00|2028-05-29 00:00:00",
            "*-*~01..03; 2026-01-29 00:00:00|2026-01-30 00:00:00|2026-01-31 00:00:00",
            "Fri *-*~7/1 18:00; 2026-01-30 18:00:00|2026-02-27 18:00:00|2026-03-27 18:00:00",
            "*:3..3/5; 2026-01-01 00:03:00|2026-01-01 01:03:00|2026-01-01 02:03:00",
            "quarterly; 2026-04-01 00:00:00|2026-07-01 00:00:00|2026-10-01 00:00:00",
            "semiannually; 2026-07-01 00:00:00|2027-01-01 00:00:00|2027-07-01 00:00:00",
    })
    void readsSystemdsOwnExamplesAsSystemdDoes(String expression, String expected) throws Exception {
        assertThat(next(expression, "2026-01-01 00:00:00", 3)).isEqualTo(utc(expected));
    }

    /** Gaps skipped, repeated hours once (their first pass, unless the start is already in the second). */
    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource(delimiter = ';', value = {
            "3:30 Europe/Riga; 2020-10-25 01:10:00; 2020-10-25 01:30:00|2020-10-26 01:30:00|2020-10-27 01:30:00|2020-10-28 01:30:00",
            "*:0/15 Europe/Riga; 2020-10-25 00:50:00; 2020-10-25 02:00:00|2020-10-25 02:15:00|2020-10-25 02:30:00|2020-10-25 02:45:00",
            "*:0/15 Europe/Riga; 2020-10-25 01:05:00; 2020-10-25 01:15:00|2020-10-25 01:30:00|2020-10-25 01:45:00|2020-10-25 02:00:00",
            "2:30 America/New_York; 2026-03-08 00:00:00; 2026-03-09 06:30:00|2026-03-10 06:30:00|2026-03-11 06:30:00|2026-03-12 06:30:00",
            "1:30 America/New_York; 2026-11-01 04:00:00; 2026-11-01 05:30:00|2026-11-02 06:30:00|2026-11-03 06:30:00|2026-11-04 06:30:00",
            "*:15 Australia/Lord_Howe; 2026-10-03 14:00:00; 2026-10-03 14:45:00|2026-10-03 16:15:00|2026-10-03 17:15:00|2026-10-03 18:15:00",
            "1:45 Australia/Lord_Howe; 2026-04-04 13:00:00; 2026-04-04 14:45:00|2026-04-05 15:15:00|2026-04-06 15:15:00|2026-04-07 15:15:00",
            "*:0/20 Australia/Lord_Howe; 2026-04-04 14:00:00; 2026-04-04 14:20:00|2026-04-04 14:40:00|2026-04-04 15:30:00|2026-04-04 15:50:00",
            "12:00 Pacific/Apia; 2011-12-28 00:00:00; 2011-12-28 22:00:00|2011-12-29 22:00:00|2011-12-30 22:00:00|2011-12-31 22:00:00",
            "*-12-30 Pacific/Apia; 2011-01-01 00:00:00; 2012-12-29 10:00:00|2013-12-29 10:00:00|2014-12-29 10:00:00|2015-12-29 10:00:00",
            "hourly Pacific/Apia; 2011-12-30 08:30:00; 2011-12-30 09:00:00|2011-12-30 10:00:00|2011-12-30 11:00:00|2011-12-30 12:00:00",
    })
    void daylightSavingAsSystemdHasIt(String expression, String base, String expected) throws Exception {
        assertThat(next(expression, base, 4)).isEqualTo(utc(expected));
    }

    /** The examples the oncalendar library (which Healthchecks uses) documents in its README. */
    @Test
    void readsTheOncalendarLibrarysDocumentedExamples() throws Exception {
        // "Mon, 12:34", ten times from a Sunday in December 2023
        assertThat(next("Mon, 12:34", "2023-12-10 00:00:00", 10)).isEqualTo(utc("2023-12-11 12:34:00|2023-12-18 12:34:00"
                + "|2023-12-25 12:34:00|2024-01-01 12:34:00|2024-01-08 12:34:00|2024-01-15 12:34:00|2024-01-22 12:34:00"
                + "|2024-01-29 12:34:00|2024-02-05 12:34:00|2024-02-12 12:34:00"));
        assertThatThrownBy(() -> OnCalendarSchedule.parse("Mon, 123:456")).isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("Bad time");
        // the library stops at 2200 ("2199-2-29" never comes); Healthchecks refuses what never fires
        assertThatThrownBy(() -> OnCalendarSchedule.parse("2199-2-29")).isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("never fires");
        // several expressions, one with its own zone
        assertThat(next("2020-01-01\\n12:34 Europe/Riga", "2019-12-31 00:00:00", 3))
                .isEqualTo(utc("2019-12-31 10:34:00|2020-01-01 00:00:00|2020-01-01 10:34:00"));
    }

    @Test
    void aLineWithoutAZoneIsReadInTheMonitorsZone() throws Exception {
        OnCalendarSchedule schedule = OnCalendarSchedule.parse("Mon..Fri 09:00");
        assertThat(schedule.nextAfter(Instant.parse("2025-12-31T23:00:00Z"), ZoneId.of("Asia/Tokyo")))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(schedule.nextAfter(Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("Europe/Riga")))
                .isEqualTo(Instant.parse("2026-01-01T07:00:00Z"));
    }

    @Test
    void severalLinesEachInItsZoneMatchWhenAnyDoes() throws Exception {
        assertThat(next("Mon 09:00 Europe/Riga\\nMon 09:00 America/New_York\\nMon 09:00 Europe/Riga", "2026-01-04 00:00:00", 3))
                .isEqualTo(utc("2026-01-05 07:00:00|2026-01-05 14:00:00|2026-01-12 07:00:00"));
    }

    @Test
    void theLastTimeBeforeAReference() throws Exception {
        OnCalendarSchedule schedule = OnCalendarSchedule.parse("Mon..Fri 09:00 Europe/Riga");
        Instant anchor = Instant.parse("2020-01-01T00:00:00Z");
        assertThat(schedule.previousBefore(anchor, Instant.parse("2026-01-05T07:00:00Z"), ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-01-02T07:00:00Z"));
        assertThat(schedule.previousBefore(anchor, Instant.parse("2026-01-05T07:00:01Z"), ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-01-05T07:00:00Z"));
        assertThat(OnCalendarSchedule.parse("*-02-29 12:00").previousBefore(anchor, Instant.parse("2026-01-01T00:00:00Z"),
                ZoneOffset.UTC)).isEqualTo(Instant.parse("2024-02-29T12:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/2:00", "1,*:00", "1..*:00", "Fri..Mon 10:00", "25:00", "12:60", "05:40:23.42",
            "Mon *-*-* 12:00 Not/AZone", "Mon Tue Wed", "*-*-* 1:2:3:4", "*-13-01", "*-02-30", "1969-01-01",
            "Caturday 12:00", "12:00 12:00", "", "  ", "*-*~0", "*:1/0",
            // systemd refuses an open repetition that cannot repeat
            "*:58/4", "*:59/1", "22/2:00", "*-12/2-1", "*-*-30/2", "*-*~03/4",
            // systemd.time(7)'s own example, which never fires (2012-10-15 was a Monday): Healthchecks refuses it
            "Wed..Sat,Tue 12-10-15 1:2:3"})
    void refusesWhatSystemdOrHealthchecksRefuses(String expression) {
        assertThatThrownBy(() -> OnCalendarSchedule.parse(expression)).isInstanceOf(InvalidScheduleException.class);
    }

    @Test
    void isAtMostAHundredCharacters() throws Exception {
        String line = "*-*-* 00:00:00";
        String within = (line + "\n").repeat(6) + "*-*-* 0:0";
        assertThat(within).hasSizeLessThanOrEqualTo(100);
        OnCalendarSchedule.parse(within);
        assertThatThrownBy(() -> OnCalendarSchedule.parse((line + "\n").repeat(7) + line))
                .isInstanceOf(InvalidScheduleException.class).hasMessageContaining("100");
    }

    @Test
    void aValidExpressionThatHasStoppedFiringKeepsTheMonitorQuiet() throws Exception {
        OnCalendarSchedule past = OnCalendarSchedule.parse("2003-03-05 05:40");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(past.next(now, ZoneOffset.UTC)).isNull();
        assertThat(past.nextAfter(now, ZoneOffset.UTC)).isAfter(now.plusSeconds(50L * 365 * 86400));
    }

    @Test
    void speaksItsTypeAndShowsItsText() throws Exception {
        OnCalendarSchedule schedule = OnCalendarSchedule.parse("  Mon..Fri 09:00  ");
        assertThat(schedule.type()).isEqualTo("oncalendar");
        assertThat(schedule.wireValue()).isEqualTo("Mon..Fri 09:00");
        assertThat(schedule).isEqualTo(OnCalendarSchedule.parse("Mon..Fri 09:00"));
    }
}
