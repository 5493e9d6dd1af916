package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.alert.AlertBody;
import dev.cronwatch.core.alert.AlertMessage;
import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import dev.cronwatch.core.port.DecisionStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders of stored records, with every field a test does not care about filled plausibly. */
final class TestData {
    static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    private TestData() {
    }

    static MonitorConfig hourly() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("schedule", "0 * * * *");
        wire.put("checkin_margin", 5);
        wire.put("timezone", "Europe/Vienna");
        wire.put("failure_issue_threshold", 2);
        return new MonitorConfigParser("config.").parse(wire);
    }

    static MonitorConfig everyTenMinutes() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("schedule", List.of(10, "minute"));
        wire.put("schedule_type", "interval");
        return new MonitorConfigParser("config.").parse(wire);
    }

    /** {@code changes} with its organization's counter when it creates a monitor, as every create path writes it. */
    static Changes counted(DecisionStore store, Changes changes) {
        Monitor m = changes.monitor();
        if (m == null || m.version() != 0) return changes;
        return changes.withMonitorCount(store.organizationMonitors(m.key().organization(), m.dateCreated())
                .created(Long.MAX_VALUE, Integer.MAX_VALUE));
    }

    static Monitor monitor(MonitorKey key) {
        return new Monitor(key, "id-" + key.slug(), "1", "Job " + key.slug(), MonitorStatus.ACTIVE, false, hourly(),
                T0, List.of("production"), 0);
    }

    static MonitorEnvironment environment(MonitorKey key, String name, Instant nextLatest) {
        return environment(monitor(key), name, nextLatest);
    }

    static MonitorEnvironment environment(Monitor monitor, String name, Instant nextLatest) {
        return MonitorEnvironment.create(monitor, name, T0)
                .withTimes(T0, nextLatest == null ? null : nextLatest.minusSeconds(300), nextLatest);
    }

    static CheckIn checkIn(MonitorKey key, String env, String id, Instant at) {
        return new CheckIn(id, key, "1", env, CheckInStatus.OK, at, at.plusMillis(1500), 1500L, null, null);
    }

    static CheckIn inProgress(MonitorKey key, String env, String id, Instant at, Instant timeoutAt) {
        return new CheckIn(id, key, "1", env, CheckInStatus.IN_PROGRESS, at, at, null, at, timeoutAt);
    }

    static Incident incident(MonitorKey key, String id, Instant at) {
        return new Incident(id, key, "production", at, null, CheckInStatus.ERROR, "An error check-in was detected",
                "c-" + id, null);
    }

    /** A drop kept one by one (not one of the types counted per minute), so writing it again changes nothing. */
    static ProcessingError error(MonitorKey key, String id, Instant at) {
        return new ProcessingError(id, key, ProcessingErrorType.MONITOR_LIMIT_EXCEEDED,
                Map.of("reason", "too many"), "c-" + id, at);
    }

    static PendingAlert alert(MonitorKey key, String incidentId, Instant at) {
        AlertBody body = new AlertBody(AlertType.OPENED, incidentId, null, null,
                new AlertBody.MonitorPart("job", null, List.of(10, "minute"), null), null, null, null, null, null, null,
                List.of(), false);
        return PendingAlert.of(incidentId, key, AlertType.OPENED, new AlertMessage(body, Map.of("type", "incident.opened")), at);
    }
}
