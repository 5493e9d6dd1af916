package dev.cronwatch.core.service;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.port.AlertPublisher;
import dev.cronwatch.core.port.MonitorStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Publishes alerts from the outbox: claim, publish, mark sent. A crash after the publish sends the
 * alert again once the claim expires (at least once); a claim held by another worker is left alone
 * (no double send in normal operation).
 */
public final class AlertDispatcher {
    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);
    private static final int PAGE = 100;

    private final MonitorStore store;
    private final AlertPublisher publisher;
    private final Clock clock;

    public AlertDispatcher(MonitorStore store, AlertPublisher publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Publishes the given alerts, just committed, without waiting for the next tick. */
    public int publish(List<PendingAlert> alerts) {
        int sent = 0;
        for (PendingAlert alert : alerts.stream().sorted(Comparator.comparing(PendingAlert::createdAt)).toList()) {
            if (!store.claimAlert(alert.id(), clock.instant(), CLAIM_LEASE)) continue;
            publisher.publish(alert);
            store.alertSent(alert.id());
            sent++;
        }
        return sent;
    }

    /** Publishes everything still pending: alerts whose first publish failed or crashed. */
    public int publishPending() {
        int sent = 0;
        List<PendingAlert> page;
        do {
            page = store.pendingAlerts(PAGE);
            int before = sent;
            sent += publish(page);
            if (sent == before) break; // all claimed elsewhere: their holders will finish them
        } while (page.size() == PAGE);
        return sent;
    }
}
