package dev.cronwatch.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * A systemd calendar expression ({@code OnCalendar=}), one or more per text, one per line; a time
 * matches when any line matches. Each line is read in its own zone when it names one, else the
 * monitor's.
 *
 * <p>Across DST, as systemd and Healthchecks' oncalendar library: a wall time inside a spring gap does
 * not happen (it is skipped, not shifted); a wall time in the repeated autumn hour happens once, at its
 * first occurrence. When the start itself lies in the repeated hour's second pass, times of that hour
 * still ahead of it happen in the second pass: the next time is always strictly after the start, where
 * the library would step back into the first pass.
 */
public final class OnCalendarSchedule extends ExpressionSchedule {
    static final int MAX_LENGTH = 100;
    /** Where the "does it ever fire" check looks from, as Healthchecks checks it: fixed, and in UTC. */
    private static final Instant PROBE = Instant.parse("2000-01-01T00:00:00Z");
    /** How far back {@link #previousBefore} looks, widening until it finds a time. */
    private static final List<Duration> LOOK_BACK = List.of(Duration.ofMinutes(2), Duration.ofHours(2),
            Duration.ofDays(2), Duration.ofDays(64), Duration.ofDays(800), Duration.ofDays(20 * 366),
            Duration.ofDays(250 * 366));

    private final List<CalendarSpec> lines;

    private OnCalendarSchedule(String expression, List<CalendarSpec> lines) {
        super(expression);
        this.lines = lines;
    }

    public static OnCalendarSchedule parse(String text) throws InvalidScheduleException {
        if (text == null || text.isBlank()) throw new InvalidScheduleException("An OnCalendar schedule is empty.");
        String normalised = text.strip().replace("\r\n", "\n");
        if (normalised.length() > MAX_LENGTH) {
            throw new InvalidScheduleException("An OnCalendar schedule is at most " + MAX_LENGTH + " characters.");
        }
        List<CalendarSpec> lines = new ArrayList<>();
        for (String line : normalised.split("\n")) {
            if (!line.isBlank()) lines.add(CalendarSpec.parse(line));
        }
        OnCalendarSchedule schedule = new OnCalendarSchedule(normalised, List.copyOf(lines));
        if (schedule.next(PROBE, ZoneOffset.UTC) == null) {
            throw new InvalidScheduleException("Schedule is invalid: \"" + normalised + "\" never fires.");
        }
        return schedule;
    }

    @Override
    public Instant nextAfter(Instant reference, ZoneId zone) {
        Instant next = next(reference, zone);
        // a valid expression may stop firing (a last year named, or 2199 passed): keep the monitor quiet
        return next != null ? next : reference.plus(36500, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    }

    /** The first time strictly after {@code reference} of any line, or null when none comes before 2200. */
    public Instant next(Instant reference, ZoneId zone) {
        Instant earliest = null;
        for (CalendarSpec line : lines) {
            Instant next = next(line, reference, line.zone() != null ? line.zone() : zone);
            if (next != null && (earliest == null || next.isBefore(earliest))) earliest = next;
        }
        return earliest;
    }

    private static Instant next(CalendarSpec line, Instant reference, ZoneId zone) {
        Instant start = reference.truncatedTo(ChronoUnit.SECONDS);
        ZoneRules rules = zone.getRules();
        ZonedDateTime local = start.atZone(zone);
        ZoneOffsetTransition repeated = rules.getTransition(local.toLocalDateTime());
        // the hour being repeated, when the start lies in its second pass
        ZoneOffsetTransition inSecondPass = repeated != null && repeated.isOverlap()
                && local.getOffset().equals(repeated.getOffsetAfter()) ? repeated : null;
        LocalDateTime from = local.toLocalDateTime();
        while (true) {
            LocalDateTime wall = line.firstAtOrAfter(from);
            if (wall == null) return null;
            from = wall.plusSeconds(1);
            ZoneOffsetTransition transition = rules.getTransition(wall);
            Instant candidate;
            if (transition == null) {
                candidate = wall.toInstant(rules.getOffset(wall));
            } else if (transition.isGap()) {
                continue;
            } else {
                candidate = wall.toInstant(transition.getOffsetBefore());
                if (!candidate.isAfter(start) && transition.equals(inSecondPass)) {
                    candidate = wall.toInstant(transition.getOffsetAfter());
                }
            }
            if (candidate.isAfter(start)) return candidate;
        }
    }

    /** Stops where the expression does, rather than at {@link #nextAfter}'s far-off stand-in. */
    @Override
    public List<Instant> upcoming(Instant start, ZoneId zone, int count) {
        List<Instant> times = new ArrayList<>();
        for (Instant t = next(start, zone); t != null && times.size() < count; t = next(t, zone)) times.add(t);
        return times;
    }

    @Override
    public Instant previousBefore(Instant anchor, Instant reference, ZoneId zone) {
        for (Duration back : LOOK_BACK) {
            Instant last = null;
            for (Instant t = next(reference.minus(back), zone); t != null && t.isBefore(reference); t = next(t, zone)) {
                last = t;
            }
            if (last != null) return last;
        }
        return anchor;
    }

    @Override
    public String type() {
        return "oncalendar";
    }
}
