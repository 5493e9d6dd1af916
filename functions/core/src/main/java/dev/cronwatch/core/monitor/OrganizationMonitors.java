package dev.cronwatch.core.monitor;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An organization's monitor counter as read for one minute: how many monitors it has (where no
 * counter is stored yet, counted once from its list), and how many were created in {@code minute}
 * (receive time, as the rate limit counts).
 */
public record OrganizationMonitors(String organization, long monitors, Instant minute, int createdInMinute) {

    public OrganizationMonitors {
        if (monitors < 0) throw new IllegalArgumentException("monitors must not be negative");
        if (createdInMinute < 0) throw new IllegalArgumentException("createdInMinute must not be negative");
        minute = minute.truncatedTo(ChronoUnit.MINUTES);
    }

    /** The place of the monitor its create makes: after every monitor counted ({@link Monitor#ordinal()}). */
    public long nextOrdinal() {
        return monitors + 1;
    }

    /**
     * One more monitor, created in this minute, as the commit that creates it adds it: only while the
     * organization has fewer than {@code maxMonitors} and fewer than {@code maxInMinute} were created
     * in the minute, which the store checks as it adds.
     */
    public CountedCreate created(long maxMonitors, int maxInMinute) {
        return new CountedCreate(organization, monitors, minute, maxMonitors, maxInMinute);
    }
}
