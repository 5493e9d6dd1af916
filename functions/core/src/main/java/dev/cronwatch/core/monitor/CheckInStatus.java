package dev.cronwatch.core.monitor;

import java.util.Locale;

/**
 * A check-in's status. Users send the first three; the clock produces missed and timeout. UNKNOWN is
 * a Healthchecks check's run that a newer start replaced: Healthchecks times only the latest start,
 * so the older run ends without a result (docs/spec.md §14.2).
 */
public enum CheckInStatus {
    IN_PROGRESS, OK, ERROR, MISSED, TIMEOUT, UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CheckInStatus fromWire(String name) {
        for (CheckInStatus s : values()) {
            if (s.wireName().equals(name)) return s;
        }
        throw new IllegalArgumentException("unknown check-in status: " + name);
    }

    /** A run that has ended, by the user's word or the clock's. */
    public boolean isFinished() {
        return this != IN_PROGRESS;
    }

    /** Ended by the user (ok or error): a later ok or error for it is refused. */
    public boolean isUserTerminal() {
        return this == OK || this == ERROR;
    }

    public boolean isFailure() {
        return this == ERROR || this == MISSED || this == TIMEOUT;
    }
}
