package dev.cronwatch.core.monitor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@code monitor_config} sent with a check-in (an upsert) or a management change, parsed once at the
 * edge: the values, and which keys the client sent. Applied to a stored config, the sent keys replace
 * the stored ones (an upsert always sends a schedule); everything else is kept, as Sentry merges them.
 */
public record ConfigPatch(MonitorConfig values, Set<String> keys) {
    private static final Set<String> CONFIG_KEYS = Set.of("schedule", "schedule_type", "checkin_margin", "max_runtime",
            "timezone", "failure_issue_threshold", "recovery_threshold", "grace");

    /** Only the keys of a config count: anything else a client sends (Sentry's {@code owner}) is not ours. */
    public ConfigPatch {
        keys = keys.stream().filter(CONFIG_KEYS::contains).collect(java.util.stream.Collectors.toUnmodifiableSet());
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
