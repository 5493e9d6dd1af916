package dev.cronwatch.core.port;

import dev.cronwatch.core.monitor.MonitorEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The order in which the due index lists one shard's deadlines ({@link DecisionStore#findDue}): by the
 * tick that judges them (the deadline rounded up to its minute), then by their monitor's ordinal
 * ({@link dev.cronwatch.core.monitor.Monitor#ordinal()}, counted up to {@link #MAX_ORDINAL}), then
 * by the deadline. A tick reads a shard from its start, so every organization's first monitors are
 * read before any organization's hundredth, whatever one of them has due at the same minute.
 */
public final class DueOrder {
    /** Ordinals above this sort with it: ten digits of the index's number ({@code infra/table-design.md}). */
    public static final long MAX_ORDINAL = 9_999_999_999L;

    private DueOrder() {
    }

    /** The tick that judges a deadline: its minute, or the next one for a deadline inside a minute. */
    public static Instant tickOf(Instant deadline) {
        Instant minute = deadline.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(deadline) ? minute : minute.plus(Duration.ofMinutes(1));
    }

    /** The ordinal an environment's deadline sorts by. */
    public static long rankOf(MonitorEnvironment environment) {
        return Math.min(environment.ordinal(), MAX_ORDINAL);
    }
}
