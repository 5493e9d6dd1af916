package dev.cronwatch.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every n units counted from a reference time, as Sentry computes it with dateutil's rrule: steps are
 * taken on the monitor's wall clock (a day stays a day across DST), a month or year that lacks the
 * starting day is skipped (Jan 31 + 1 month is Mar 31), and results are cut to the minute.
 */
public final class IntervalSchedule implements Schedule {
    private static final long MAX_STEPS = 100_000;
    private static final Duration ONE_DAY = Duration.ofDays(1);

    private final int count;
    private final IntervalUnit unit;

    private IntervalSchedule(int count, IntervalUnit unit) {
        this.count = count;
        this.unit = unit;
    }

    public static IntervalSchedule of(long count, String unit) throws InvalidScheduleException {
        IntervalUnit parsed = IntervalUnit.fromWire(unit).orElseThrow(() -> new InvalidScheduleException(
                "Invalid interval unit \"" + unit + "\": use minute, hour, day, week, month or year."));
        if (count < 1 || count > 1_000_000) throw new InvalidScheduleException("An interval must be a whole number above 0.");
        return new IntervalSchedule((int) count, parsed);
    }

    @Override
    public Instant nextAfter(Instant reference, ZoneId zone) {
        ZonedDateTime start = reference.atZone(zone);
        for (long k = 1; ; k++) {
            ZonedDateTime point = point(start, k);
            if (point != null) return point.toInstant().truncatedTo(ChronoUnit.MINUTES);
        }
    }

    @Override
    public Instant previousBefore(Instant anchor, Instant reference, ZoneId zone) {
        if (!reference.isAfter(anchor)) return anchor;
        ZonedDateTime start = anchor.atZone(zone);
        LocalDateTime referenceWall = reference.atZone(zone).toLocalDateTime();
        // A spring gap makes the wall clock run ahead of real time, an autumn hour behind it: counting
        // from the smaller estimate, no point before the reference is stepped over.
        long estimate = Math.min(estimateSteps(start.toLocalDateTime(), referenceWall),
                estimateSteps(start.toLocalDateTime(), start.toLocalDateTime().plus(Duration.between(anchor, reference))));
        long k = Math.max(0, estimate - 2);
        Instant best = anchor;
        // Away from a clock change a point later on the wall clock is later in time, so the walk ends at
        // the reference's wall time. Near one it does not: a point in a spring gap moves on past the points
        // that follow it, and one in the repeated autumn hour is read at its first pass, before a reference
        // in the second. There every point up to a day of wall clock past the reference is looked at (no
        // clock change is longer).
        LocalDateTime end = offsetChangesNear(zone, reference) ? referenceWall.plusDays(1) : referenceWall;
        for (; k < estimate + MAX_STEPS; k++) {
            ZonedDateTime point = point(start, k);
            if (point == null) continue;
            if (point.toLocalDateTime().isAfter(end)) break;
            Instant at = point.toInstant().truncatedTo(ChronoUnit.MINUTES);
            if (at.isBefore(reference) && at.isAfter(best)) best = at;
        }
        return best;
    }

    /** Whether the zone's offset changes within a day either side of {@code at}. */
    private static boolean offsetChangesNear(ZoneId zone, Instant at) {
        ZoneOffsetTransition next = zone.getRules().nextTransition(at.minus(ONE_DAY));
        return next != null && next.getInstant().isBefore(at.plus(ONE_DAY));
    }

    /** The k-th point of the series, or null when a month or year lacks the starting day. */
    private ZonedDateTime point(ZonedDateTime start, long k) {
        LocalDateTime local = start.toLocalDateTime().plus(k * count, unit.chronoUnit);
        if (unit.canSkip() && local.getDayOfMonth() != start.getDayOfMonth()) return null;
        return ZonedDateTime.of(local, start.getZone());
    }

    private long estimateSteps(LocalDateTime from, LocalDateTime to) {
        long units = unit.chronoUnit.between(from, to);
        if (unit == IntervalUnit.MINUTE || unit == IntervalUnit.HOUR) {
            units = Duration.between(from, to).toMinutes() / (unit == IntervalUnit.HOUR ? 60 : 1);
        }
        return Math.max(0, units / count);
    }

    @Override
    public String type() {
        return "interval";
    }

    @Override
    public Object wireValue() {
        return List.of(count, unit.wireName());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntervalSchedule other && other.count == count && other.unit == unit;
    }

    @Override
    public int hashCode() {
        return count * 31 + unit.hashCode();
    }

    @Override
    public String toString() {
        return count + " " + unit.wireName();
    }
}
