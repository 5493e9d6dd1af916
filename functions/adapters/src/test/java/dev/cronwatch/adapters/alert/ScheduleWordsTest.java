package dev.cronwatch.adapters.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.schedule.CrontabSchedule;
import dev.cronwatch.core.schedule.InvalidScheduleException;
import dev.cronwatch.core.schedule.OnCalendarSchedule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schedules in the dashboard's words, held to the table the dashboard's Node test reads too. */
class ScheduleWordsTest {

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> sharedCases() throws IOException {
        try (InputStream in = ScheduleWordsTest.class.getResourceAsStream("/schedule-words.json")) {
            Map<String, Object> table = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (List<Map<String, Object>>) table.get("cases");
        }
    }

    /** The table's text is the dashboard's, zone included; an alert names the zone its own way. */
    @Test
    void everyScheduleOfTheSharedTable_readsAsTheDashboardSaysIt() throws IOException {
        List<Map<String, Object>> cases = sharedCases();
        assertThat(cases).hasSizeGreaterThan(50);
        for (Map<String, Object> c : cases) {
            String text = (String) c.get("text");
            assertThat(ScheduleWords.words((String) c.get("schedule_type"), c.get("schedule")))
                    .as("%s", c.get("schedule")).isEqualTo(text.substring(0, text.lastIndexOf(", ")));
        }
    }

    /** An alert carries the schedule without its type: a valid one reads the same as with it. */
    @Test
    void aValidScheduleWithoutItsType_readsAsWithIt() throws IOException {
        int valid = 0;
        for (Map<String, Object> c : sharedCases()) {
            String type = (String) c.get("schedule_type");
            if (!isValid(type, c.get("schedule"))) continue;
            valid++;
            assertThat(ScheduleWords.words(c.get("schedule"))).as("%s", c.get("schedule"))
                    .isEqualTo(ScheduleWords.words(type, c.get("schedule")));
        }
        assertThat(valid).isGreaterThan(30);
    }

    /**
     * A stored crontab is one line of five fields that parse (or a nickname); anything else an alert
     * carries is a calendar, however many words its lines hold.
     */
    @Test
    void aScheduleWithoutItsType_isACrontabOnlyWhenItParsesAsOne() {
        assertThat(ScheduleWords.words("0\n0\n*\n*\n*")).isEqualTo("OnCalendar \"0\n0\n*\n*\n*\"");
        assertThat(ScheduleWords.words("Mon\nTue\nWed\nThu\nFri")).isEqualTo("OnCalendar \"Mon\nTue\nWed\nThu\nFri\"");
        assertThat(ScheduleWords.words("daily weekly monthly yearly hourly"))
                .isEqualTo("OnCalendar \"daily weekly monthly yearly hourly\"");
        assertThat(ScheduleWords.words("0 9 * * 1-5")).isEqualTo("at 09:00, Monday to Friday");
        assertThat(ScheduleWords.words("@daily")).isEqualTo("every day at 00:00");
    }

    @Test
    void anIntervalReadAfterTheOutbox_readsAsWritten() {
        assertThat(ScheduleWords.words(List.of(2L, "hour"))).isEqualTo("every 2 hours");
        assertThat(ScheduleWords.words(List.of(2.0, "hour"))).isEqualTo("every 2 hours");
        assertThat(ScheduleWords.words(List.of(1, "day"))).isEqualTo("every day");
    }

    private static boolean isValid(String type, Object schedule) {
        try {
            switch (type) {
                case "crontab" -> CrontabSchedule.parse((String) schedule);
                case "oncalendar" -> OnCalendarSchedule.parse((String) schedule);
                default -> {
                    return true;
                }
            }
            return true;
        } catch (InvalidScheduleException | RuntimeException e) {
            return false;
        }
    }

    @Test
    void aHealthchecksPeriod_readsInTheLargestUnitThatDividesIt() {
        org.assertj.core.api.Assertions.assertThat(ScheduleWords.words("simple", 86_400L)).isEqualTo("every day");
        org.assertj.core.api.Assertions.assertThat(ScheduleWords.words(7_200L)).isEqualTo("every 2 hours");
        org.assertj.core.api.Assertions.assertThat(ScheduleWords.words("simple", 90L)).isEqualTo("every 90 seconds");
    }
}
