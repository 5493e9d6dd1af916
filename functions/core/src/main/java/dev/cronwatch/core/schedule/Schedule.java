package dev.cronwatch.core.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** When a job is expected: a crontab or a systemd calendar expression in the monitor's timezone, or a fixed interval. */
public sealed interface Schedule permits ExpressionSchedule, IntervalSchedule, SimpleSchedule {

    /** The first expected time strictly after {@code reference}: whole minutes, but for an OnCalendar time that names its seconds. */
    Instant nextAfter(Instant reference, ZoneId zone);

    /**
     * The last expected time strictly before {@code reference}. Intervals count from {@code anchor}
     * (their series is anchor, anchor + n·unit, …); crontabs ignore it.
     */
    Instant previousBefore(Instant anchor, Instant reference, ZoneId zone);

    /** {@code "crontab"}, {@code "interval"}, {@code "oncalendar"} or Healthchecks' {@code "simple"}, as the API spells it. */
    String type();

    /**
     * The next {@code count} expected times after {@code start} (exclusive), as the schedule preview and
     * the deadlines see them; fewer when the schedule stops firing.
     */
    default List<Instant> upcoming(Instant start, ZoneId zone, int count) {
        List<Instant> times = new ArrayList<>();
        Instant after = start;
        for (int i = 0; i < count; i++) {
            after = nextAfter(after, zone);
            times.add(after);
        }
        return times;
    }

    /** The schedule as the API shows it: the normalised crontab or calendar expression, or {@code [n, "unit"]}. */
    Object wireValue();
}
