package dev.cronwatch.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Debian cron's meaning of a crontab, DST included (docs/spec.md §6, D1), as numbered vectors: table A
 * the syntax quirks, table B the DST transitions (forwards and backwards), table D expressions refused.
 */
class CronVectorsTest {
    private static final ZoneId RIGA = ZoneId.of("Europe/Riga");

    static Stream<Arguments> tableA() {
        String y = "2020-01-01T00:00";
        return Stream.of(
                utc("N1", "1 1 L * *", y, "2020-01-31T01:01"),
                utc("N2", "1 1 LW 5 *", y, "2020-05-29T01:01"),
                utc("N3", "1 1 * * 5L", y, "2020-01-31T01:01", "2020-02-28T01:01", "2020-03-27T01:01",
                        "2020-04-24T01:01", "2020-05-29T01:01", "2020-06-26T01:01", "2020-07-31T01:01",
                        "2020-08-28T01:01", "2020-09-25T01:01", "2020-10-30T01:01", "2020-11-27T01:01",
                        "2020-12-25T01:01"),
                utc("N4a", "1 1 * * 0L", y, "2020-01-26T01:01"),
                utc("N4b", "1 1 * * 7L", y, "2020-01-26T01:01"),
                utc("N5", "1 1 * * 1#2", y, "2020-01-13T01:01"),
                utc("N6", "1 1 1-7 * */7", y, "2020-01-05T01:01", "2020-02-02T01:01", "2020-03-01T01:01",
                        "2020-04-05T01:01"),
                utc("N7", "1 1 */100,1-7 * MON", y, "2020-01-06T01:01", "2020-02-03T01:01", "2020-03-02T01:01",
                        "2020-04-06T01:01"),
                utc("N8", "1 1 */100 * MON#4", y),
                utc("N9", "1 1 * * */3", y, "2020-01-01T01:01", "2020-01-04T01:01", "2020-01-05T01:01",
                        "2020-01-08T01:01"),
                utc("N10", "0 0 * 2 MON#5", y, "2044-02-29T00:00", "2072-02-29T00:00", "2112-02-29T00:00",
                        "2140-02-29T00:00", "2168-02-29T00:00"),
                utc("N11", "* * */20 * 1L", y));
    }

