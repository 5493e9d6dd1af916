package dev.cronwatch.core.healthchecks;

import dev.cronwatch.core.monitor.KeywordFilter;
import java.time.Instant;

/**
 * A monitor as Healthchecks' API shows a check, at one instant.
 *
 * @param code       the check's uuid (its ping URL's secret)
 * @param methods    {@code POST} for a check that takes POST pings only, else empty
 * @param status     {@code new}, {@code up}, {@code grace}, {@code down} or {@code paused}
 * @param timeout    seconds, for a simple check; else null
 * @param schedule   for a cron or OnCalendar check; else null
 * @param nextPing   when the next ping is due (Healthchecks' grace start), or null
 * @param lastDuration seconds, or null
 * @param filter     the keyword filters
 * @param channels   Healthchecks' {@code channels}: the stack channel's id, or empty
 */
public record CheckView(String code, String projectId, String name, String slug, String tags, String desc, long grace,
                        Long timeout, String schedule, String tz, boolean manualResume, String methods, String status, boolean started,
                        Instant lastPing, Instant nextPing, Long lastDuration, long nPings, KeywordFilter filter,
                        String channels) {
}
