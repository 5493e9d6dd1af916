package dev.cronwatch.core.monitor;

import dev.cronwatch.core.schedule.Schedule;
import dev.cronwatch.core.schedule.TimeZones;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A monitor's configuration as the user set it. Optional values stay null when unset so that
 * defaults are applied at use time (and can change), as Sentry stores them.
 */
public record MonitorConfig(
        Schedule schedule,
        Integer checkinMargin,
        Integer maxRuntime,
        String timezone,
        Integer failureIssueThreshold,
        Integer recoveryThreshold) {

    public static final int DEFAULT_MARGIN_MINUTES = 1;
    public static final int DEFAULT_MAX_RUNTIME_MINUTES = 30;
    /** 28 days, the cap on both margin and runtime. */
    public static final int MAX_MINUTES = 40_320;
    public static final int MAX_THRESHOLD = 720;

    public MonitorConfig {
        if (schedule == null) throw new IllegalArgumentException("schedule is required");
    }

    public Duration margin() {
        int minutes = checkinMargin == null ? DEFAULT_MARGIN_MINUTES : Math.max(1, checkinMargin);
        return Duration.ofMinutes(minutes);
    }

    public Duration runtimeLimit() {
        return Duration.ofMinutes(maxRuntime == null ? DEFAULT_MAX_RUNTIME_MINUTES : maxRuntime);
    }

    public ZoneId zone() {
        return TimeZones.zone(timezone);
    }

    public int failureThreshold() {
        return failureIssueThreshold == null ? 1 : Math.max(1, failureIssueThreshold);
    }

    public int recoveryThresholdOrDefault() {
        return recoveryThreshold == null ? 1 : Math.max(1, recoveryThreshold);
    }

    /** The wire form, snake_case as Sentry's API and SDKs write it. */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("schedule_type", schedule.type());
        wire.put("schedule", schedule.wireValue());
        wire.put("checkin_margin", checkinMargin);
        wire.put("max_runtime", maxRuntime);
        wire.put("timezone", timezone);
        wire.put("failure_issue_threshold", failureIssueThreshold);
        wire.put("recovery_threshold", recoveryThreshold);
        return wire;
    }
}
