package dev.cronwatch.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedule math of docs/spec.md §6 and §7.4 for crontab and interval schedules. */
class ScheduleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void crontabNextIsStrictlyAfterAndMinuteAligned() throws InvalidScheduleException {
        assertThat(CrontabSchedule.parse("0 * * * *").nextAfter(at("2020-01-01T05:30:00Z"), UTC)).isEqualTo(at("2020-01-01T06:00:00Z"));
        assertThat(CrontabSchedule.parse("30 * * * *").nextAfter(at("2020-01-01T05:29:00Z"), UTC)).isEqualTo(at("2020-01-01T05:30:00Z"));
        assertThat(CrontabSchedule.parse("* * * * *").nextAfter(at("2020-01-01T01:10:20Z"), UTC)).isEqualTo(at("2020-01-01T01:11:00Z"));
        assertThat(CrontabSchedule.parse("*/5 * * * *").nextAfter(at("2020-01-01T01:10:20Z"), UTC)).isEqualTo(at("2020-01-01T01:15:00Z"));
        assertThat(CrontabSchedule.parse("* * * * *").nextAfter(at("2020-01-01T12:00:00Z"), UTC)).isEqualTo(at("2020-01-01T12:01:00Z"));
    }

    @Test
    void crontabPreviousIsStrictlyBefore() throws InvalidScheduleException {
        Instant anchor = at("2000-01-01T00:00:00Z");
        assertThat(CrontabSchedule.parse("0 * * * *").previousBefore(anchor, at("2020-01-01T05:35:00Z"), UTC)).isEqualTo(at("2020-01-01T05:00:00Z"));
        assertThat(CrontabSchedule.parse("30 * * * *").previousBefore(anchor, at("2020-01-01T05:30:00Z"), UTC)).isEqualTo(at("2020-01-01T04:30:00Z"));
    }

    @Test
    void crontabRunsInTheMonitorsZone() throws InvalidScheduleException {
        assertThat(CrontabSchedule.parse("0 9 * * *").nextAfter(at("2024-07-01T00:00:00Z"), NEW_YORK))
                .isEqualTo(at("2024-07-01T13:00:00Z"));
    }

    @Test
    void crontabNormalisesAndRejectsAsSentry() throws InvalidScheduleException {
        assertThat(CrontabSchedule.parse("  *\t* *     * * ").wireValue()).isEqualTo("* * * * *");
        assertThat(CrontabSchedule.parse("@daily").wireValue()).isEqualTo("0 0 * * *");
        assertThat(CrontabSchedule.parse("@weekly").wireValue()).isEqualTo("0 0 * * 0");
        assertThat(CrontabSchedule.parse("@yearly")).isEqualTo(CrontabSchedule.parse("0 0 1 1 *"));
        assertThatThrownBy(() -> CrontabSchedule.parse("@reboot")).hasMessageContaining("not parseable");
        assertThatThrownBy(() -> CrontabSchedule.parse("@midnight")).hasMessageContaining("not parseable");
        assertThatThrownBy(() -> CrontabSchedule.parse("* * * * * *")).hasMessageContaining("Only 5 field");
        assertThatThrownBy(() -> CrontabSchedule.parse("0 0 31 2 *")).hasMessageContaining("day-of-month");
        // parses, but no day is both the 1st and the 4th Monday: never fires
        assertThatThrownBy(() -> CrontabSchedule.parse("1 1 */100 * MON#4")).hasMessageContaining("never fires");
        assertThatThrownBy(() -> CrontabSchedule.parse("* * */20 * 1L")).hasMessageContaining("never fires");
    }

    @Test
    void intervalIsAnchoredOnTheReferenceAndCutToTheMinute() throws InvalidScheduleException {
        IntervalSchedule twoHours = IntervalSchedule.of(2, "hour");
        assertThat(twoHours.nextAfter(at("2020-01-01T05:30:00Z"), UTC)).isEqualTo(at("2020-01-01T07:30:00Z"));
        assertThat(twoHours.nextAfter(at("2020-01-01T05:42:00Z"), UTC)).isEqualTo(at("2020-01-01T07:42:00Z"));
        assertThat(IntervalSchedule.of(1, "month").nextAfter(at("2019-01-01T01:10:20Z"), UTC))
                .isEqualTo(at("2019-02-01T01:10:00Z"));
    }

    @Test
    void intervalSkipsMonthsWithoutTheDay() throws InvalidScheduleException {
        assertThat(IntervalSchedule.of(1, "month").nextAfter(at("2021-01-31T10:00:00Z"), UTC)).isEqualTo(at("2021-03-31T10:00:00Z"));
        assertThat(IntervalSchedule.of(1, "year").nextAfter(at("2020-02-29T10:00:00Z"), UTC)).isEqualTo(at("2024-02-29T10:00:00Z"));
    }

    @Test
    void intervalKeepsWallClockAcrossDst() throws InvalidScheduleException {
        // 1 day from 2024-03-09 12:00 EST is 12:00 EDT, 23 hours later
        assertThat(IntervalSchedule.of(1, "day").nextAfter(at("2024-03-09T17:00:00Z"), NEW_YORK)).isEqualTo(at("2024-03-10T16:00:00Z"));
        // 1 hour from 01:30 EST lands on the missing 02:30, which resolves to 03:30 EDT (07:30Z)
        assertThat(IntervalSchedule.of(1, "hour").nextAfter(at("2024-03-10T06:30:00Z"), NEW_YORK)).isEqualTo(at("2024-03-10T07:30:00Z"));
    }

    @Test
    void intervalPreviousIsTheLastPointOfTheSeriesBeforeTheReference() throws InvalidScheduleException {
        IntervalSchedule twoHours = IntervalSchedule.of(2, "hour");
        Instant start = at("2020-01-01T01:30:00Z");
        assertThat(twoHours.previousBefore(start, at("2020-01-01T05:30:00Z"), UTC)).isEqualTo(at("2020-01-01T03:30:00Z"));
        assertThat(twoHours.previousBefore(start, at("2020-01-01T05:35:00Z"), UTC)).isEqualTo(at("2020-01-01T05:30:00Z"));
        assertThat(twoHours.previousBefore(start, at("2020-03-01T00:00:00Z"), UTC)).isEqualTo(at("2020-02-29T23:30:00Z"));
        assertThat(IntervalSchedule.of(1, "month").previousBefore(at("2021-01-31T10:00:00Z"), at("2021-04-01T00:00:00Z"), UTC))
                .isEqualTo(at("2021-03-31T10:00:00Z"));
    }

    @Test
    void intervalPreviousAcrossASpringGapIsStillTheLastPointBeforeTheReference() throws InvalidScheduleException {
        // Santiago skips 00:00-01:00 on 2022-09-11 (04:00Z). From 23:30 every 7 minutes: 23:58 (03:58Z), then
        // 00:05, which does not exist and is 01:05 (04:05Z); the wall clock counts the skipped hour, real time does not.
        ZoneId santiago = ZoneId.of("America/Santiago");
        IntervalSchedule sevenMinutes = IntervalSchedule.of(7, "minute");
        Instant start = at("2022-09-11T03:30:00Z");
        assertThat(sevenMinutes.previousBefore(start, at("2022-09-11T04:00:00Z"), santiago)).isEqualTo(at("2022-09-11T03:58:00Z"));
        assertThat(sevenMinutes.previousBefore(start, at("2022-09-11T04:06:00Z"), santiago)).isEqualTo(at("2022-09-11T04:05:00Z"));
    }

    @Test
    void intervalWireFormAndValidation() throws InvalidScheduleException {
        assertThat(IntervalSchedule.of(3, "day").wireValue()).isEqualTo(List.of(3, "day"));
        assertThat(IntervalSchedule.of(3, "day").type()).isEqualTo("interval");
        assertThatThrownBy(() -> IntervalSchedule.of(0, "hour")).isInstanceOf(InvalidScheduleException.class);
        assertThatThrownBy(() -> IntervalSchedule.of(1, "fortnight")).hasMessageContaining("fortnight");
    }
}
