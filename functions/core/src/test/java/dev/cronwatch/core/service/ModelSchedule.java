package dev.cronwatch.core.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reference model's own schedule arithmetic, written without the production schedule classes so
 * that a bug there cannot pass both: a crontab or an OnCalendar expression is found by walking the wall
 * clock of the monitor's zone one minute at a time, an interval by adding its units to the anchor on the
 * wall clock.
 *
 * <p>Debian's meaning, plainly: a job with a wildcard in its minute or hour field runs by real time
 * (skipped in a spring gap, twice in an autumn hour); a job at a fixed time runs once in an autumn hour
 * (the first pass), and a fixed time that falls in a spring gap runs when the gap ends.
 */
abstract class ModelSchedule {
    private static final long LONGEST_WALK_MINUTES = 5L * 366 * 24 * 60;
    private static final Map<String, String> NICKNAMES = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@hourly", "0 * * * *");

    /** A schedule the spec refuses (a value out of its field's range): the config is invalid. */
    static final class Invalid extends RuntimeException {
        Invalid(String why) {
            super(why, null, false, false);
        }
    }

    /** The first time strictly after {@code t}, whole minutes. */
    abstract Instant after(Instant t, ZoneId zone);

    /** The last time strictly before {@code t}; intervals count from {@code anchor}, the others ignore it. */
    abstract Instant before(Instant anchor, Instant t, ZoneId zone);

    /**
     * Reads the wire form: {@code "m h dom mon dow"} (or an {@code @nickname}), {@code [n, "unit"]},
     * {@code {"type": …, "value": …[, "unit": …]}}, or a calendar expression when {@code declaredType}
     * is {@code oncalendar}. Two schedules are the same when their {@code toString}s are.
     */
    static ModelSchedule read(Object wire, Object declaredType) {
        if (wire instanceof Map<?, ?> object) {
            Object type = object.get("type") != null ? object.get("type") : declaredType;
            if ("interval".equals(type)) return interval(object.get("value"), object.get("unit"));
            return read(object.get("value"), type);
        }
        if (wire instanceof List<?> list) return interval(list.get(0), list.get(1));
        if ("oncalendar".equals(declaredType)) return new OnCalendar(wire.toString());
        String text = String.join(" ", wire.toString().trim().split("\\s+"));
        return new Crontab(text.startsWith("@") ? NICKNAMES.get(text.toLowerCase()) : text);
    }

    private static ModelSchedule interval(Object count, Object unit) {
        return new Interval(((Number) count).intValue(), ChronoUnit.valueOf(unit.toString().toUpperCase() + "S"));
    }

