package dev.cronwatch.adapters.alert;

import dev.cronwatch.core.schedule.CrontabSchedule;
import dev.cronwatch.core.schedule.InvalidScheduleException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule in words, as the dashboard says it ({@code format.js}: {@code scheduleText},
 * {@code cronText}, {@code calendarText}): "every 2 hours", "at 09:30, Monday to Friday". The common
 * shapes read as words; anything else is shown as the expression itself, which is never wrong. The
 * two are held to the same table of cases, {@code schedule-words.json}, read by a Java and a Node test.
 */
public final class ScheduleWords {
    private static final Map<String, String> NICKNAMES = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    /** systemd's specials (systemd.time(7)) as the crontab fields that say the same. */
    private static final Map<String, String> CALENDAR_SPECIALS = Map.of("minutely", "* * * * *",
            "hourly", "0 * * * *", "daily", "0 0 * * *", "weekly", "0 0 * * 1", "monthly", "0 0 1 * *",
            "yearly", "0 0 1 1 *", "annually", "0 0 1 1 *", "quarterly", "0 0 1 1,4,7,10 *",
            "semiannually", "0 0 1 1,7 *");
    private static final List<String> DAYS = List.of("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
            "Friday", "Saturday", "Sunday");
    private static final List<String> DAY_NAMES = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December");
    private static final List<String> MONTH_NAMES = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec");
    private static final Pattern CALENDAR_WEEKDAYS = Pattern.compile("[a-z]+(?:(?:\\.\\.|-)[a-z]+)?(?:,[a-z]+)*");
    private static final Pattern CALENDAR_NUMBERS = Pattern.compile("\\*|\\d+(?:,\\d+)*");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern STEP = Pattern.compile("\\*/(\\d+)");
    private static final Pattern NUMBER_LIST = Pattern.compile("\\d+(,\\d+)+");
    private static final Pattern NUMBER_RANGE = Pattern.compile("(\\d+)-(\\d+)");
    private static final Pattern NAME_RANGE = Pattern.compile("([a-z0-9]+)-([a-z0-9]+)");

    private ScheduleWords() {
    }

    /** The words of a schedule of the given {@code schedule_type}: {@code scheduleText} without its zone. */
    public static String words(String scheduleType, Object schedule) {
        if ("interval".equals(scheduleType) && schedule instanceof List<?> interval) return intervalWords(interval);
        if ("simple".equals(scheduleType) && schedule instanceof Number seconds) return secondsWords(seconds.longValue());
        String expression = schedule == null ? "" : schedule.toString();
        return "oncalendar".equals(scheduleType) ? calendarText(expression) : cronText(expression);
    }

    /**
     * The words of a schedule as an alert carries it, without its type: an interval is a list, and a
     * crontab is stored as one line that parses as one; anything else is a calendar, even one whose
     * lines hold five words ({@code Mon\nTue\nWed\nThu\nFri}).
     */
    public static String words(Object schedule) {
        if (schedule instanceof List<?>) return words("interval", schedule);
        if (schedule instanceof Number) return words("simple", schedule);
        String expression = schedule == null ? "" : schedule.toString().strip();
        return words(isCrontab(expression) ? "crontab" : "oncalendar", expression);
    }

    private static boolean isCrontab(String expression) {
        if (expression.contains("\n")) return false;
        try {
            CrontabSchedule.parse(expression);
            return true;
        } catch (InvalidScheduleException | RuntimeException e) { // a stored body may hold anything
            return false;
        }
    }

