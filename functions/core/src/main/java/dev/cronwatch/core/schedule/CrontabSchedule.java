package dev.cronwatch.core.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** A 5-field crontab, as Sentry accepts it, with Debian cron's meaning (see {@link CronExpression}). */
public final class CrontabSchedule extends ExpressionSchedule {
    private static final Map<String, String> NICKNAMES = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@hourly", "0 * * * *");
    /** Where the "does it ever fire" check looks from: fixed, so validation never depends on the day it runs. */
    private static final Instant PROBE = Instant.parse("2000-01-01T00:00:00Z");

    private final CronExpression cron;

    private CrontabSchedule(String expression, CronExpression cron) {
        super(expression);
        this.cron = cron;
    }

    public static CrontabSchedule parse(String text) throws InvalidScheduleException {
        String normalised = String.join(" ", text.trim().split("\\s+"));
        if (normalised.startsWith("@")) {
            String expanded = NICKNAMES.get(normalised.toLowerCase());
            if (expanded == null) throw new InvalidScheduleException("Schedule was not parseable: unknown nickname " + normalised + ".");
            normalised = expanded;
        }
        int fields = normalised.isEmpty() ? 0 : normalised.split(" ").length;
        if (fields > 5) throw new InvalidScheduleException("Only 5 field crontab syntax is supported.");
        if (fields < 5) throw new InvalidScheduleException("Schedule was not parseable: a crontab has 5 fields.");
        CronExpression cron = CronExpression.parse(normalised);
        if (cron.next(PROBE, ZoneOffset.UTC).isEmpty()) {
            throw new InvalidScheduleException("Schedule is invalid: \"" + normalised + "\" never fires.");
        }
        return new CrontabSchedule(normalised, cron);
    }

    @Override
    public Instant nextAfter(Instant reference, ZoneId zone) {
        // A valid crontab fires within 50 years of any time; this fallback only keeps a monitor quiet.
        return cron.next(reference, zone).orElse(reference.plus(36500, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES));
    }

    @Override
    public Instant previousBefore(Instant anchor, Instant reference, ZoneId zone) {
        return cron.previous(reference, zone).orElse(anchor);
    }

    @Override
    public String type() {
        return "crontab";
    }
}
