package dev.cronwatch.core.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;

/**
 * A cron expression evaluated as Debian cron (and cronsim, which Sentry and Healthchecks.io use) does.
 * Fixed-time jobs (neither minute nor hour starting with {@code *}) follow the wall clock
 * across DST: a time skipped by the spring gap fires at the end of the gap, a time repeated in autumn
 * fires once, in its first occurrence. Every other expression runs on real time, so the repeated hour
 * matches twice and the skipped one not at all. Searches give up after 50 years.
 */
public final class CronExpression {
    private static final int GIVE_UP_YEARS = 50;

    private final ValueSet minutes;
    private final ValueSet hours;
    private final DayRule days;
    private final ValueSet months;
    private final boolean wallClock;

    CronExpression(ValueSet minutes, ValueSet hours, DayRule days, ValueSet months, boolean wallClock) {
        this.minutes = minutes;
        this.hours = hours;
        this.days = days;
        this.months = months;
        this.wallClock = wallClock;
    }

    public static CronExpression parse(String text) throws InvalidScheduleException {
        return CronParser.parse(text);
    }

    /** The first firing strictly after {@code after}. */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        Instant start = after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant limit = ZonedDateTime.ofInstant(after, ZoneOffset.UTC).plusYears(GIVE_UP_YEARS).toInstant();
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            ZoneOffset offset = rules.getOffset(start);
            return forward(LocalDateTime.ofInstant(start, offset), LocalDateTime.ofInstant(limit, offset))
                    .map(local -> local.toInstant(offset));
        }
        return wallClock ? nextOnWallClock(after, start, limit, rules) : nextOnRealTime(start, limit, rules);
    }

    /** The last firing strictly before {@code before}. */
    public Optional<Instant> previous(Instant before, ZoneId zone) {
        Instant latest = before.truncatedTo(ChronoUnit.SECONDS);
        if (latest.equals(before)) latest = latest.minusSeconds(1);
        Instant limit = ZonedDateTime.ofInstant(before, ZoneOffset.UTC).minusYears(GIVE_UP_YEARS).toInstant();
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            ZoneOffset offset = rules.getOffset(latest);
            return backward(LocalDateTime.ofInstant(latest, offset), LocalDateTime.ofInstant(limit, offset))
                    .map(local -> local.toInstant(offset));
        }
        return wallClock ? previousOnWallClock(before, latest, limit, rules) : previousOnRealTime(latest, limit, rules);
    }

    private Optional<Instant> nextOnWallClock(Instant after, Instant start, Instant limit, ZoneRules rules) {
        LocalDateTime from = LocalDateTime.ofInstant(start, rules.getOffset(start));
        LocalDateTime to = LocalDateTime.ofInstant(limit, rules.getOffset(limit));
        while (true) {
            Optional<LocalDateTime> found = forward(from, to);
            if (found.isEmpty()) return Optional.empty();
            Instant instant = onWallClock(found.get(), rules);
            // a gap's fix-up can land on a time that also matches on its own (04:00 for "0 1-5"): once only
            if (instant.isAfter(after)) return Optional.of(instant);
            from = found.get().plusSeconds(1);
        }
    }

    private Optional<Instant> previousOnWallClock(Instant before, Instant latest, Instant limit, ZoneRules rules) {
        ZoneOffset offset = rules.getOffset(latest);
        LocalDateTime from = LocalDateTime.ofInstant(latest, offset);
        ZoneOffsetTransition overlap = rules.getTransition(from);
        if (overlap != null && overlap.isOverlap() && offset.equals(overlap.getOffsetAfter())) {
            // in the repeated hour's second pass every wall time of that hour already fired, in the first
            from = overlap.getDateTimeBefore().minusSeconds(1);
        }
        LocalDateTime to = LocalDateTime.ofInstant(limit, rules.getOffset(limit));
        while (true) {
            Optional<LocalDateTime> found = backward(from, to);
            if (found.isEmpty()) return Optional.empty();
            Instant instant = onWallClock(found.get(), rules);
            if (instant.isBefore(before)) return Optional.of(instant);
            from = found.get().minusSeconds(1);
        }
    }

    /** A wall time in the gap fires when the gap ends; a repeated one in its first occurrence. */
    private static Instant onWallClock(LocalDateTime local, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) return rules.getTransition(local).getInstant();
        return local.toInstant(offsets.get(0));
    }

    /** Walks the stretches of constant UTC offset, searching each on its own local times. */
    private Optional<Instant> nextOnRealTime(Instant start, Instant limit, ZoneRules rules) {
        Instant from = start;
        while (from.isBefore(limit)) {
            ZoneOffset offset = rules.getOffset(from);
            ZoneOffsetTransition change = rules.nextTransition(from);
            Instant end = change == null || change.getInstant().isAfter(limit) ? limit : change.getInstant();
            Optional<LocalDateTime> found =
                    forward(LocalDateTime.ofInstant(from, offset), LocalDateTime.ofInstant(end, offset));
            if (found.isPresent()) {
                Instant instant = found.get().toInstant(offset);
                if (instant.isBefore(end)) return Optional.of(instant);
            }
            from = end;
        }
        return Optional.empty();
    }

    private Optional<Instant> previousOnRealTime(Instant latest, Instant limit, ZoneRules rules) {
        Instant from = latest;
        while (!from.isBefore(limit)) {
            ZoneOffset offset = rules.getOffset(from);
            ZoneOffsetTransition change = rules.previousTransition(from.plusNanos(1)); // the one at or before
            Instant start = change == null || change.getInstant().isBefore(limit) ? limit : change.getInstant();
            Optional<LocalDateTime> found =
                    backward(LocalDateTime.ofInstant(from, offset), LocalDateTime.ofInstant(start, offset));
            if (found.isPresent()) {
                Instant instant = found.get().toInstant(offset);
                if (!instant.isBefore(start)) return Optional.of(instant);
            }
            from = start.minusSeconds(1);
        }
        return Optional.empty();
    }

    /** The first local time at or after {@code from}, and not after {@code to}, that matches every field. */
    private Optional<LocalDateTime> forward(LocalDateTime from, LocalDateTime to) {
        LocalDateTime t = from.truncatedTo(ChronoUnit.SECONDS);
        if (t.isBefore(from)) t = t.plusSeconds(1);
        while (!t.isAfter(to)) {
            int month = months.ceiling(t.getMonthValue());
            if (month < 0) {
                t = LocalDateTime.of(t.getYear() + 1, months.first(), 1, 0, 0);
            } else if (month != t.getMonthValue()) {
                t = LocalDateTime.of(t.getYear(), month, 1, 0, 0);
            } else if (!days.matches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            } else {
                int hour = hours.ceiling(t.getHour());
                if (hour < 0) {
                    t = t.toLocalDate().plusDays(1).atStartOfDay();
                    continue;
                }
                if (hour != t.getHour()) t = t.withHour(hour).withMinute(0).withSecond(0);
                int minute = minutes.ceiling(t.getMinute());
                if (minute < 0) {
                    t = t.withMinute(0).withSecond(0).plusHours(1);
                    continue;
                }
                if (minute != t.getMinute()) t = t.withMinute(minute).withSecond(0);
                if (t.getSecond() > 0) { // a job starts at a minute's first second
                    t = t.withSecond(0).plusMinutes(1);
                    continue;
                }
                return t.isAfter(to) ? Optional.empty() : Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The last local time at or before {@code from}, and not before {@code to}, that matches every field. */
    private Optional<LocalDateTime> backward(LocalDateTime from, LocalDateTime to) {
        LocalDateTime t = from.truncatedTo(ChronoUnit.SECONDS);
        while (!t.isBefore(to)) {
            int month = months.floor(t.getMonthValue());
            if (month < 0) {
                t = LocalDateTime.of(t.getYear() - 1, 12, 31, 23, 59, 59);
            } else if (month != t.getMonthValue()) {
                t = YearMonth.of(t.getYear(), month).atEndOfMonth().atTime(23, 59, 59);
            } else if (!days.matches(t.toLocalDate())) {
                t = t.toLocalDate().minusDays(1).atTime(23, 59, 59);
            } else {
                int hour = hours.floor(t.getHour());
                if (hour < 0) {
                    t = t.toLocalDate().minusDays(1).atTime(23, 59, 59);
                    continue;
                }
                if (hour != t.getHour()) t = t.withHour(hour).withMinute(59).withSecond(59);
                int minute = minutes.floor(t.getMinute());
                if (minute < 0) {
                    t = t.withMinute(0).withSecond(0).minusSeconds(1);
                    continue;
                }
                t = t.withMinute(minute).withSecond(0);
                return t.isBefore(to) ? Optional.empty() : Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