    /** Values, ranges and steps, comma-separated; {@code range} is how a range is written ({@code -} or {@code ..}). */
    private static BitSet field(String text, int low, int high, String range) {
        BitSet set = new BitSet();
        for (String part : text.split(",")) {
            String[] stepped = part.split("/");
            int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
            int from;
            int to;
            if (stepped[0].equals("*")) {
                from = low;
                to = high;
            } else if (stepped[0].contains(range)) {
                String[] ends = stepped[0].split(Pattern.quote(range));
                from = Integer.parseInt(ends[0]);
                to = Integer.parseInt(ends[1]);
            } else {
                from = Integer.parseInt(stepped[0]);
                to = stepped.length == 2 ? high : from;
            }
            if (from < low || to > high || from > to || step < 1) throw new Invalid(text + " is out of " + low + "-" + high);
            for (int v = from; v <= to; v += step) set.set(v);
        }
        return set;
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
            minutes = field(f[0], 0, 59, "-");
            hours = field(f[1], 0, 23, "-");
            days = field(f[2], 1, 31, "-");
            months = field(f[3], 1, 12, "-");
            weekdays = field(f[4], 0, 7, "-");
            if (weekdays.get(7)) weekdays.set(0);
            daysRestricted = !f[2].startsWith("*");
            weekdaysRestricted = !f[4].startsWith("*");
            realTime = f[0].startsWith("*") || f[1].startsWith("*");
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
            return "crontab " + text;
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
            return "interval " + List.of(count, unit.name().toLowerCase());
        }
    }

    /**
     * A systemd calendar expression, the forms the model reads: one line or several, each
     * {@code [weekdays] [*-*-*] hh:mm} or a special ({@code minutely}, {@code hourly}, {@code daily},
     * {@code weekly}), with an optional zone at the end. systemd's meaning, plainly: a wall time
     * matches or not; in a spring gap it does not happen; in an autumn hour it happens on the first
     * pass, and on the second only when counting from a time in that same second pass.
     */
    static final class OnCalendar extends ModelSchedule {
        private static final Map<String, String> SPECIALS = Map.of("minutely", "*:*", "hourly", "*:00",
                "daily", "00:00", "weekly", "Mon 00:00");
        /** How far back {@link #before} looks, as systemd's answer depends on where counting starts. */
        private static final List<Duration> LOOK_BACK = List.of(Duration.ofMinutes(2), Duration.ofHours(2),
                Duration.ofDays(2), Duration.ofDays(64), Duration.ofDays(800));
        private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

        private record Line(BitSet weekdays, BitSet hours, BitSet minutes, ZoneId zone) {
        }

        private final String text;
        private final List<Line> lines = new ArrayList<>();

        OnCalendar(String text) {
            this.text = text.strip();
            for (String line : this.text.split("\n")) {
                if (!line.isBlank()) lines.add(line(line));
            }
        }

        private static Line line(String text) {
            List<String> tokens = new ArrayList<>(List.of(text.trim().split("\\s+")));
            ZoneId zone = null;
            String last = tokens.get(tokens.size() - 1);
            if (tokens.size() > 1 && (last.contains("/") && !last.contains(":") || last.equals("UTC"))) {
                zone = ZoneId.of(tokens.remove(tokens.size() - 1));
            }
            if (tokens.size() == 1 && SPECIALS.containsKey(tokens.get(0).toLowerCase())) {
                tokens = new ArrayList<>(List.of(SPECIALS.get(tokens.get(0).toLowerCase()).split(" ")));
            }
            BitSet weekdays = new BitSet();
            weekdays.set(0, 7);
            if (Character.isLetter(tokens.get(0).charAt(0))) weekdays = weekdays(tokens.remove(0));
            if (!tokens.get(0).contains(":")) {
                if (!tokens.remove(0).equals("*-*-*")) throw new IllegalStateException("the model reads no date: " + text);
            }
            String[] time = tokens.remove(0).split(":");
            if (!tokens.isEmpty() || time.length != 2) throw new IllegalStateException("the model reads hh:mm only: " + text);
            return new Line(weekdays, field(time[0], 0, 23, ".."), field(time[1], 0, 59, ".."), zone);
        }

        private static BitSet weekdays(String text) {
            BitSet set = new BitSet();
            for (String item : text.split(",")) {
                String[] ends = item.split("\\.\\.|-");
                int from = DAY_NAMES.indexOf(ends[0].toLowerCase().substring(0, 3));
                int to = DAY_NAMES.indexOf(ends[ends.length - 1].toLowerCase().substring(0, 3));
                set.set(from, to + 1);
            }
            return set;
        }

        /** Whether {@code minute} is a time of the expression, counting from {@code start}. */
        private boolean fires(Instant minute, Instant start, ZoneId monitorZone) {
            for (Line line : lines) {
                ZoneId zone = line.zone() != null ? line.zone() : monitorZone;
                ZoneRules rules = zone.getRules();
                LocalDateTime wall = LocalDateTime.ofInstant(minute, zone);
                if (!line.weekdays().get(wall.getDayOfWeek().getValue() - 1) || !line.hours().get(wall.getHour())
                        || !line.minutes().get(wall.getMinute())) {
                    continue;
                }
                ZoneOffsetTransition overlap = rules.getTransition(wall);
                boolean secondPass = overlap != null && rules.getOffset(minute).equals(overlap.getOffsetAfter());
                if (!secondPass || overlap.equals(secondPassOf(start, rules))) return true;
            }
            return false;
        }

        /** The autumn transition whose repeated hour {@code t} is in the second pass of, or null. */
        private static ZoneOffsetTransition secondPassOf(Instant t, ZoneRules rules) {
            ZoneOffsetTransition transition = rules.getTransition(LocalDateTime.ofInstant(t, rules.getOffset(t)));
            return transition != null && transition.isOverlap() && rules.getOffset(t).equals(transition.getOffsetAfter())
                    ? transition : null;
        }

        @Override
        Instant after(Instant t, ZoneId zone) {
            Instant start = t.truncatedTo(ChronoUnit.SECONDS);
            Instant minute = t.truncatedTo(ChronoUnit.MINUTES);
            for (long i = 0; i < LONGEST_WALK_MINUTES; i++) {
                minute = minute.plusSeconds(60);
                if (fires(minute, start, zone)) return minute;
            }
            throw new IllegalStateException("never fires: " + text);
        }

        @Override
        Instant before(Instant anchor, Instant t, ZoneId zone) {
            Instant end = t.truncatedTo(ChronoUnit.MINUTES);
            if (end.equals(t)) end = end.minusSeconds(60);
            for (Duration back : LOOK_BACK) {
                Instant start = t.minus(back).truncatedTo(ChronoUnit.SECONDS);
                for (Instant minute = end; minute.isAfter(start); minute = minute.minusSeconds(60)) {
                    if (fires(minute, start, zone)) return minute;
                }
            }
            return anchor;
        }

        @Override
        public String toString() {
            return "oncalendar " + text;
        }
    }
}