    /** A Healthchecks check's period in the largest unit that divides it: "every day", "every 90 seconds". */
    private static String secondsWords(long seconds) {
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] units = {"day", "hour", "minute", "second"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds % sizes[i] != 0) continue;
            long n = seconds / sizes[i];
            return n == 1 ? "every " + units[i] : "every " + n + " " + units[i] + "s";
        }
        return "every " + seconds + " seconds";
    }

    private static String intervalWords(List<?> interval) {
        if (interval.size() != 2) return "every " + interval;
        String n = number(interval.get(0));
        Object unit = interval.get(1);
        return "1".equals(n) ? "every " + unit : "every " + n + " " + unit + "s";
    }

    /** A JSON number as JavaScript prints it: 2, not 2.0. */
    private static String number(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d)) return String.valueOf((long) d);
        }
        return String.valueOf(value);
    }

    static String cronText(String expression) {
        String trimmed = expression.strip().replaceAll("\\s+", " ");
        String words = cronWords(NICKNAMES.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed));
        return words != null ? words : "cron \"" + trimmed + "\"";
    }

    static String calendarText(String expression) {
        String trimmed = expression.strip().replaceAll("[ \t]+", " ");
        String crontab = calendarAsCrontab(trimmed);
        String words = crontab == null ? null : cronWords(crontab);
        return words != null ? words : "OnCalendar \"" + trimmed + "\"";
    }

    /** Five crontab fields in words, or null when the words would not be exact. */
    private static String cronWords(String expression) {
        String[] fields = expression.split(" ", -1);
        if (fields.length != 5) return null;
        for (int i = 0; i < fields.length; i++) fields[i] = fields[i].toLowerCase(Locale.ROOT);
        Time time = timeText(fields[0], fields[1]);
        String days = dayText(fields[2], fields[3], fields[4]);
        if (time == null || days == null) return null;
        if (days.isEmpty()) return time.atClock() ? "every day at " + time.text() : time.text();
        return time.atClock() ? "at " + time.text() + ", " + days : time.text() + ", " + days;
    }

    private static String calendarAsCrontab(String expression) {
        String normal = expression.strip().replaceAll("[ \t]+", " ").toLowerCase(Locale.ROOT);
        String special = CALENDAR_SPECIALS.get(normal);
        return special != null ? special : calendarAsCron(normal);
    }

    /** {@code [weekdays] [[*-]month-day] [hour:minute[:00]]} as crontab fields, or null for any other form. */
    private static String calendarAsCron(String expression) {
        if (expression.contains("\n")) return null; // several lines: any may match, which one crontab line cannot say
        List<String> tokens = new ArrayList<>(List.of(expression.split(" ", -1)));
        String weekdays = tokens.get(0).matches("[a-z].*") ? tokens.remove(0) : "*";
        if (!weekdays.equals("*") && !CALENDAR_WEEKDAYS.matcher(weekdays).matches()) return null;
        List<String> date = !tokens.isEmpty() && tokens.get(0).contains("-")
                ? new ArrayList<>(List.of(tokens.remove(0).split("-", -1))) : new ArrayList<>(List.of("*", "*"));
        String[] time = (tokens.isEmpty() ? "00:00" : tokens.remove(0)).split(":", -1);
        if (!tokens.isEmpty() || date.size() > 3 || (date.size() == 3 && !date.remove(0).equals("*"))) return null;
        if (time.length < 2 || time.length > 3 || (time.length == 3 && !time[2].matches("0?0"))) return null;
        String month = date.get(0);
        String dom = date.get(1);
        String hour = calendarTimeField(time[0]);
        String minute = calendarTimeField(time[1]);
        for (String field : List.of(month, dom)) if (!CALENDAR_NUMBERS.matcher(field).matches()) return null;
        if (!dom.equals("*") && !weekdays.equals("*")) return null; // systemd wants both, cron either
        for (String field : List.of(hour, minute)) {
            if (!CALENDAR_NUMBERS.matcher(field).matches() && !STEP.matcher(field).matches()) return null;
        }
        String cronWeekdays = weekdays.replace("..", "-").replaceAll("([a-z]{3})[a-z]*", "$1");
        return String.join(" ", minute, hour, dom, month, cronWeekdays);
    }

    /** {@code 09} as {@code 9}, {@code 0/15} as the crontab step {@code *\/15}. */
    private static String calendarTimeField(String field) {
        return field.replaceFirst("^0*(\\d)", "$1").replaceFirst("^0/(\\d+)$", "*/$1");
    }

    private record Time(String text, boolean atClock) {
    }

    /**
     * A step that does not divide its field's range evenly is not "every N": {@code *\/45} runs at :00
     * and :45, {@code *\/5} hours leaves a gap of 4 at midnight, {@code *\/25} hours runs once a day.
     */
    private static BigInteger evenStep(String field, int range) {
        Matcher step = STEP.matcher(field);
        if (!step.matches()) return null;
        BigInteger n = integer(step.group(1));
        return n.signum() > 0 && BigInteger.valueOf(range).mod(n).signum() == 0 ? n : null;
    }

    private static Time timeText(String minute, String hour) {
        if (minute.equals("*") && hour.equals("*")) return new Time("every minute", false);
        BigInteger minuteStep = evenStep(minute, 60);
        if (minuteStep != null && hour.equals("*")) return new Time("every " + minuteStep + " minutes", false);
        if (!NUMBER.matcher(minute).matches()) return null;
        String mm = pad(minute);
        if (hour.equals("*")) return new Time("every hour at :" + mm, false);
        BigInteger hourStep = evenStep(hour, 24);
        if (hourStep != null) return new Time("every " + hourStep + " hours at :" + mm, false);
        if (NUMBER.matcher(hour).matches()) return new Time(pad(hour) + ":" + mm, true);
        if (NUMBER_LIST.matcher(hour).matches()) {
            return new Time(list(List.of(hour.split(",")).stream().map(h -> pad(h) + ":" + mm).toList()), true);
        }
        Matcher range = NUMBER_RANGE.matcher(hour);
        if (range.matches()) {
            return new Time("every hour at :" + mm + " from " + pad(range.group(1)) + ":" + mm + " to "
                    + pad(range.group(2)) + ":" + mm, false);
        }
        return null;
    }

    /** "" for every day, null when not expressible here (cron's day-of-month OR day-of-week, steps…). */
    private static String dayText(String dom, String month, String dow) {
        String months = month.equals("*") ? "" : monthList(month);
        if (months == null) return null;
        if (!dom.equals("*") && !dow.equals("*")) return null;
        if (!dow.equals("*") && !coversTheWeek(dow)) {
            String days = weekdays(dow);
            if (days == null) return null;
            return months.isEmpty() ? days : days + " in " + months;
        }
        if (dom.equals("*")) return months.isEmpty() ? "" : "in " + months;
        if (dom.equals("l")) return months.isEmpty() ? "on the last day of the month" : "on the last day of " + months;
        if (!NUMBER.matcher(dom).matches()) return null;
        return months.isEmpty() ? "on day " + integer(dom) + " of the month" : "on " + integer(dom) + " " + months;
    }

    private static String weekdays(String dow) {
        Matcher range = NAME_RANGE.matcher(dow);
        if (range.matches()) {
            Integer from = dayIndex(range.group(1));
            Integer to = dayIndex(range.group(2));
            return from == null || to == null ? null : DAYS.get(from) + " to " + DAYS.get(to);
        }
        List<String> names = new ArrayList<>();
        for (String token : dow.split(",", -1)) {
            Integer day = dayIndex(token);
            if (day == null) return null;
            names.add(DAYS.get(day));
        }
        return "on " + list(names);
    }

    /** {@code 0-7}, {@code 0-6}, {@code 1-7}, {@code sun-sat}: every day of the week, so no day to name. */
    private static boolean coversTheWeek(String dow) {
        Matcher range = NAME_RANGE.matcher(dow);
        if (!range.matches()) return false;
        Integer from = dayIndex(range.group(1));
        Integer to = dayIndex(range.group(2));
        return from != null && to != null && from <= 1 && to - from >= 6;
    }

    private static Integer dayIndex(String token) {
        if (NUMBER.matcher(token).matches() && integer(token).compareTo(BigInteger.valueOf(7)) <= 0) {
            return integer(token).intValue();
        }
        int named = DAY_NAMES.indexOf(token);
        return named < 0 ? null : named;
    }

    private static String monthList(String month) {
        List<String> names = new ArrayList<>();
        for (String token : month.split(",", -1)) {
            if (NUMBER.matcher(token).matches() && integer(token).compareTo(BigInteger.ONE) >= 0
                    && integer(token).compareTo(BigInteger.valueOf(12)) <= 0) {
                names.add(MONTHS.get(integer(token).intValue() - 1));
            } else if (MONTH_NAMES.contains(token)) {
                names.add(MONTHS.get(MONTH_NAMES.indexOf(token)));
            } else {
                return null;
            }
        }
        return list(names);
    }

    private static String list(List<String> items) {
        if (items.size() < 2) return String.join("", items);
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static BigInteger integer(String digits) {
        return new BigInteger(digits);
    }

    private static String pad(String digits) {
        String n = integer(digits).toString();
        return n.length() < 2 ? "0" + n : n;
    }
}
