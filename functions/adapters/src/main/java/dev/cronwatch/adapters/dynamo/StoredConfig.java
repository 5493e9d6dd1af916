package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.StoredName.CHECKIN_MARGIN;
import static dev.cronwatch.adapters.dynamo.StoredName.FAILURE_THRESHOLD;
import static dev.cronwatch.adapters.dynamo.StoredName.GRACE;
import static dev.cronwatch.adapters.dynamo.StoredName.MAX_RUNTIME;
import static dev.cronwatch.adapters.dynamo.StoredName.RECOVERY_THRESHOLD;
import static dev.cronwatch.adapters.dynamo.StoredName.SCHEDULE;
import static dev.cronwatch.adapters.dynamo.StoredName.SCHEDULE_TYPE;
import static dev.cronwatch.adapters.dynamo.StoredName.TIMEZONE;

import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.schedule.CrontabSchedule;
import dev.cronwatch.core.schedule.IntervalSchedule;
import dev.cronwatch.core.schedule.InvalidScheduleException;
import dev.cronwatch.core.schedule.OnCalendarSchedule;
import dev.cronwatch.core.schedule.Schedule;
import dev.cronwatch.core.schedule.SimpleSchedule;
import java.util.List;

/**
 * A monitor's configuration as stored: what the user set, unset values left out so that defaults
 * apply at use time. It was validated when it was accepted, so reading it back only rebuilds it; a
 * stored config that no longer parses is a fault of the table, not a client's error.
 */
final class StoredConfig {
    private StoredConfig() {
    }

    static StoredDocument write(MonitorConfig c) {
        return StoredDocument.empty().put(SCHEDULE_TYPE, c.schedule().type()).put(SCHEDULE, c.schedule().wireValue())
                .put(CHECKIN_MARGIN, c.checkinMargin()).put(MAX_RUNTIME, c.maxRuntime()).put(TIMEZONE, c.timezone())
                .put(FAILURE_THRESHOLD, c.failureIssueThreshold()).put(RECOVERY_THRESHOLD, c.recoveryThreshold())
                .put(GRACE, c.graceSeconds());
    }

    static MonitorConfig read(StoredDocument d) {
        return new MonitorConfig(schedule(d.string(SCHEDULE_TYPE), d.get(SCHEDULE)), minutes(d, CHECKIN_MARGIN),
                minutes(d, MAX_RUNTIME), d.string(TIMEZONE), minutes(d, FAILURE_THRESHOLD),
                minutes(d, RECOVERY_THRESHOLD), minutes(d, GRACE));
    }

    private static Integer minutes(StoredDocument d, StoredName name) {
        Long value = d.number(name);
        return value == null ? null : value.intValue();
    }

    private static Schedule schedule(String type, Object value) {
        try {
            return switch (type) {
                case "crontab" -> CrontabSchedule.parse((String) value);
                case "oncalendar" -> OnCalendarSchedule.parse((String) value);
                case "simple" -> SimpleSchedule.ofSeconds(((Number) value).longValue());
                case "interval" -> {
                    List<?> pair = (List<?>) value;
                    yield IntervalSchedule.of(((Number) pair.get(0)).longValue(), (String) pair.get(1));
                }
                default -> throw new IllegalStateException("stored schedule of unknown type " + type);
            };
        } catch (InvalidScheduleException e) {
            throw new IllegalStateException("stored " + type + " schedule " + value + " does not parse: " + e.getMessage(), e);
        }
    }
}
