package dev.cronwatch.core.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Which calendar days a crontab fires on: its day-of-month and day-of-week fields, with the Debian
 * rule for combining them. Days of week are numbered 0 (Sunday) to 6.
 */
record DayRule(DayOfMonth dayOfMonth, DayOfWeekField dayOfWeek, boolean both) {

    boolean matches(LocalDate date) {
        boolean dom = dayOfMonth.matches(date);
        boolean dow = dayOfWeek.matches(date);
        return both ? dom && dow : dom || dow;
    }

    /** Days 1–31, plus {@code L} (last day), {@code LW} (last weekday) and {@code nW} (weekday nearest n). */
    record DayOfMonth(ValueSet days, boolean last, boolean lastWeekday, ValueSet nearestWeekday) {
        boolean matches(LocalDate date) {
            int day = date.getDayOfMonth();
            if (days.contains(day)) return true;
            int length = date.lengthOfMonth();
            if (last && day == length) return true;
            if (lastWeekday && day == weekdayNearest(date, length)) return true;
            for (int n = nearestWeekday.ceiling(1); n > 0; n = nearestWeekday.ceiling(n + 1)) {
                if (n <= length && day == weekdayNearest(date, n)) return true;
            }
            return false;
        }

        /** The weekday closest to day {@code n} of the date's month, never leaving the month. */
        private static int weekdayNearest(LocalDate date, int n) {
            LocalDate target = date.withDayOfMonth(n);
            DayOfWeek dow = target.getDayOfWeek();
            int length = date.lengthOfMonth();
            if (dow == DayOfWeek.SATURDAY) return n == 1 ? 3 : n - 1;
            if (dow == DayOfWeek.SUNDAY) return n == length ? n - 2 : n + 1;
            return n;
        }
    }

    /** Weekdays, plus {@code nL} (the last such weekday of the month) and {@code n#k} (the k-th). */
    record DayOfWeekField(ValueSet weekdays, ValueSet lastOfMonth, long[] nthOfMonth) {
        boolean matches(LocalDate date) {
            int dow = date.getDayOfWeek().getValue() % 7;
            if (weekdays.contains(dow)) return true;
            int day = date.getDayOfMonth();
            if (lastOfMonth.contains(dow) && day + 7 > date.lengthOfMonth()) return true;
            int k = (day - 1) / 7 + 1;
            return (nthOfMonth[dow] >>> k & 1L) != 0;
        }
    }
}
