package dev.cronwatch.core.service;

import dev.cronwatch.core.ingest.CheckInMessage;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.rules.CheckInContext;
import dev.cronwatch.core.rules.CheckInDecision;
import dev.cronwatch.core.rules.CheckInRules;
import java.util.List;

/** Applies queued check-ins to the store, each exactly once, then sends the alerts they raised. */
public final class ProcessorService {
    /** A conflict means the clock wrote the same environment meanwhile; a few retries settle it. */
    static final int MAX_ATTEMPTS = 5;

    private final MonitorStore store;
    private final CheckInRules rules;
    private final AlertDispatcher alerts;

    public ProcessorService(MonitorStore store, CheckInRules rules, AlertDispatcher alerts) {
        this.store = store;
        this.rules = rules;
        this.alerts = alerts;
    }

    /**
     * Applies one message. An alert that fails to publish does not fail the message: it is already
     * in the outbox and the next clock tick sends it.
     */
    public Applied apply(CheckInMessage message) {
        for (int attempt = 1; ; attempt++) {
            CheckInContext context = store.loadCheckInContext(
                    message.monitor(), message.environmentOrDefault(), message.latest() ? null : message.checkInId());
            CheckInDecision decision = rules.apply(message, context);
            if (decision.duplicate()) return new Applied(decision, new AlertDispatcher.Result(0, List.of()));
            if (store.commit(decision.changes())) {
                return new Applied(decision, alerts.publish(decision.changes().alerts()));
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new ConcurrentChangeException("gave up applying " + message.messageId() + " after "
                        + attempt + " conflicting writes");
            }
        }
    }

    public record Applied(CheckInDecision decision, AlertDispatcher.Result alerts) {
    }
}
