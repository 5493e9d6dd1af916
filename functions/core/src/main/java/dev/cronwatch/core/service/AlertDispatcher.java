package dev.cronwatch.core.service;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.port.AlertPublisher;
import dev.cronwatch.core.port.MonitorStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Publishes alerts from the outbox: claim, publish, mark sent. A claim held by another worker is left
 * alone, so an alert is not sent twice in normal operation; a publish that fails or crashes leaves the
 * alert pending, and the claim expires before the next clock tick, which sends it (at least once).
 */
public final class AlertDispatcher {
    /** Shorter than the clock's minute, so a crashed publisher delays an alert by one tick at most. */
    static final Duration CLAIM_LEASE = Duration.ofSeconds(30);
    private static final int PAGE = 100;

    private final MonitorStore store;
    private final AlertPublisher publisher;
    private final Clock clock;

    public AlertDispatcher(MonitorStore store, AlertPublisher publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Publishes the given alerts (just committed) without waiting for the next tick. */
    public Result publish(List<PendingAlert> alerts) {
        int sent = 0;
        List<String> failures = new ArrayList<>();
        for (PendingAlert alert : alerts.stream().sorted(Comparator.comparing(PendingAlert::createdAt)).toList()) {
            if (!store.claimAlert(alert.id(), clock.instant(), CLAIM_LEASE)) continue;
            try {
                publisher.publish(alert);
            } catch (RuntimeException e) {
                failures.add(alert.id() + ": " + e.getMessage());
                continue;
            }
            store.alertSent(alert.id());
            sent++;
        }
        return new Result(sent, failures);
    }

    /** Publishes everything still pending: alerts whose first publish failed or crashed. */
    public Result publishPending() {
        int sent = 0;
        List<String> failures = new ArrayList<>();
        List<PendingAlert> page;
        do {
            page = store.pendingAlerts(PAGE);
            Result result = publish(page);
            sent += result.sent();
            failures.addAll(result.failures());
            if (result.sent() == 0) break; // claimed elsewhere or failing: the next tick tries again
        } while (page.size() == PAGE);
        return new Result(sent, failures);
    }

    public record Result(int sent, List<String> failures) {
    }
}
