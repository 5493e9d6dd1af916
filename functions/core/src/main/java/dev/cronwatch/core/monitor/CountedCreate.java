package dev.cronwatch.core.monitor;

import java.time.Instant;

/**
 * A new monitor's part in its organization's counter, written in the commit that creates the monitor:
 * one more monitor while there are fewer than {@code maxMonitors}, and one more created in
 * {@code minute} while fewer than {@code maxInMinute} were. It names no version of the counter: the
 * store adds under those conditions, so creates of one organization in parallel commute, and two
 * racing at a limit cannot both pass. A create retried or redelivered counts nothing, since the
 * monitor's own write (only if absent) fails with it. {@code listed}: the organization's monitors as
 * read, which the first create stores where no counter is stored yet.
 */
public record CountedCreate(String organization, long listed, Instant minute, long maxMonitors, int maxInMinute) {
}
