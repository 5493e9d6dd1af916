package dev.cronwatch.core.rules;

import dev.cronwatch.core.alert.AlertComposer;
import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.FailureReason;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import java.time.Instant;
import java.util.List;

/**
 * Sentry's {@code mark_ok} and {@code mark_failed}: what a result does to its environment's expected
 * times, status and incident. The check-in must already be recorded in the transition.
 */
public final class IncidentRules {
    private IncidentRules() {
    }

    /** A result that is not a failure (ok, or a run starting): may recover, always moves the schedule on. */
    public static void markOk(Transition t, CheckIn checkIn, Instant succeededAt) {
        MonitorEnvironment env = t.environment();
        if (env.status() != EnvironmentStatus.OK && checkIn.status() == CheckInStatus.OK) {
            if (env.status() == EnvironmentStatus.ACTIVE || env.activeIncident() == null) {
                env = env.withStatus(EnvironmentStatus.OK, null);
            } else {
                t.environment(env);
                resolveIfRecovered(t, checkIn);
                env = t.environment();
            }
        }
        if (env.lastCheckIn() == null || !env.lastCheckIn().isAfter(succeededAt)) {
            // A run reported late with a long duration started before the last check-in: the last
            // check-in time never goes backwards (Sentry lets it; nothing is gained by that).
            Instant last = env.lastCheckIn() != null && env.lastCheckIn().isAfter(checkIn.dateAdded())
                    ? env.lastCheckIn() : checkIn.dateAdded();
            env = scheduleAfter(t.monitor().config(), env, last, succeededAt);
        }
        t.environment(env);
    }

    /**
     * A failure (error, missed, timeout). {@code failedAt} anchors the next expected time. A failure
     * older than the environment's last check-in changes nothing, except a timeout: per SPEC a run
     * that overran counts even while a newer run is in progress (the caller skips it when a newer run
     * has already finished).
     */
    public static void markFailed(Transition t, CheckIn checkIn, Instant failedAt) {
        MonitorEnvironment env = t.environment();
        Instant last = checkIn.status() == CheckInStatus.MISSED ? env.lastCheckIn() : checkIn.dateAdded();
        boolean current = env.lastCheckIn() == null || (last != null && !env.lastCheckIn().isAfter(last));
        if (current) {
            t.environment(scheduleAfter(t.monitor().config(), env, last, failedAt));
        } else if (checkIn.status() != CheckInStatus.TIMEOUT) {
            return;
        }
        openIfThresholdReached(t, checkIn);
    }

    private static MonitorEnvironment scheduleAfter(MonitorConfig config, MonitorEnvironment env,
                                                    Instant lastCheckIn, Instant reference) {
        Instant next = config.schedule().nextAfter(reference, config.zone());
        return env.withTimes(lastCheckIn, next, next.plus(config.margin()));
    }

    private static void openIfThresholdReached(Transition t, CheckIn failed) {
        MonitorEnvironment env = t.environment();
        if (env.status() == EnvironmentStatus.ERROR) return; // the open incident absorbs further failures
        Monitor monitor = t.monitor();
        Thresholds.failureWindow(env, failed, monitor.config().failureThreshold()).ifPresent(window -> {
            CheckIn first = window.get(0);
            Incident incident = new Incident(
                    Ids.derive("incident", monitor.key().toString(), env.name(), failed.id(), failed.status().name()),
                    monitor.key(), env.name(), first.dateAdded(), null, failed.status(),
                    FailureReason.describe(window), first.id(), null);
            MonitorEnvironment failing = env.withStatus(EnvironmentStatus.ERROR, incident);
            t.environment(failing);
            t.incident(incident);
            alertUnlessMuted(t, AlertType.OPENED, incident, window, failed.dateAdded());
        });
    }

    private static void resolveIfRecovered(Transition t, CheckIn ok) {
        MonitorEnvironment env = t.environment();
        int needed = t.monitor().config().recoveryThresholdOrDefault();
        Thresholds.recoveryWindow(env, needed).ifPresent(window -> {
            Incident resolved = env.activeIncident().resolve(ok.dateAdded(), ok.id());
            t.environment(env.withStatus(EnvironmentStatus.OK, null));
            t.incident(resolved);
            alertUnlessMuted(t, AlertType.RESOLVED, resolved, window, ok.dateAdded());
        });
    }

    /** Muting (the monitor or this environment) silences alerts only: incidents and statuses are recorded all the same. */
    private static void alertUnlessMuted(Transition t, AlertType type, Incident incident, List<CheckIn> window,
                                         Instant at) {
        if (t.monitor().muted() || t.environment().muted()) return;
        t.alert(AlertComposer.compose(type, incident, t.monitor(), t.environment(), window, at));
    }
}
