package dev.cronwatch.core.monitor;

import java.util.Locale;

/** A Healthchecks check's status as API v3 and badges show it (docs/spec.md §14.2). */
public enum PingStatus {
    NEW, UP, GRACE, DOWN, PAUSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
