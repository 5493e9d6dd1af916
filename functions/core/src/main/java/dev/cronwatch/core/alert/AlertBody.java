package dev.cronwatch.core.alert;

import java.time.Instant;
import java.util.List;

/**
 * What an alert says (docs/spec.md §12.1): the incident, the monitor, the environment and the newest
 * check-ins of its window. Values a DSN holder chose are kept as sent; every form a person reads shows
 * them by one rule, outside the core.
 *
 * @param schedule the monitor's schedule as the API spells it: a crontab or OnCalendar expression, or
 *                 an interval {@code [n, "unit"]}
 * @param test     a sample sent by {@code cronwatch-admin test-alert} ({@link TestAlerts}), not a job's failure
 */
public record AlertBody(
        AlertType type,
        String incidentId,
        String organization,
        String project,
        MonitorPart monitor,
        String environment,
        String reason,
        String failureReason,
        Instant dateStarted,
        Instant dateResolved,
        Instant lastSuccessfulCheckIn,
        List<CheckInPart> checkIns,
        boolean test) {

    public AlertBody {
        checkIns = List.copyOf(checkIns);
    }

    /** The monitor as the alert names it; {@code timezone} is "UTC" for a monitor without one. */
    public record MonitorPart(String slug, String name, Object schedule, String timezone) {
    }

    public record CheckInPart(String id, String status, Instant dateAdded, Instant expectedTime) {
    }

    public boolean opened() {
        return type != AlertType.RESOLVED;
    }

    public AlertBody withCheckIns(List<CheckInPart> listed) {
        return new AlertBody(type, incidentId, organization, project, monitor, environment, reason, failureReason,
                dateStarted, dateResolved, lastSuccessfulCheckIn, listed, test);
    }

    public AlertBody markedAsTest() {
        return new AlertBody(type, incidentId, organization, project, monitor, environment, reason, failureReason,
                dateStarted, dateResolved, lastSuccessfulCheckIn, checkIns, true);
    }
}
