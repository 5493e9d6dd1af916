package dev.cronwatch.core.schedule;

import java.time.Instant;
import java.time.ZoneId;

/** When a job is expected: a crontab or a systemd calendar expression in the monitor's timezone, or a fixed interval. */
public sealed interface Schedule permits CrontabSchedule, IntervalSchedule, OnCalendarSchedule {

    /** The first expected time strictly after {@code reference}: whole minutes, but for an OnCalendar time that names its seconds. */
    Instant nextAfter(Instant reference, ZoneId zone);

    /**
     * The last expected time strictly before {@code reference}. Intervals count from {@code anchor}
     * (their series is anchor, anchor + n·unit, …); crontabs ignore it.
     */
    Instant previousBefore(Instant anchor, Instant reference, ZoneId zone);

    /** {@code "crontab"}, {@code "interval"} or {@code "oncalendar"}, as the API spells it. */
    String type();

    /** The schedule as the API shows it: the normalised crontab or calendar expression, or {@code [n, "unit"]}. */
    Object wireValue();
}
