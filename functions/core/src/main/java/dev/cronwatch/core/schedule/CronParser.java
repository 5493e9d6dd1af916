package dev.cronwatch.core.schedule;

import java.util.List;
import java.util.Locale;

/** Reads 5-field cron expressions with the syntax and checks of Debian cron as cronsim has them. */
final class CronParser {
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final int[] LONGEST_MONTH = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private CronParser() {
    }

    static CronExpression parse(String text) throws InvalidScheduleException {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 5) throw new InvalidScheduleException("Wrong number of fields: a cron expression has 5.");
        ValueSet minutes = numbers(parts[0], "minute", 0, 59, List.of());
        ValueSet hours = numbers(parts[1], "hour", 0, 23, List.of());
        DayRule.DayOfMonth dom = dayOfMonth(parts[2]);
        ValueSet months = numbers(parts[3], "month", 1, 12, MONTHS);
        DayRule.DayOfWeekField dow = dayOfWeek(parts[4]);
        boolean both = parts[2].startsWith("*") || parts[4].startsWith("*");
        if (parts[4].equals("*")) rejectImpossibleDays(dom, months);
        // Debian cron keeps fixed-time jobs on the wall clock across DST
        boolean wallClock = !parts[0].startsWith("*") && !parts[1].startsWith("*");
        return new CronExpression(minutes, hours, new DayRule(dom, dow, both), months, wallClock);
    }

    private static void rejectImpossibleDays(DayRule.DayOfMonth dom, ValueSet months) throws InvalidScheduleException {
        ValueSet days = dom.days().with(dom.nearestWeekday());
        if (dom.last() || dom.lastWeekday() || days.isEmpty()) return;
        int longest = 0;
        for (int m = months.first(); m > 0; m = months.ceiling(m + 1)) longest = Math.max(longest, LONGEST_MONTH[m]);
        if (days.first() > longest) throw new InvalidScheduleException("Bad day-of-month: no chosen month has that day.");
    }

    private static ValueSet numbers(String field, String name, int min, int max, List<String> names)
            throws InvalidScheduleException {
        ValueSet set = ValueSet.EMPTY;
        for (String term : field.split(",", -1)) set = set.with(term(term, field, name, min, max, names));
        return set;
    }

    /** {@code *}, {@code a}, {@code a-b}, each optionally {@code /step}; {@code a/step} runs to the field's end. */
    private static ValueSet term(String term, String field, String name, int min, int max, List<String> names)
            throws InvalidScheduleException {
        String range = term;
        int step = 1;
        int slash = term.indexOf('/');
        if (slash >= 0) {
            range = term.substring(0, slash);
            step = number(term.substring(slash + 1), field, name);
            if (step == 0) throw bad(name, field, "a step must be at least 1");
        }
        if (range.equals("*")) return ValueSet.range(min, name.equals("day-of-week") ? 6 : max, step);
        int dash = range.indexOf('-');
        if (dash >= 0) {
            int from = value(range.substring(0, dash), field, name, min, max, names);
            int to = value(range.substring(dash + 1), field, name, min, max, names);
            if (to < from) throw bad(name, field, "a range must go from low to high");
            return ValueSet.range(from, to, step);
        }
        int from = value(range, field, name, min, max, names);
        return slash >= 0 ? ValueSet.range(from, max, step) : ValueSet.range(from, from, 1);
    }

    private static DayRule.DayOfMonth dayOfMonth(String field) throws InvalidScheduleException {
        String name = "day-of-month";
        ValueSet days = ValueSet.EMPTY;
        ValueSet nearest = ValueSet.EMPTY;
        boolean last = false;
        boolean lastWeekday = false;
        for (String term : field.split(",", -1)) {
            String plain = term.replaceFirst("^(LW?)/\\d+$", "$1"); // cronsim accepts and ignores a step on L
            if (plain.equals("L")) {
                last = true;
            } else if (plain.equals("LW")) {
                lastWeekday = true;
            } else if (term.endsWith("W")) {
                int n = value(term.substring(0, term.length() - 1), field, name, 1, 31, List.of());
                nearest = nearest.with(ValueSet.range(n, n, 1));
            } else {
                days = days.with(term(term, field, name, 1, 31, List.of()));
            }
        }
        return new DayRule.DayOfMonth(days, last, lastWeekday, nearest);
    }

    private static DayRule.DayOfWeekField dayOfWeek(String field) throws InvalidScheduleException {
        String name = "day-of-week";
        ValueSet weekdays = ValueSet.EMPTY;
        ValueSet lastOfMonth = ValueSet.EMPTY;
        long[] nth = new long[7];
        for (String term : field.split(",", -1)) {
            int hash = term.indexOf('#');
            if (hash >= 0) {
                int day = value(term.substring(0, hash), field, name, 0, 7, WEEKDAYS) % 7;
                int k = number(term.substring(hash + 1), field, name);
                if (k < 1 || k > 5) throw bad(name, field, "n#k needs k from 1 to 5");
                nth[day] |= 1L << k;
            } else if (term.endsWith("L") && term.length() > 1) {
                int day = number(term.substring(0, term.length() - 1), field, name);
                if (day > 7) throw bad(name, field, "a day of week is 0 to 7");
                lastOfMonth = lastOfMonth.with(ValueSet.range(day % 7, day % 7, 1));
            } else {
                ValueSet days = term(term, field, name, 0, 7, WEEKDAYS);
                if (days.contains(7)) days = new ValueSet(days.mask() & ~(1L << 7)).with(ValueSet.range(0, 0, 1));
                weekdays = weekdays.with(days);
            }
        }
        return new DayRule.DayOfWeekField(weekdays, lastOfMonth, nth);
    }

    private static int value(String text, String field, String name, int min, int max, List<String> names)
            throws InvalidScheduleException {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        int v = named >= 0 ? named + (names == MONTHS ? 1 : 0) : number(text, field, name);
        if (v < min || v > max) throw bad(name, field, "values go from " + min + " to " + max);
        return v;
    }

    /** ASCII digits only: Java would also read other scripts' digits, cron does not. */
    private static int number(String text, String field, String name) throws InvalidScheduleException {
        if (text.isEmpty() || text.length() > 4) throw bad(name, field, null);
        int v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') throw bad(name, field, null);
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static InvalidScheduleException bad(String name, String field, String why) {
        return new InvalidScheduleException("Bad " + name + " \"" + field + "\"" + (why == null ? "." : ": " + why + "."));
    }
}
