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
 *
 * <p>{@code graceSeconds} is set for a Healthchecks check only (docs/spec.md §14.2): its {@code grace},
 * which is both how late a ping may be and how long a started run may take, to the second. It then
 * stands for the margin and the runtime, both thresholds are 1, and deadlines keep their seconds.
 */
public record MonitorConfig(
        Schedule schedule,
        Integer checkinMargin,
        Integer maxRuntime,
        String timezone,
        Integer failureIssueThreshold,
        Integer recoveryThreshold,
        Integer graceSeconds) {

    public static final int DEFAULT_MARGIN_MINUTES = 1;
    public static final int DEFAULT_MAX_RUNTIME_MINUTES = 30;
    /** 28 days, the cap on both margin and runtime. */
    public static final int MAX_MINUTES = 40_320;
    public static final int MAX_THRESHOLD = 720;

    /** Healthchecks' API limits on {@code grace}: one minute to one year, in seconds. */
    public static final int MIN_GRACE_SECONDS = 60;
    public static final int MAX_GRACE_SECONDS = 31_536_000;

    public MonitorConfig {
        if (schedule == null) throw new IllegalArgumentException("schedule is required");
        if (graceSeconds != null && (graceSeconds < MIN_GRACE_SECONDS || graceSeconds > MAX_GRACE_SECONDS)) {
            throw new IllegalArgumentException("grace out of range: " + graceSeconds);
        }
    }

    /** A Sentry monitor's configuration. */
    public MonitorConfig(Schedule schedule, Integer checkinMargin, Integer maxRuntime, String timezone,
                         Integer failureIssueThreshold, Integer recoveryThreshold) {
        this(schedule, checkinMargin, maxRuntime, timezone, failureIssueThreshold, recoveryThreshold, null);
    }

    /** A Healthchecks check's configuration: its schedule, time zone and grace. */
    public static MonitorConfig healthchecks(Schedule schedule, String timezone, int graceSeconds) {
        return new MonitorConfig(schedule, null, null, timezone, null, null, graceSeconds);
    }

    /** True for a Healthchecks check, whose deadlines follow Healthchecks' rules. */
    public boolean isHealthchecks() {
        return graceSeconds != null;
    }

    public Duration margin() {
        if (graceSeconds != null) return Duration.ofSeconds(graceSeconds);
        int minutes = checkinMargin == null ? DEFAULT_MARGIN_MINUTES : Math.max(1, checkinMargin);
        return Duration.ofMinutes(minutes);
    }

    public Duration runtimeLimit() {
        if (graceSeconds != null) return Duration.ofSeconds(graceSeconds);
        return Duration.ofMinutes(maxRuntime == null ? DEFAULT_MAX_RUNTIME_MINUTES : maxRuntime);
    }

    public ZoneId zone() {
        return TimeZones.zone(timezone);
    }

    public int failureThreshold() {
        if (graceSeconds != null) return 1;
        return failureIssueThreshold == null ? 1 : Math.max(1, failureIssueThreshold);
    }

    public int recoveryThresholdOrDefault() {
        if (graceSeconds != null) return 1;
        return recoveryThreshold == null ? 1 : Math.max(1, recoveryThreshold);
    }

    /**
     * The wire form, snake_case as Sentry's API and SDKs write it. A Healthchecks check's grace reads as
     * the minutes it rounds up to, in both margin and runtime, and as itself in {@code grace}.
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("schedule_type", schedule.type());
        wire.put("schedule", schedule.wireValue());
        Integer graceMinutes = graceSeconds == null ? null : (graceSeconds + 59) / 60;
        wire.put("checkin_margin", graceSeconds == null ? checkinMargin : graceMinutes);
        wire.put("max_runtime", graceSeconds == null ? maxRuntime : graceMinutes);
        wire.put("timezone", timezone);
        wire.put("failure_issue_threshold", failureIssueThreshold);
        wire.put("recovery_threshold", recoveryThreshold);
        if (graceSeconds != null) wire.put("grace", graceSeconds);
        return wire;
    }
}
