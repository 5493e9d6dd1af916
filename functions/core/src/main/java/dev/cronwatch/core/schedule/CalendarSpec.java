package dev.cronwatch.core.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a systemd calendar expression ({@code OnCalendar=}):
 * {@code [weekdays] [[year-]month-day | [year-]month~day] [hh:mm[:ss]] [Zone/Name]}, read as
 * systemd.time(7) and Healthchecks' oncalendar library read it. It answers which wall-clock times
 * match; turning them into instants across DST is {@link OnCalendarSchedule}'s.
 */
final class CalendarSpec {
    /** Neither systemd nor the library looks past this year. */
    static final int LAST_YEAR = 2199;

    private static final Map<String, String> SPECIALS = Map.of(
            "minutely", "*-*-* *:*:00", "hourly", "*-*-* *:00:00", "daily", "*-*-* 00:00:00",
            "weekly", "Mon *-*-* 00:00:00", "monthly", "*-*-01 00:00:00", "yearly", "*-01-01 00:00:00",
            "annually", "*-01-01 00:00:00", "quarterly", "*-01,04,07,10-01 00:00:00",
            "semiannually", "*-01,07-01 00:00:00");
    private static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final List<String> WEEKDAYS_LONG = List.of("monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday");
    private static final Pattern ITEM = Pattern.compile("(\\d+)(?:\\.\\.(\\d+))?(?:/(\\d+))?");

    private final int[] years;      // null: any
    private final int[] months;
    private final int[] days;       // null: any (or counted from the month's end)
    private final int[] lastDays;   // n-th last day of the month (1 = the last); null unless "~"
    private final boolean[] weekdays; // by DayOfWeek ordinal
    private final int[] hours;
    private final int[] minutes;
    private final int[] seconds;
    private final ZoneId zone;      // null: the monitor's

