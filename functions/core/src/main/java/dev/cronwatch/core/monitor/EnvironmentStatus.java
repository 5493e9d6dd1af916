package dev.cronwatch.core.monitor;

import java.util.Locale;

/** ACTIVE until the first result; ERROR exactly while an incident is open. */
public enum EnvironmentStatus {
    ACTIVE, OK, ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EnvironmentStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
