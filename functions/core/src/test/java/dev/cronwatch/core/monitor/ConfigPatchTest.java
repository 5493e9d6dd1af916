package dev.cronwatch.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.core.validation.FieldError;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/spec.md §4.1 and §14.2: what a management change may do to a Sentry monitor and to a Healthchecks check. */
class ConfigPatchTest {
    private final MonitorConfigParser parser = new MonitorConfigParser("config.");
    private final MonitorConfig sentry = parser.parse(config("schedule", "0 * * * *", "checkin_margin", 10,
            "failure_issue_threshold", 3, "recovery_threshold", 2));
    private final MonitorConfig simpleCheck = parser.parse(config("schedule_type", "simple", "schedule", 3600,
            "timezone", "UTC", "grace", 300));

    private static Map<String, Object> config(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
        return m;
    }

    private void assertRefused(MonitorConfig existing, boolean pingCheck, Map<String, Object> change, String field,
                               String words) {
        assertThatThrownBy(() -> parser.settings(change).applyTo(existing, pingCheck))
                .isInstanceOfSatisfying(FieldError.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(words);
    }

    @Test
    void aGraceSentToASentryMonitor_isRefused_pointingToTheMargin() {
        assertRefused(sentry, false, config("grace", 120), "config.grace", "checkin_margin");
    }

    @Test
    void aSimpleSchedule_isRefusedToASentryMonitor_andToANewOne() {
        Map<String, Object> simple = config("schedule_type", "simple", "schedule", 3600, "grace", 60);
        assertRefused(sentry, false, simple, "config.schedule_type", "crontab, interval or oncalendar");
        assertRefused(null, false, simple, "config.schedule_type", "crontab, interval or oncalendar");
    }

    @Test
    void aMarginOrRuntimeAlone_onASimpleCheck_isRefused_asItsLatenessIsItsGrace() {
        assertRefused(simpleCheck, true, config("checkin_margin", 5), "config.checkin_margin", "grace, in seconds");
        assertRefused(simpleCheck, true, config("max_runtime", 5), "config.max_runtime", "grace, in seconds");
    }

    @Test
    void aCheckTakesAGrace_andAMarginWithACronSchedule() {
        assertThat(parser.settings(config("grace", 120)).applyTo(simpleCheck, true).graceSeconds()).isEqualTo(120);
        MonitorConfig cron = parser.settings(config("schedule", "0 * * * *", "checkin_margin", 5)).applyTo(simpleCheck, true);
        assertThat(cron.isHealthchecks()).isFalse();
        assertThat(cron.checkinMargin()).isEqualTo(5);
    }

    @Test
    void aSentryMonitorKeepsItsThresholds_whenItsMarginChanges() {
        MonitorConfig changed = parser.settings(config("checkin_margin", 20)).applyTo(sentry, false);
        assertThat(changed.failureIssueThreshold()).isEqualTo(3);
        assertThat(changed.recoveryThreshold()).isEqualTo(2);
        assertThat(changed.checkinMargin()).isEqualTo(20);
    }

    @Test
    void aNullGrace_isRefusedByTheParser_namingTheField() {
        Map<String, Object> emptied = config("schedule_type", "crontab", "schedule", "0 * * * *", "grace", null);
        assertThatThrownBy(() -> parser.settings(emptied)).isInstanceOfSatisfying(FieldError.class,
                e -> assertThat(e.field()).isEqualTo("config.grace")).hasMessageContaining("60 to 31536000");
        assertThatThrownBy(() -> parser.settings(config("grace", null))).isInstanceOf(FieldError.class);
        assertThatThrownBy(() -> new MonitorConfigParser("monitor_config.").patch(emptied))
                .isInstanceOfSatisfying(FieldError.class, e -> assertThat(e.field()).isEqualTo("monitor_config.grace"));
    }
}
