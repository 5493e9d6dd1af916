package dev.cronwatch.core.monitor;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An organization's monitor counter, as read: how many monitors it has, and how many were created in
 * the newest minute counted (receive time, as the rate limit counts). Written in the same commit as
 * the monitor it counts, only if still at the version read, so a retried or redelivered create or
 * delete counts once and two creates racing at a limit cannot both pass. Version 0: no counter is
 * stored yet, and {@code monitors} was counted once from the organization's list.
 */
public record OrganizationMonitors(String organization, long monitors, Instant minute, int createdInMinute,
                                   long version) {

    public OrganizationMonitors {
        if (monitors < 0) throw new IllegalArgumentException("monitors must not be negative");
        if (createdInMinute < 0) throw new IllegalArgumentException("createdInMinute must not be negative");
    }

    /** An organization without a stored counter whose list holds {@code monitors}. */
    public static OrganizationMonitors counted(String organization, long monitors) {
        return new OrganizationMonitors(organization, monitors, null, 0, 0);
    }

    /**
     * Monitors created in the minute of {@code at}. A create decided late (its message waited behind
     * another monitor's) counts in the newest minute counted, so the count never moves backwards.
     */
    public int createdInMinuteOf(Instant at) {
        Instant of = at.truncatedTo(ChronoUnit.MINUTES);
        return minute != null && !of.isAfter(minute) ? createdInMinute : 0;
    }

    /** The counter after one more monitor, created at {@code at}; the version stays the one read. */
    public OrganizationMonitors created(Instant at) {
        Instant of = at.truncatedTo(ChronoUnit.MINUTES);
        Instant counting = minute != null && !of.isAfter(minute) ? minute : of;
        return new OrganizationMonitors(organization, monitors + 1, counting, createdInMinuteOf(at) + 1, version);
    }

    /** The counter after one monitor less. */
    public OrganizationMonitors deleted() {
        return new OrganizationMonitors(organization, Math.max(0, monitors - 1), minute, createdInMinute, version);
    }
}