    static Stream<Arguments> tableB() {
        return Stream.of(
                riga("R01m", "0 * * * *", "2021-03-28T01:30+02", "02:00+02", "04:00+03"),
                riga("R01o", "0 * * * *", "2021-10-31T01:30+03", "02:00+03", "03:00+03", "03:00+02", "04:00+02"),
                riga("R02m", "*/30 * * * *", "2021-03-28T02:10+02", "02:30+02", "04:00+03", "04:30+03"),
                riga("R02o", "*/30 * * * *", "2021-10-31T02:10+03", "02:30+03", "03:00+03", "03:30+03",
                        "03:00+02", "03:30+02", "04:00+02"),
                riga("R03m", "*/15 * * * *", "2021-03-28T02:40+02", "02:45+02", "04:00+03"),
                riga("R03o", "*/15 * * * *", "2021-10-31T02:40+03", "02:45+03", "03:00+03", "03:15+03", "03:30+03",
                        "03:45+03", "03:00+02", "03:15+02", "03:30+02", "03:45+02", "04:00+02"),
                riga("R04m", "0 */2 * * *", "2021-03-28T01:30+02", "02:00+02", "04:00+03", "06:00+03"),
                riga("R04o", "0 */2 * * *", "2021-10-31T01:30+03", "02:00+03", "04:00+02", "06:00+02"),
                riga("R05m", "30 */2 * * *", "2021-03-28T01:30+02", "02:30+02", "04:30+03"),
                riga("R05o", "30 */2 * * *", "2021-10-31T01:30+03", "02:30+03", "04:30+02"),
                riga("R06o", "0 */3 * * *", "2021-10-31T01:30+03", "03:00+03", "03:00+02", "06:00+02"),
                riga("R08m", "0 1,2,3,4,5 * * *", "2021-03-28T01:30+02", "02:00+02", "04:00+03", "05:00+03"),
                riga("R08o", "0 1,2,3,4,5 * * *", "2021-10-31T01:30+03", "02:00+03", "03:00+03", "04:00+02"),
                riga("R09m", "30 1,2,3,4,5 * * *", "2021-03-28T01:30+02", "02:30+02", "04:00+03", "04:30+03"),
                riga("R09o", "30 1,2,3,4,5 * * *", "2021-10-31T01:30+03", "02:30+03", "03:30+03", "04:30+02"),
                riga("R10m", "0 2 * * *", "2021-03-28T01:30+02", "02:00+02", "2021-03-29T02:00+03"),
                riga("R10o", "0 2 * * *", "2021-10-31T01:30+03", "02:00+03", "2021-11-01T02:00+02"),
                riga("R11m", "0 3 * * *", "2021-03-27T01:30+02", "03:00+02", "2021-03-28T04:00+03",
                        "2021-03-29T03:00+03"),
                riga("R11o", "0 3 * * *", "2021-10-31T01:30+03", "03:00+03", "2021-11-01T03:00+02"),
                riga("R12m", "0 4 * * *", "2021-03-27T01:30+02", "04:00+02", "2021-03-28T04:00+03",
                        "2021-03-29T04:00+03"),
                riga("R12o", "0 4 * * *", "2021-10-30T01:30+03", "04:00+03", "2021-10-31T04:00+02",
                        "2021-11-01T04:00+02"),
                riga("R14m", "0 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23 * * *",
                        "2021-03-28T01:30+02", "02:00+02", "04:00+03", "05:00+03"),
                riga("R14o", "0 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23 * * *",
                        "2021-10-31T01:30+03", "02:00+03", "03:00+03", "04:00+02"),
                riga("R15m", "0 1,3,5,7,9,11,13,15,17,19,21,23 * * *", "2021-03-28T00:30+02",
                        "01:00+02", "04:00+03", "05:00+03"),
                riga("R15o", "0 1,3,5,7,9,11,13,15,17,19,21,23 * * *", "2021-10-31T00:30+03",
                        "01:00+03", "03:00+03", "05:00+02"),
                riga("R16m", "0 1-5 * * *", "2021-03-28T01:30+02", "02:00+02", "04:00+03", "05:00+03"),
                riga("R16o", "0 1-5 * * *", "2021-10-31T01:30+03", "02:00+03", "03:00+03", "04:00+02"),
                riga("R17m", "15 3 * * *", "2021-03-27T00:00+02", "03:15+02", "2021-03-28T04:00+03",
                        "2021-03-29T03:15+03"),
                riga("R17o", "15 3 * * *", "2021-10-30T00:00+03", "03:15+03", "2021-10-31T03:15+03",
                        "2021-11-01T03:15+02"),
                riga("R18m", "* * * * *", "2021-03-28T02:58+02", "02:59+02", "04:00+03"),
                riga("R18o", "* * * * *", "2021-10-31T03:58+03", "03:59+03", "03:00+02", "03:01+02"),
                riga("R19m", "* 1-6 * * *", "2021-03-28T02:58+02", "02:59+02", "04:00+03"),
                riga("R19o", "* 1-6 * * *", "2021-10-31T03:58+03", "03:59+03", "03:00+02", "03:01+02"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource({"tableA", "tableB"})
    void firesExactlyAsCronsim(String id, String expression, ZoneId zone, Instant start, List<Instant> expected)
            throws InvalidScheduleException {
        CronExpression cron = CronExpression.parse(expression);
        List<Instant> fired = new ArrayList<>();
        Instant at = start;
        for (int i = 0; i < Math.max(expected.size(), 1); i++) {
            Optional<Instant> next = cron.next(at, zone);
            if (next.isEmpty()) break;
            fired.add(next.get());
            at = next.get();
        }
        // the fires both lists have agree one by one (the first that differs is the one reported), and then
        // there are as many: none where cronsim never fires, none missing where the search gave up early
        int both = Math.min(fired.size(), expected.size());
        assertThat(fired.subList(0, both)).as("%s: the first %d fires", id, both).isEqualTo(expected.subList(0, both));
        assertThat(fired).as(id).containsExactlyElementsOf(expected);
    }

    /** Walking backwards from just after the last expected time gives the same times in reverse. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource({"tableA", "tableB"})
    void reverseIterationMirrorsForward(String id, String expression, ZoneId zone, Instant start,
                                        List<Instant> expected) throws InvalidScheduleException {
        if (expected.isEmpty()) return;
        CronExpression cron = CronExpression.parse(expression);
        List<Instant> reversed = new ArrayList<>();
        Instant at = expected.get(expected.size() - 1).plusSeconds(1);
        for (int i = 0; i < expected.size(); i++) {
            Instant previous = cron.previous(at, zone).orElseThrow();
            reversed.add(0, previous);
            at = previous;
        }
        assertThat(reversed).as(id).containsExactlyElementsOf(expected);
    }

    /** In the repeated hour's second pass, 01:30 already fired in the first: that is the one before 01:15 EST. */
    @org.junit.jupiter.api.Test
    void reverseFromTheSecondPassOfAnAutumnHourFindsItsFirstPass() throws InvalidScheduleException {
        assertThat(CronExpression.parse("30 1 * * *").previous(Instant.parse("2020-11-01T06:15:00Z"),
                ZoneId.of("America/New_York"))).contains(Instant.parse("2020-11-01T05:30:00Z"));
    }

    @org.junit.jupiter.api.Test
    void n10ReverseFromStartFindsTheLeapMondayBefore() throws InvalidScheduleException {
        assertThat(CronExpression.parse("0 0 * 2 MON#5").previous(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2016-02-29T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * *", "* * * * * * *", "-1 * * * *", "61 * * * *", "ABC * * * *", "2/ * * * *",
            "/2 * * * *", "* * * * 2#", "* * * * #2", "* * * * 1##1", "1//2 * * * *", "¹ * * * *", "* * LL * *",
            "* * LWX * *", "1-61 * * * *", "* * 1,LL * *", "* * * JAN-ABC *", "* * 5-1 * *", "1-1_0 * * * *",
            "*/0 * * * *", "* * * * 1#0", "* * * * 1#6", "* * 30 2 *", "* * 31 4 *", "* * * * 5L-6",
            "* * * * 5L#1", "* * * * 5L/3", "* * * * MONL", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8"})
    void rejectsTableD(String expression) {
        assertThatThrownBy(() -> CronExpression.parse(expression))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageMatching("(Bad|Wrong) .+");
    }

    /** A crontab line has five fields: cronsim's seconds-first form is no crontab. */
    @ParameterizedTest
    @ValueSource(strings = {"0 0 * * * *", "*/10 * * * * *", "30 0 9 * * MON"})
    void refusesSixFieldsWithSeconds(String expression) {
        assertThatThrownBy(() -> CronExpression.parse(expression))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessage("Wrong number of fields: a cron expression has 5.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5/15 * * * *", "0-10/2 * * * *", "* * * * */2", "1 1 L/2 * *", "1 1 LW/2 * *",
            "0 9 15W * *", "0 0 * * sun", "0 0 * jan-mar mon-fri", "0 0 * * 5-7"})
    void acceptsTheQuirksDebianAccepts(String expression) throws InvalidScheduleException {
        assertThat(CronExpression.parse(expression).next(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC))
                .isPresent();
    }

    @org.junit.jupiter.api.Test
    void quirkValues() throws InvalidScheduleException {
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        assertThat(firings("5/15 * * * *", start, 5)).extracting(i -> i.atZone(ZoneOffset.UTC).getMinute())
                .containsExactly(5, 20, 35, 50, 5);
        assertThat(firings("0-10/2 * * * *", start, 6)).extracting(i -> i.atZone(ZoneOffset.UTC).getMinute())
                .containsExactly(2, 4, 6, 8, 10, 0);
        assertThat(firings("0 0 * * */2", start, 4)).extracting(i -> i.atZone(ZoneOffset.UTC).getDayOfMonth())
                .containsExactly(2, 4, 5, 7); // Thu, Sat, Sun, Tue: {0,2,4,6}
        assertThat(firings("0 9 15W * *", Instant.parse("2020-02-01T00:00:00Z"), 1))
                .containsExactly(Instant.parse("2020-02-14T09:00:00Z")); // the 15th is a Saturday
    }

    private static List<Instant> firings(String expression, Instant start, int n) throws InvalidScheduleException {
        CronExpression cron = CronExpression.parse(expression);
        List<Instant> out = new ArrayList<>();
        for (Instant at = start; out.size() < n; ) {
            at = cron.next(at, ZoneOffset.UTC).orElseThrow();
            out.add(at);
        }
        return out;
    }

    private static Arguments utc(String id, String expression, String start, String... expected) {
        return Arguments.of(id, expression, ZoneOffset.UTC, LocalDateTime.parse(start).toInstant(ZoneOffset.UTC),
                Arrays.stream(expected).map(e -> LocalDateTime.parse(e).toInstant(ZoneOffset.UTC)).toList());
    }

    /** Times without a date are on the start's date; offsets are written +02 / +03 as in the table. */
    private static Arguments riga(String id, String expression, String start, String... expected) {
        String day = start.substring(0, 10);
        return Arguments.of(id, expression, RIGA, instant(start),
                Arrays.stream(expected).map(e -> instant(e.length() <= 12 ? day + "T" + e : e)).toList());
    }

    private static Instant instant(String text) {
        return OffsetDateTime.parse(text + ":00").toInstant();
    }
}