    private CalendarSpec(int[] years, int[] months, int[] days, int[] lastDays, boolean[] weekdays, int[] hours,
                         int[] minutes, int[] seconds, ZoneId zone) {
        this.years = years;
        this.months = months;
        this.days = days;
        this.lastDays = lastDays;
        this.weekdays = weekdays;
        this.hours = hours;
        this.minutes = minutes;
        this.seconds = seconds;
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    static CalendarSpec parse(String line) throws InvalidScheduleException {
        List<String> tokens = new ArrayList<>(List.of(line.trim().split("\\s+")));
        ZoneId zone = null;
        if (tokens.size() > 1 && looksLikeZone(tokens.get(tokens.size() - 1))) {
            zone = zoneOf(tokens.remove(tokens.size() - 1));
        }
        if (tokens.size() == 1 && SPECIALS.containsKey(tokens.get(0).toLowerCase(Locale.ROOT))) {
            tokens = new ArrayList<>(List.of(SPECIALS.get(tokens.get(0).toLowerCase(Locale.ROOT)).split(" ")));
        }
        String weekdayPart = null;
        String datePart = null;
        String timePart = null;
        int i = 0;
        if (i < tokens.size() && Character.isLetter(tokens.get(i).charAt(0))) {
            weekdayPart = tokens.get(i++);
            // "Mon, Fri 12:00": systemd takes a weekday list split after its commas
            while (i < tokens.size() && weekdayPart.endsWith(",") && Character.isLetter(tokens.get(i).charAt(0))) {
                weekdayPart += tokens.get(i++);
            }
        }
        if (i < tokens.size() && !tokens.get(i).contains(":")) datePart = tokens.get(i++);
        if (i < tokens.size() && tokens.get(i).contains(":")) timePart = tokens.get(i++);
        if (i != tokens.size() || (weekdayPart == null && datePart == null && timePart == null)) {
            throw new InvalidScheduleException("Wrong number of fields in \"" + line.trim() + "\".");
        }
        boolean[] weekdays = weekdayPart == null ? allWeekdays() : weekdays(weekdayPart);

        int[] years = null;
        int[] months = range(1, 12);
        int[] days = null;
        int[] lastDays = null;
        if (datePart != null) {
            String yearMonth;
            if (datePart.contains("~")) {
                String[] split = datePart.split("~", -1);
                if (split.length != 2) throw bad("date", datePart);
                yearMonth = split[0];
                lastDays = field(split[1], 1, 31, "date", false, true);
                if (lastDays == null) throw bad("date", datePart);
            } else {
                int cut = datePart.lastIndexOf('-');
                if (cut < 0) throw bad("date", datePart);
                yearMonth = datePart.substring(0, cut);
                days = field(datePart.substring(cut + 1), 1, 31, "date", true, false);
            }
            String[] ym = yearMonth.split("-", -1);
            if (ym.length == 1) {
                months = orAll(field(ym[0], 1, 12, "date", true, false), 1, 12);
            } else if (ym.length == 2) {
                years = years(ym[0]);
                months = orAll(field(ym[1], 1, 12, "date", true, false), 1, 12);
            } else {
                throw bad("date", datePart);
            }
        }

        int[] hours = new int[] {0};
        int[] minutes = new int[] {0};
        int[] seconds = new int[] {0};
        if (timePart != null) {
            String[] hms = timePart.split(":", -1);
            if (hms.length < 2 || hms.length > 3) throw bad("time", timePart);
            hours = orAll(field(hms[0], 0, 23, "time", true, false), 0, 23);
            minutes = orAll(field(hms[1], 0, 59, "time", true, false), 0, 59);
            seconds = hms.length == 3 ? orAll(field(hms[2], 0, 59, "time", true, false), 0, 59) : new int[] {0};
        }
        return new CalendarSpec(years, months, days, lastDays, weekdays, hours, minutes, seconds, zone);
    }

    /** The first wall-clock time at or after {@code from} (whole seconds) that matches, or null before {@link #LAST_YEAR} ends. */
    LocalDateTime firstAtOrAfter(LocalDateTime from) {
        LocalDateTime t = from.withNano(0);
        if (t.isBefore(from)) t = t.plusSeconds(1);
        while (t.getYear() <= LAST_YEAR) {
            int year = t.getYear();
            if (years != null) {
                int y = ceiling(years, year);
                if (y < 0) return null;
                if (y != year) {
                    t = LocalDateTime.of(y, 1, 1, 0, 0);
                    continue;
                }
            }
            int month = ceiling(months, t.getMonthValue());
            if (month < 0) {
                t = LocalDateTime.of(year + 1, 1, 1, 0, 0);
                continue;
            }
            if (month != t.getMonthValue()) {
                t = LocalDateTime.of(year, month, 1, 0, 0);
                continue;
            }
            if (!dayMatches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            int hour = ceiling(hours, t.getHour());
            if (hour < 0) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            if (hour != t.getHour()) {
                t = t.withHour(hour).withMinute(0).withSecond(0);
                continue;
            }
            int minute = ceiling(minutes, t.getMinute());
            if (minute < 0) {
                t = t.withMinute(0).withSecond(0).plusHours(1);
                continue;
            }
            if (minute != t.getMinute()) {
                t = t.withMinute(minute).withSecond(0);
                continue;
            }
            int second = ceiling(seconds, t.getSecond());
            if (second < 0) {
                t = t.withSecond(0).plusMinutes(1);
                continue;
            }
            return t.withSecond(second);
        }
        return null;
    }

    private boolean dayMatches(LocalDate date) {
        if (!weekdays[date.getDayOfWeek().ordinal()]) return false;
        if (days != null && ceiling(days, date.getDayOfMonth()) != date.getDayOfMonth()) return false;
        if (lastDays == null) return true;
        int fromEnd = date.lengthOfMonth() - date.getDayOfMonth() + 1;
        return ceiling(lastDays, fromEnd) == fromEnd;
    }

    /** The smallest value of the sorted {@code set} at or above {@code value}, or -1. */
    private static int ceiling(int[] set, int value) {
        for (int v : set) {
            if (v >= value) return v;
        }
        return -1;
    }

    /**
     * A field: {@code *}, or a list of {@code N}, {@code A..B}, {@code A/S}, {@code A..B/S}. Null for
     * {@code *}. {@code fromEnd} (days after "~") counts a repetition down towards the month's last day.
     */
    private static int[] field(String spec, int min, int max, String what, boolean starAllowed, boolean fromEnd)
            throws InvalidScheduleException {
        if (spec.equals("*")) {
            if (!starAllowed) throw bad(what, spec);
            return null;
        }
        TreeSet<Integer> values = new TreeSet<>();
        for (String item : spec.split(",", -1)) {
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) throw bad(what, spec);
            int a = number(m.group(1), what, spec);
            int b = m.group(2) == null ? -1 : number(m.group(2), what, spec);
            int step = m.group(3) == null ? 0 : number(m.group(3), what, spec);
            if (a < min || a > max || (b >= 0 && (b < min || b > max)) || (m.group(3) != null && step < 1)) {
                throw bad(what, spec);
            }
            if (b >= 0 && b < a && !fromEnd) throw bad(what, spec);
            // as systemd: an open repetition must repeat ("*:59/1", "22/2:00" and "~03/4" name one time at most)
            if (b < 0 && step > 0 && (fromEnd ? a - step < min : a + step > max)) throw bad(what, spec);
            if (fromEnd) {
                // "~07/1": the 7th last day, then each day towards the end
                int high = b >= 0 ? Math.max(a, b) : a;
                int low = b >= 0 ? Math.min(a, b) : step > 0 ? min : a;
                for (int v = high; v >= low; v -= Math.max(step, 1)) values.add(v);
            } else {
                int end = b >= 0 ? b : step > 0 ? max : a;
                for (int v = a; v <= end; v += Math.max(step, 1)) values.add(v);
            }
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int number(String digits, String what, String spec) throws InvalidScheduleException {
        if (digits.length() > 4) throw bad(what, spec);
        return Integer.parseInt(digits);
    }

    /** Years as written: two digits mean 2000–2069 or 1970–1999, as systemd reads them. */
    private static int[] years(String spec) throws InvalidScheduleException {
        if (spec.equals("*")) return null;
        TreeSet<Integer> values = new TreeSet<>();
        for (String item : spec.split(",", -1)) {
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) throw bad("date", spec);
            int a = year(m.group(1));
            int b = m.group(2) == null ? -1 : year(m.group(2));
            int step = m.group(3) == null ? 1 : number(m.group(3), "date", spec);
            if (a < 1970 || a > LAST_YEAR || (b >= 0 && (b < a || b > LAST_YEAR)) || step < 1) throw bad("date", spec);
            int end = b >= 0 ? b : m.group(3) != null ? LAST_YEAR : a;
            for (int v = a; v <= end; v += step) values.add(v);
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int year(String digits) {
        int y = Integer.parseInt(digits.length() > 5 ? "99999" : digits);
        if (digits.length() <= 2) return y < 70 ? 2000 + y : 1900 + y;
        return y;
    }

    private static boolean[] weekdays(String spec) throws InvalidScheduleException {
        boolean[] set = new boolean[7];
        String list = spec.endsWith(",") ? spec.substring(0, spec.length() - 1) : spec;
        for (String item : list.split(",", -1)) {
            String[] ends = item.contains("..") ? item.split("\\.\\.", -1) : item.split("-", -1);
            if (ends.length > 2) throw bad("weekday", spec);
            int a = weekday(ends[0], spec);
            int b = ends.length == 2 ? weekday(ends[1], spec) : a;
            if (b < a) throw bad("weekday", spec);
            for (int d = a; d <= b; d++) set[d] = true;
        }
        return set;
    }

    private static int weekday(String name, String spec) throws InvalidScheduleException {
        String lower = name.toLowerCase(Locale.ROOT);
        int i = WEEKDAYS.indexOf(lower);
        if (i < 0) i = WEEKDAYS_LONG.indexOf(lower);
        if (i < 0) throw bad("weekday", spec);
        return i;
    }

    private static boolean[] allWeekdays() {
        boolean[] all = new boolean[7];
        java.util.Arrays.fill(all, true);
        return all;
    }

    private static int[] range(int from, int to) {
        int[] values = new int[to - from + 1];
        for (int i = 0; i < values.length; i++) values[i] = from + i;
        return values;
    }

    private static int[] orAll(int[] values, int from, int to) {
        return values == null ? range(from, to) : values;
    }

    private static boolean looksLikeZone(String token) {
        return token.contains("/") && !token.contains(":") && Character.isLetter(token.charAt(0))
                || token.equals("UTC") || token.equals("GMT") || ZoneId.getAvailableZoneIds().contains(token);
    }

    private static ZoneId zoneOf(String token) throws InvalidScheduleException {
        try {
            return ZoneId.of(token);
        } catch (RuntimeException e) {
            throw new InvalidScheduleException("Bad timezone \"" + token + "\".");
        }
    }

    private static InvalidScheduleException bad(String what, String spec) {
        return new InvalidScheduleException("Bad " + what + " \"" + spec + "\".");
    }
}
