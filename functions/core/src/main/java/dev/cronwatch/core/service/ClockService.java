package dev.cronwatch.core.service;

import dev.cronwatch.core.clock.ClockRules;
import dev.cronwatch.core.monitor.Changes;
import dev.cronwatch.core.port.DueEnvironment;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.port.Page;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One clock tick: judge every environment that is due, then publish every pending alert. One bad
 * environment is reported and skipped, never allowed to stop the others; it stays due, so the next
 * tick tries it again. Replaying a tick changes nothing (each rule re-checks its deadline).
 */
public final class ClockService {
    private static final int PAGE = 100;

    private final MonitorStore store;
    private final AlertDispatcher alerts;

    public ClockService(MonitorStore store, AlertDispatcher alerts) {
        this.store = store;
        this.alerts = alerts;
    }

    public TickResult tick(Instant at) {
        Instant tick = at.truncatedTo(ChronoUnit.MINUTES);
        int examined = 0;
        int changed = 0;
        List<String> failures = new ArrayList<>();
        String cursor = null;
        do {
            Page<DueEnvironment> page = store.findDue(tick, cursor, PAGE);
            for (DueEnvironment due : page.items()) {
                examined++;
                try {
                    Optional<Changes> changes = ClockRules.tick(due.monitor(), due.environment(), due.progress(), tick);
                    // A lost race (a check-in landed meanwhile) is fine: the environment stays due
                    // if it still is, and the next tick judges it on fresh state.
                    if (changes.isPresent() && store.commit(changes.get())) changed++;
                } catch (RuntimeException e) {
                    failures.add(due.environment().monitor() + "/" + due.environment().name() + ": " + e);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        AlertDispatcher.Result published = alerts.publishPending();
        failures.addAll(published.failures());
        return new TickResult(tick, examined, changed, published.sent(), failures);
    }

    public record TickResult(Instant tick, int examined, int changed, int published, List<String> failures) {
    }
}
