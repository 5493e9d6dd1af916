package dev.cronwatch.core.service;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.List;

/**
 * The reference model's own schedule arithmetic, written without the production schedule classes so
 * that a bug there cannot pass both: a crontab is found by walking the wall clock of the monitor's zone
 * one minute at a time, an interval by adding its units to the anchor on the wall clock.
 *
 * <p>Debian's meaning, plainly: a job with a wildcard in its minute or hour field runs by real time
 * (skipped in a spring gap, twice in an autumn hour); a job at a fixed time runs once in an autumn hour
 * (the first pass), and a fixed time that falls in a spring gap runs when the gap ends.
 */
abstract class ModelSchedule {
    private static final long LONGEST_WALK_MINUTES = 5L * 366 * 24 * 60;

    /** The first time strictly after {@code t}, whole minutes. */
    abstract Instant after(Instant t, ZoneId zone);

    /** The last time strictly before {@code t}; intervals count from {@code anchor}, crontabs ignore it. */
    abstract Instant before(Instant anchor, Instant t, ZoneId zone);

    /** Reads the wire form: {@code "m h dom mon dow"} or {@code [n, "unit"]}. */
    static ModelSchedule read(Object wire) {
        if (wire instanceof List<?> list) {
            return new Interval(((Number) list.get(0)).intValue(), ChronoUnit.valueOf(list.get(1).toString().toUpperCase() + "S"));
        }
        return new Crontab(wire.toString());
    }

    static final class Crontab extends ModelSchedule {
        private final String text;
        private final BitSet minutes;
        private final BitSet hours;
        private final BitSet days;
        private final BitSet months;
        private final BitSet weekdays;
        private final boolean daysRestricted;
        private final boolean weekdaysRestricted;
        private final boolean realTime;

        Crontab(String text) {
            this.text = text;
            String[] f = text.trim().split("\\s+");
            if (f.length != 5) throw new IllegalArgumentException("the model reads five fields: " + text);
            minutes = field(f[0], 0, 59);
            hours = field(f[1], 0, 23);
            days = field(f[2], 1, 31);
            months = field(f[3], 1, 12);
            weekdays = field(f[4], 0, 7);
            if (weekdays.get(7)) weekdays.set(0);
            daysRestricted = !f[2].startsWith("*");
            weekdaysRestricted = !f[4].startsWith("*");
            realTime = f[0].startsWith("*") || f[1].startsWith("*");
        }

        /** Lists of values, ranges and steps: {@code *}, {@code *}/n, a, a-b, a-b/n, comma-separated. */
        private static BitSet field(String text, int low, int high) {
            BitSet set = new BitSet();
            for (String part : text.split(",")) {
                String[] stepped = part.split("/");
                int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
                int from;
                int to;
                if (stepped[0].equals("*")) {
                    from = low;
                    to = high;
                } else if (stepped[0].contains("-")) {
                    from = Integer.parseInt(stepped[0].split("-")[0]);
                    to = Integer.parseInt(stepped[0].split("-")[1]);
                } else {
                    from = Integer.parseInt(stepped[0]);
                    to = stepped.length == 2 ? high : from;
                }
                for (int v = from; v <= to; v += step) set.set(v);
            }
            return set;
        }

        private boolean matches(LocalDateTime local) {
            if (!minutes.get(local.getMinute()) || !hours.get(local.getHour()) || !months.get(local.getMonthValue())) {
                return false;
            }
            boolean day = days.get(local.getDayOfMonth());
            boolean weekday = weekdays.get(local.getDayOfWeek().getValue() % 7);
            // Vixie cron: with both day fields restricted either may match; otherwise both must.
            return daysRestricted && weekdaysRestricted ? day || weekday : day && weekday;
        }

        /** Whether the job runs at this minute of real time. */
        private boolean firesAt(Instant minute, ZoneRules rules) {
            LocalDateTime local = LocalDateTime.ofInstant(minute, rules.getOffset(minute));
            if (realTime) return matches(local);
            boolean firstPass = rules.getValidOffsets(local).get(0).equals(rules.getOffset(minute));
            if (matches(local) && firstPass) return true;
            ZoneOffsetTransition gap = rules.previousTransition(minute.plusSeconds(1));
            if (gap == null || !gap.isGap() || !gap.getInstant().equals(minute)) return false;
            for (LocalDateTime skipped = gap.getDateTimeBefore(); skipped.isBefore(gap.getDateTimeAfter());
                 skipped = skipped.plusMinutes(1)) {
                if (matches(skipped)) return true;
            }
            return false;
        }

        @Override
        Instant after(Instant t, ZoneId zone) {
            ZoneRules rules = zone.getRules();
            Instant minute = t.truncatedTo(ChronoUnit.MINUTES);
            for (long i = 0; i < LONGEST_WALK_MINUTES; i++) {
                minute = minute.plusSeconds(60);
                if (firesAt(minute, rules)) return minute;
            }
            throw new IllegalStateException("never fires: " + text);
        }

        @Override
        Instant before(Instant anchor, Instant t, ZoneId zone) {
            ZoneRules rules = zone.getRules();
            Instant minute = t.truncatedTo(ChronoUnit.MINUTES);
            if (minute.equals(t)) minute = minute.minusSeconds(60);
            for (long i = 0; i < LONGEST_WALK_MINUTES; i++, minute = minute.minusSeconds(60)) {
                if (firesAt(minute, rules)) return minute;
            }
            throw new IllegalStateException("never fired: " + text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Every n units from the anchor on the wall clock; a month without the anchor's day is skipped. */
    static final class Interval extends ModelSchedule {
        private final int count;
        private final ChronoUnit unit;

        Interval(int count, ChronoUnit unit) {
            this.count = count;
            this.unit = unit;
        }

        private LocalDateTime local(ZonedDateTime anchor, long k) {
            return anchor.toLocalDateTime().plus(k * count, unit);
        }

        private Instant point(ZonedDateTime anchor, long k) {
            LocalDateTime local = local(anchor, k);
            boolean skips = unit == ChronoUnit.MONTHS || unit == ChronoUnit.YEARS;
            if (skips && local.getDayOfMonth() != anchor.getDayOfMonth()) return null;
            return ZonedDateTime.of(local, anchor.getZone()).toInstant().truncatedTo(ChronoUnit.MINUTES);
        }

        @Override
        Instant after(Instant t, ZoneId zone) {
            ZonedDateTime anchor = t.atZone(zone);
            for (long k = 1; ; k++) {
                Instant point = point(anchor, k);
                if (point != null) return point;
            }
        }

        @Override
        Instant before(Instant anchor, Instant t, ZoneId zone) {
            if (!t.isAfter(anchor)) return anchor;
            ZonedDateTime start = anchor.atZone(zone);
            // Points on the wall clock are not in real-time order across an autumn hour: the latest one
            // before t wins, and the walk ends a day of wall clock past t (no clock change is longer).
            LocalDateTime end = t.atZone(zone).toLocalDateTime().plusDays(1);
            Instant best = anchor;
            for (long k = 1; !local(start, k).isAfter(end); k++) {
                Instant point = point(start, k);
                if (point != null && point.isBefore(t) && point.isAfter(best)) best = point;
            }
            return best;
        }

        @Override
        public String toString() {
            return List.of(count, unit.name().toLowerCase()).toString();
        }
    }
}
