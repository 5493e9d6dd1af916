package dev.cronwatch.core.monitor;

/**
 * Why the processor dropped a check-in; Sentry's names and numbers, so users can look them up. Our
 * own additions are numbered from 100.
 */
public enum ProcessingErrorType {
    CHECKIN_ENVIRONMENT_MISMATCH(0),
    CHECKIN_FINISHED(1),
    CHECKIN_GUID_PROJECT_MISMATCH(2),
    CHECKIN_INVALID_DURATION(3),
    CHECKIN_INVALID_GUID(4),
    CHECKIN_VALIDATION_FAILED(5),
    MONITOR_DISABLED(6),
    MONITOR_DISABLED_NO_QUOTA(7),
    MONITOR_INVALID_CONFIG(8),
    MONITOR_INVALID_ENVIRONMENT(9),
    MONITOR_LIMIT_EXCEEDED(10),
    MONITOR_NOT_FOUND(11),
    MONITOR_OVER_QUOTA(12),
    MONITOR_ENVIRONMENT_LIMIT_EXCEEDED(13),
    MONITOR_ENVIRONMENT_RATELIMITED(14),
    ORGANIZATION_KILLSWITCH_ENABLED(15),
    /** Ours, not Sentry's: an alert of this monitor could not be published after every retry. */
    ALERT_NOT_DELIVERED(100);

    private final int code;

    ProcessingErrorType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The drops a client can send by the thousand (a loop past the rate limit, a mistyped slug in a
     * crontab run every minute): counted per monitor environment and minute in one error.
     */
    public boolean countedPerMinute() {
        return this == MONITOR_ENVIRONMENT_RATELIMITED || this == MONITOR_NOT_FOUND;
    }
}
