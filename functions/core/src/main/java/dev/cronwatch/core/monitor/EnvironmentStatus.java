package dev.cronwatch.core.monitor;

import java.util.Locale;

/**
 * ACTIVE until the first result; ERROR exactly while an incident is open. PAUSED only for a
 * Healthchecks check (docs/spec.md §14.2): no schedule deadline until a ping resumes it.
 */
public enum EnvironmentStatus {
    ACTIVE, OK, ERROR, PAUSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EnvironmentStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
