package dev.cronwatch.core.monitor;

import dev.cronwatch.core.schedule.SimpleSchedule;
import dev.cronwatch.core.validation.FieldError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@code monitor_config} sent with a check-in (an upsert) or a management change, parsed once at the
 * edge: the values, which keys the client sent, and the prefix its fields are named with ({@code config.}).
 * Applied to a stored config, the sent keys replace the stored ones (an upsert always sends a schedule);
 * everything else is kept, as Sentry merges them.
 */
public record ConfigPatch(MonitorConfig values, Set<String> keys, String fieldPrefix) {
    private static final Set<String> CONFIG_KEYS = Set.of("schedule", "schedule_type", "checkin_margin", "max_runtime",
            "timezone", "failure_issue_threshold", "recovery_threshold", "grace");

    /** Only the keys of a config count: anything else a client sends (Sentry's {@code owner}) is not ours. */
    public ConfigPatch {
        keys = keys.stream().filter(CONFIG_KEYS::contains).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * The management API's change of a monitor ({@code pingCheck}: a Healthchecks check), or a new
     * monitor's config ({@code existing} null). A grace and a simple schedule are a Healthchecks check's
     * only: a Sentry monitor keeps Sentry's margin, runtime and thresholds. A simple schedule is never
     * left without its grace, which is all a simple check's lateness is.
     */
    public MonitorConfig applyTo(MonitorConfig existing, boolean pingCheck) {
        if (!pingCheck && keys.contains("schedule") && values.schedule() instanceof SimpleSchedule) {
            throw new FieldError(fieldPrefix + "schedule_type", "A simple schedule is a Healthchecks check's (API v3)."
                    + " A Sentry monitor's schedule is a crontab, interval or oncalendar one.");
        }
        if (!pingCheck && keys.contains("grace")) {
            throw new FieldError(fieldPrefix + "grace", "A grace is a Healthchecks check's (API v3). A Sentry monitor"
                    + " says how late a check-in may be with checkin_margin, in minutes.");
        }
        MonitorConfig result = applyTo(existing);
        if (result.schedule() instanceof SimpleSchedule && !result.isHealthchecks()) {
            throw new FieldError(fieldPrefix + (keys.contains("checkin_margin") ? "checkin_margin" : "max_runtime"),
                    "A simple check's lateness is its grace, in seconds: send grace instead, or a crontab,"
                            + " interval or oncalendar schedule with the margin.");
        }
        return result;
    }

    /**
     * A Healthchecks check keeps its grace unless a margin or runtime is sent: those are in Sentry's
     * minutes, and a monitor has one way of saying how late it may be. A grace sent (seconds, as the
     * check's config reads) is that way.
     */
    public MonitorConfig applyTo(MonitorConfig existing) {
        if (existing == null) return values;
        if (keys.contains("grace")) {
            return MonitorConfig.healthchecks(keys.contains("schedule") ? values.schedule() : existing.schedule(),
                    keys.contains("timezone") ? values.timezone() : existing.timezone(), values.graceSeconds());
        }
        boolean keepsGrace = !keys.contains("checkin_margin") && !keys.contains("max_runtime");
        return new MonitorConfig(
                keys.contains("schedule") ? values.schedule() : existing.schedule(),
                keys.contains("checkin_margin") ? values.checkinMargin() : existing.checkinMargin(),
                keys.contains("max_runtime") ? values.maxRuntime() : existing.maxRuntime(),
                keys.contains("timezone") ? values.timezone() : existing.timezone(),
                keys.contains("failure_issue_threshold")
                        ? values.failureIssueThreshold() : existing.failureIssueThreshold(),
                keys.contains("recovery_threshold") ? values.recoveryThreshold() : existing.recoveryThreshold(),
                keepsGrace ? existing.graceSeconds() : null);
    }

    /**
     * The sent keys in wire form (the queue carries this; parsing it again gives the same patch). The
     * schedule is written in its plain form, a string or {@code [n, unit]}, which says its type.
     */
    public Map<String, Object> toWire() {
        Map<String, Object> all = values.toWire();
        Map<String, Object> sent = new LinkedHashMap<>();
        for (String key : all.keySet()) {
            if (keys.contains(key) || key.equals("schedule")) sent.put(key, all.get(key));
        }
        return sent;
    }
}
