package dev.cronwatch.core.monitor;

import java.util.Locale;

/** A disabled monitor refuses check-ins and is never checked by the clock. */
public enum MonitorStatus {
    ACTIVE, DISABLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MonitorStatus fromWire(String name) {
        for (MonitorStatus s : values()) {
            if (s.wireName().equals(name)) return s;
        }
        throw new IllegalArgumentException("unknown monitor status: " + name);
    }
}
