package dev.cronwatch.core.schedule;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/** Units of an interval schedule, as Sentry names them. */
public enum IntervalUnit {
    MINUTE(ChronoUnit.MINUTES), HOUR(ChronoUnit.HOURS), DAY(ChronoUnit.DAYS), WEEK(ChronoUnit.WEEKS),
    MONTH(ChronoUnit.MONTHS), YEAR(ChronoUnit.YEARS);

    final ChronoUnit chronoUnit;

    IntervalUnit(ChronoUnit chronoUnit) {
        this.chronoUnit = chronoUnit;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IntervalUnit> fromWire(String name) {
        for (IntervalUnit unit : values()) {
            if (unit.wireName().equals(name)) return Optional.of(unit);
        }
        return Optional.empty();
    }

    /** Months and years may land on a day the month lacks (Jan 31 + 1 month): such points are skipped. */
    boolean canSkip() {
        return this == MONTH || this == YEAR;
    }
}
