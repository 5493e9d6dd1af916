package dev.cronwatch.core.rules;

import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The failure and recovery thresholds: when a run of results opens or closes an incident. */
public final class Thresholds {
    private Thresholds() {
    }

    /** How many finished check-ins an environment must remember to judge both thresholds. */
    public static int historyNeeded(MonitorConfig config) {
        return Math.max(config.failureThreshold(), config.recoveryThresholdOrDefault());
    }

    /**
     * The failures that open an incident with {@code failed}: the newest finished check-ins that
     * started no later than it and stand for {@code n} slots between them (a MISSED check-in for a long
     * gap stands for many), oldest first, if there are enough and none is OK. Runs still in progress
     * neither count nor break the run (docs/spec.md D2: an incident needs n real failures, so a young
     * environment with fewer results does not open early).
     */
    public static Optional<List<CheckIn>> failureWindow(MonitorEnvironment env, CheckIn failed, int n) {
        List<CheckIn> window = new ArrayList<>();
        long slots = 0;
        List<CheckIn> recent = env.recent();
        for (int i = recent.size() - 1; i >= 0 && slots < n; i--) {
            CheckIn c = recent.get(i);
            if (!c.status().isFinished() || c.dateAdded().isAfter(failed.dateAdded())) continue;
            window.add(0, c);
            slots += c.slots();
        }
        if (slots < n) return Optional.empty();
        if (window.stream().anyMatch(c -> c.status() == CheckInStatus.OK)) return Optional.empty();
        return Optional.of(List.copyOf(window));
    }

    /**
     * The OKs that close an incident: the {@code m} newest check-ins of any status, all OK (a run in
     * progress between them breaks the streak, as in Sentry).
     */
    public static Optional<List<CheckIn>> recoveryWindow(MonitorEnvironment env, int m) {
        List<CheckIn> recent = env.recent();
        if (recent.size() < m) return Optional.empty();
        List<CheckIn> window = recent.subList(recent.size() - m, recent.size());
        if (window.stream().allMatch(c -> c.status() == CheckInStatus.OK)) return Optional.of(List.copyOf(window));
        return Optional.empty();
    }
}
