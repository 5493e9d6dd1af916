package dev.cronwatch.handlers.usecases;

import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.rules.CheckInRules;
import java.time.Duration;

/**
 * The operator's limits (template parameters): check-ins per minute per environment, monitors per
 * organization, monitors its check-ins may create per minute, environments per monitor, and how
 * long a deadline may wait in the queue before the clock judges it itself.
 */
public record Limits(int rateLimitPerMinute, int maxMonitorsPerOrganization, int maxNewMonitorsPerMinute,
                     int maxEnvironmentsPerMonitor, Duration maxJudgementDelay) {
    public static final Limits DEFAULTS = new Limits(6, 10_000, Duration.ofMinutes(15));

    /** New monitors per minute and environments per monitor at their defaults. */
    public Limits(int rateLimitPerMinute, int maxMonitorsPerOrganization, Duration maxJudgementDelay) {
        this(rateLimitPerMinute, maxMonitorsPerOrganization, CheckInRules.DEFAULT_NEW_MONITORS_PER_MINUTE,
                Monitor.MAX_ENVIRONMENTS, maxJudgementDelay);
    }

    CheckInRules checkInRules() {
        return new CheckInRules(rateLimitPerMinute, maxMonitorsPerOrganization, maxNewMonitorsPerMinute,
                maxEnvironmentsPerMonitor);
    }
}
