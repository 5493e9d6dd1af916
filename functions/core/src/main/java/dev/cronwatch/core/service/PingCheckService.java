package dev.cronwatch.core.service;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorState;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.rules.PingRules;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Healthchecks' pause and resume of a check (docs/spec.md §14.2), on the environment its pings go to.
 * Both are decisions on the monitor's state like a check-in's, read and committed under its version.
 */
public final class PingCheckService {
    /** The environment a Healthchecks ping goes to. */
    public static final String ENVIRONMENT = MonitorEnvironment.DEFAULT_NAME;

    private final DecisionStore store;
    private final Clock clock;

    public PingCheckService(DecisionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Pauses the check; false when it was paused already (nothing changes). */
    public boolean pause(MonitorKey key) {
        return decide("pausing " + key, key, PingRules::pause);
    }

    /** Resumes a paused check as new; false when it is not paused (Healthchecks answers 409). */
    public boolean resume(MonitorKey key) {
        return decide("resuming " + key, key, PingRules::resume);
    }

    private boolean decide(String what, MonitorKey key, Rule rule) {
        return OnConflict.retry(what, () -> {
            Instant now = clock.instant();
            MonitorState state = store.load(key, ENVIRONMENT);
            Monitor monitor = state.monitor();
            if (monitor == null || !monitor.isPingCheck()) throw new NotFoundException("check");
            MonitorEnvironment env = state.environment();
            Monitor listed = monitor;
            if (env == null) {
                env = MonitorEnvironment.create(monitor, ENVIRONMENT, now);
                listed = monitor.withEnvironment(ENVIRONMENT);
            }
            Optional<Changes> changes = rule.apply(monitor, env, now);
            if (changes.isEmpty()) return Optional.of(false);
            Changes decided = listed == monitor ? changes.get() : changes.get().withMonitor(listed);
            return store.commit(decided) ? Optional.of(true) : Optional.empty();
        });
    }

    @FunctionalInterface
    private interface Rule {
        Optional<Changes> apply(Monitor monitor, MonitorEnvironment env, Instant now);
    }
}
