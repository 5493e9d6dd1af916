package dev.cronwatch.core.alert;

import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.schedule.CrontabSchedule;
import dev.cronwatch.core.schedule.InvalidScheduleException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample incident, opened and then resolved, composed by {@link AlertComposer} exactly as a real one
 * is, so a team can check every subscriber of the alert topic (email, Chatbot, PagerDuty, filter
 * policies) before a job fails. Each message says it is a test: {@code "test": true} in the JSON
 * ({@link AlertBody#test}), the attribute {@code test = "true"} (a filter policy
 * {@code {"test": [{"exists": false}]}} keeps them out), and a subject starting {@code cronwatch TEST: }.
 */
public final class TestAlerts {
    /** The name of the body field and of the message attribute that mark a test alert. */
    public static final String MARKER = "test";
    /** How long before the resolution the sample incident opened. */
    static final Duration DOWN_FOR = Duration.ofMinutes(10);

    private static final CrontabSchedule HOURLY = hourly();

    private TestAlerts() {
    }

    /** The sample target: whose subscriptions it should reach, as their filter policies name them. */
    public record Target(String organization, String projectId, String monitor, String environment) {
    }

    /** The opened alert, then the resolved one, of incident {@code incidentId} resolved at {@code now}. */
    public static List<PendingAlert> compose(Target target, String incidentId, Instant now) {
        MonitorKey key = new MonitorKey(target.organization(), target.monitor());
        MonitorConfig config = new MonitorConfig(HOURLY, 5, 30, null, null, null);
        Monitor monitor = new Monitor(key, incidentId, target.projectId(), target.monitor(), MonitorStatus.ACTIVE, false,
                config, now, List.of(target.environment()), 0);
        Instant started = now.minus(DOWN_FOR);
        Instant lastOk = started.minus(Duration.ofHours(1));
        MonitorEnvironment env = new MonitorEnvironment(key, target.environment(), EnvironmentStatus.ACTIVE, false,
                lastOk, lastOk, lastOk, started, started, null, List.of(), null, 0, null, 0);
        CheckIn missed = new CheckIn(incidentId + "-missed", key, target.projectId(), target.environment(),
                CheckInStatus.MISSED, started, started, null, started, null);
        CheckIn ok = new CheckIn(incidentId + "-ok", key, target.projectId(), target.environment(),
                CheckInStatus.OK, now, now, 1000L, now, null);
        Incident opened = new Incident(incidentId, key, target.environment(), started, null, CheckInStatus.MISSED,
                FailureReason.describe(List.of(missed)), missed.id(), null);
        return List.of(
                marked(AlertComposer.compose(AlertType.OPENED, opened, monitor, env, List.of(missed), started)),
                marked(AlertComposer.compose(AlertType.RESOLVED, opened.resolve(now, ok.id()), monitor, env,
                        List.of(ok), now)));
    }

    private static CrontabSchedule hourly() {
        try {
            return CrontabSchedule.parse("0 * * * *");
        } catch (InvalidScheduleException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PendingAlert marked(PendingAlert alert) {
        AlertMessage real = alert.message();
        Map<String, String> attributes = new LinkedHashMap<>(real.attributes());
        attributes.put(MARKER, "true");
        return PendingAlert.of(alert.incidentId(), alert.monitor(), alert.type(),
                new AlertMessage(real.body().markedAsTest(), attributes), alert.createdAt());
    }
}
