package dev.cronwatch.core.monitor;

import dev.cronwatch.core.schedule.CrontabSchedule;
import dev.cronwatch.core.schedule.IntervalSchedule;
import dev.cronwatch.core.schedule.OnCalendarSchedule;
import dev.cronwatch.core.schedule.InvalidScheduleException;
import dev.cronwatch.core.schedule.Schedule;
import dev.cronwatch.core.schedule.SimpleSchedule;
import dev.cronwatch.core.schedule.TimeZones;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Values;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the decoded JSON of a monitor config (API body, check-in {@code monitor_config}, envelope)
 * into a {@link MonitorConfig}, with Sentry's defaults and limits. Every failure names its field,
 * prefixed as the caller's payload spells it ({@code config.} or {@code monitor_config.}).
 */
public final class MonitorConfigParser {
    /** Stands in for a schedule a management change left out; never applied (see {@link #settings}). */
    private static final String UNSENT_SCHEDULE = "* * * * *";

    private final String prefix;

    public MonitorConfigParser(String prefix) {
        this.prefix = prefix;
    }

    public MonitorConfig parse(Map<String, Object> wire) {
        if (wire == null) throw new FieldError(field("schedule"), "This field is required.");
        Schedule schedule = schedule(wire);
        Integer grace = bounded(wire.get("grace"), "grace", MonitorConfig.MIN_GRACE_SECONDS, MonitorConfig.MAX_GRACE_SECONDS);
        if (schedule instanceof SimpleSchedule && grace == null) {
            throw new FieldError(field("grace"), "A simple schedule (a Healthchecks check's timeout) needs a grace in seconds.");
        }
        return new MonitorConfig(
                schedule,
                margin(wire.get("checkin_margin")),
                minutes(wire.get("max_runtime"), "max_runtime"),
                timezone(wire.get("timezone")),
                threshold(wire.get("failure_issue_threshold"), "failure_issue_threshold"),
                threshold(wire.get("recovery_threshold"), "recovery_threshold"),
                grace);
    }

    /** An upsert's {@code monitor_config}: validated in full, remembering which keys were sent. */
    public ConfigPatch patch(Map<String, Object> wire) {
        MonitorConfig values = parse(wire);
        checkSentGrace(wire);
        return new ConfigPatch(values, wire.keySet(), prefix);
    }

    /**
     * A management change's {@code config}: like an upsert's, but the schedule may be left out, and
     * then the stored one stays (a type sent without a schedule changes nothing). The patch is applied
     * to the monitor as it is when the change commits, so nothing read before can be written back.
     */
    public ConfigPatch settings(Map<String, Object> wire) {
        if (wire.containsKey("schedule")) return patch(wire);
        Map<String, Object> checked = new HashMap<>(wire);
        checked.remove("schedule_type");
        checked.put("schedule", UNSENT_SCHEDULE); // validates the rest; the patch has no schedule key
        Set<String> sent = new HashSet<>(wire.keySet());
        sent.remove("schedule_type");
        ConfigPatch patch = new ConfigPatch(parse(checked), sent, prefix);
        checkSentGrace(wire);
        return patch;
    }

    /** A grace sent as null would empty a check's only lateness (the dashboard's emptied Grace field). */
    private void checkSentGrace(Map<String, Object> wire) {
        if (wire.containsKey("grace") && wire.get("grace") == null) {
            throw new FieldError(field("grace"), "A Healthchecks check's grace is a whole number of seconds from "
                    + MonitorConfig.MIN_GRACE_SECONDS + " to " + MonitorConfig.MAX_GRACE_SECONDS
                    + "; a Sentry monitor has none (its checkin_margin, in minutes, says how late it may be).");
        }
    }

    private Schedule schedule(Map<String, Object> wire) {
        Object raw = wire.get("schedule");
        String declaredType = Values.string(wire.get("schedule_type"), field("schedule_type"));
        if (raw instanceof Map<?, ?> object) {
            Map<String, Object> schedule = Values.object(object, field("schedule"));
            String type = Values.string(schedule.get("type"), field("schedule.type"));
            if (type == null) type = declaredType;
            return build(type, schedule.get("value"), schedule.get("unit"));
        }
        if (raw instanceof List<?> pair) {
            if (declaredType != null && !declaredType.equals("interval")) {
                throw new FieldError(field("schedule"), "Invalid schedule for schedule type.");
            }
            if (pair.size() != 2) {
                throw new FieldError(field("schedule"), "An interval schedule is a list [value, unit].");
            }
            return build("interval", pair.get(0), pair.get(1));
        }
        if (raw == null) throw new FieldError(field("schedule"), "This field is required.");
        return build(declaredType == null ? "crontab" : declaredType, raw, null);
    }

    private Schedule build(String type, Object value, Object unit) {
        String scheduleField = field("schedule");
        try {
            if ("crontab".equals(type)) {
                String expression = Values.string(value, scheduleField);
                if (expression == null) throw new FieldError(scheduleField, "This field is required.");
                return CrontabSchedule.parse(expression);
            }
            if ("interval".equals(type)) {
                Long n = Values.integer(value, scheduleField);
                String u = Values.string(unit, scheduleField);
                if (n == null || u == null) {
                    throw new FieldError(scheduleField, "An interval schedule needs a value and a unit.");
                }
                return IntervalSchedule.of(n, u);
            }
            if ("simple".equals(type)) {
                Long seconds = Values.integer(value, scheduleField);
                if (seconds == null) throw new FieldError(scheduleField, "This field is required.");
                return SimpleSchedule.ofSeconds(seconds);
            }
            if ("oncalendar".equals(type)) {
                String expression = Values.string(value, scheduleField);
                if (expression == null) throw new FieldError(scheduleField, "This field is required.");
                return OnCalendarSchedule.parse(expression);
            }
        } catch (InvalidScheduleException e) {
            throw new FieldError(scheduleField, e.getMessage());
        }
        throw new FieldError(field("schedule_type"),
                "Schedule type must be \"crontab\", \"interval\", \"oncalendar\" or \"simple\".");
    }

    /** Sentry turns a 0 margin into 1: the clock has one-minute resolution. */
    private Integer margin(Object raw) {
        Integer minutes = bounded(raw, "checkin_margin", 0, MonitorConfig.MAX_MINUTES);
        return minutes != null && minutes == 0 ? Integer.valueOf(1) : minutes;
    }

    private Integer minutes(Object raw, String name) {
        return bounded(raw, name, 1, MonitorConfig.MAX_MINUTES);
    }

    private Integer threshold(Object raw, String name) {
        return bounded(raw, name, 1, MonitorConfig.MAX_THRESHOLD);
    }

    private Integer bounded(Object raw, String name, int min, int max) {
        Long value = Values.integer(raw, field(name));
        if (value == null) return null;
        if (value < min) {
            throw new FieldError(field(name), "Ensure this value is greater than or equal to " + min + ".");
        }
        if (value > max) {
            throw new FieldError(field(name), "Ensure this value is less than or equal to " + max + ".");
        }
        return value.intValue();
    }

    private String timezone(Object raw) {
        String zone = Values.string(raw, field("timezone"));
        if (zone == null || zone.isEmpty()) return null;
        if (!TimeZones.isValid(zone)) throw new FieldError(field("timezone"), TimeZones.whatToSendInstead(zone));
        return zone;
    }

    private String field(String name) {
        return prefix + name;
    }
}
