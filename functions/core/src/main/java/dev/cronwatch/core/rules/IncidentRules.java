package dev.cronwatch.core.rules;

import dev.cronwatch.core.alert.AlertComposer;
import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.FailureReason;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sentry's {@code mark_ok} and {@code mark_failed}: what a result does to its environment's expected
 * times, status and incident. This is the one place an incident opens or resolves, and the one place
 * an alert is made. The check-in must already be recorded in the outcome.
 */
public final class IncidentRules {
    private IncidentRules() {
    }

    /** A result that is not a failure (ok, or a run starting): may recover, always moves the schedule on. */
    public static Outcome markOk(Outcome outcome, CheckIn checkIn, Instant succeededAt) {
        Outcome o = outcome;
        MonitorEnvironment env = o.environment();
        if (env.status() != EnvironmentStatus.OK && checkIn.status() == CheckInStatus.OK) {
            o = env.status() == EnvironmentStatus.ACTIVE || env.activeIncident() == null
                    ? o.withEnvironment(env.withStatus(EnvironmentStatus.OK, null))
                    : resolveIfRecovered(o, checkIn);
            env = o.environment();
        }
        if (env.lastCheckIn() == null || !env.lastCheckIn().isAfter(succeededAt)) {
            // A run reported late with a long duration started before the last check-in: the last
            // check-in time never goes backwards (Sentry lets it; nothing is gained by that).
            Instant last = env.lastCheckIn() != null && env.lastCheckIn().isAfter(checkIn.dateAdded())
                    ? env.lastCheckIn() : checkIn.dateAdded();
            o = o.withEnvironment(Deadlines.expectNextAfter(o.monitor().config(), env, last, succeededAt));
        }
        return o;
    }

    /**
     * A failure (error, missed, timeout). {@code failedAt} anchors the next expected time. A failure
     * older than the environment's last check-in changes nothing, except a timeout: a run that
     * overran counts even while a newer run is in progress (the caller skips it when a newer run has
     * already finished).
     */
    public static Outcome markFailed(Outcome outcome, CheckIn checkIn, Instant failedAt) {
        MonitorEnvironment env = outcome.environment();
        Instant last = checkIn.status() == CheckInStatus.MISSED ? env.lastCheckIn() : checkIn.dateAdded();
        boolean current = env.lastCheckIn() == null || (last != null && !env.lastCheckIn().isAfter(last));
        if (!current && outcome.monitor().config().isHealthchecks() && checkIn.status() == CheckInStatus.ERROR) {
            // Healthchecks: a fail is down whenever it arrives, even ending a run that started before the
            // last result; the last check-in time still never goes backwards
            current = true;
            last = env.lastCheckIn();
        }
        Outcome o = outcome;
        if (current) {
            o = o.withEnvironment(Deadlines.expectNextAfter(o.monitor().config(), env, last, failedAt));
        } else if (checkIn.status() != CheckInStatus.TIMEOUT) {
            return o;
        }
        return openIfThresholdReached(o, checkIn);
    }

    private static Outcome openIfThresholdReached(Outcome o, CheckIn failed) {
        MonitorEnvironment env = o.environment();
        if (env.status() == EnvironmentStatus.ERROR) return o; // the open incident absorbs further failures
        Monitor monitor = o.monitor();
        // A Healthchecks check is down at its first failure, whatever else is open (docs/spec.md §14.2).
        Optional<List<CheckIn>> window = monitor.config().isHealthchecks() ? Optional.of(List.of(failed))
                : Thresholds.failureWindow(env, failed, monitor.config().failureThreshold());
        if (window.isEmpty()) return o;
        CheckIn first = window.get().get(0);
        // Derived from the failure as stored (id and start) and when it failed: a check-in id can come
        // back later (a retry after its run left the recent ones makes a new check-in), and an incident
        // it opens then must not take the id of, and overwrite, the one the first opened.
        Incident incident = new Incident(
                Ids.derive("incident", monitor.id(), env.name(), failed.id(), failed.status().name(),
                        failed.dateAdded().toString(), failed.dateUpdated().toString()),
                monitor.key(), env.name(), first.dateAdded(), null, failed.status(),
                FailureReason.describe(window.get()), first.id(), null);
        Outcome opened = o.withEnvironment(env.withStatus(EnvironmentStatus.ERROR, incident)).withIncident(incident);
        return alertUnlessMuted(opened, AlertType.OPENED, incident, window.get(), failed.dateAdded());
    }

    private static Outcome resolveIfRecovered(Outcome o, CheckIn ok) {
        MonitorEnvironment env = o.environment();
        int needed = o.monitor().config().recoveryThresholdOrDefault();
        // A Healthchecks check is up at its first success, whatever else is open (docs/spec.md §14.2).
        Optional<List<CheckIn>> window = o.monitor().config().isHealthchecks() ? Optional.of(List.of(ok))
                : Thresholds.recoveryWindow(env, needed);
        if (window.isEmpty()) return o;
        Incident resolved = env.activeIncident().resolve(ok.dateAdded(), ok.id());
        Outcome recovered = o.withEnvironment(env.withStatus(EnvironmentStatus.OK, null)).withIncident(resolved);
        return alertUnlessMuted(recovered, AlertType.RESOLVED, resolved, window.get(), ok.dateAdded());
    }

    /**
     * Muting (the monitor's or the environment's), and a Healthchecks check with no channel, silence alerts
     * only: incidents are recorded all the same.
     */
    private static Outcome alertUnlessMuted(Outcome o, AlertType type, Incident incident, List<CheckIn> window,
                                            Instant at) {
        boolean noChannel = o.monitor().ping() != null && !o.monitor().ping().alerts();
        if (o.monitor().muted() || o.environment().muted() || noChannel) return o;
        return o.withAlert(AlertComposer.compose(type, incident, o.monitor(), o.environment(), window, at));
    }
}
