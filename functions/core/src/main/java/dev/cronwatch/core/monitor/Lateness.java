package dev.cronwatch.core.monitor;

/**
 * Where a Healthchecks check stands against its due time (docs/spec.md §14.2): between the due time and
 * due + grace it is late (Healthchecks' {@code grace} status), which three-state badges show. A Sentry
 * monitor's environment is always {@link #NONE}: its margin has no stage of its own.
 */
public enum Lateness {
    /** No due time is watched: a Sentry monitor, or a check with no due time (new, paused, disabled). */
    NONE,
    /** The due time is ahead: the clock marks the check late when it passes. */
    DUE,
    /** Past the due time and marked so by the clock, until a success or fail sets the next one. */
    LATE
}
