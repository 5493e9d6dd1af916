package dev.cronwatch.handlers;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.port.Metric;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.QueueMessage;
import dev.cronwatch.core.service.ProcessorService.MessageOutcome;
import java.time.Clock;
import java.time.Duration;

/**
 * The processor's figures, from what each message did: check-ins applied and how long after their
 * receipt, processing errors, misses and timeouts the judgements found, incidents opened and resolved,
 * alerts published or given up. A duplicate counts nothing: its first delivery was counted.
 */
final class ProcessorMetrics implements ProcessorEvents {
    private final Metrics metrics;
    private final Clock clock;

    ProcessorMetrics(Metrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void applied(QueueMessage message, MessageOutcome applied) {
        switch (applied.kind()) {
            case APPLIED -> {
                metrics.count(Metric.CHECK_INS_APPLIED);
                metrics.add(Metric.APPLY_LAG_MS, lagMillis((CheckInMessage) message));
                // applied with a config that was ignored: still an error its user must see
                if (applied.changes().processingError() != null) metrics.count(Metric.PROCESSING_ERRORS);
            }
            case REJECTED -> metrics.count(Metric.PROCESSING_ERRORS);
            case JUDGED -> {
                addIfAny(Metric.MISSES_DETECTED, checkIns(applied.changes(), CheckInStatus.MISSED));
                addIfAny(Metric.TIMEOUTS_DETECTED, checkIns(applied.changes(), CheckInStatus.TIMEOUT));
            }
            case DUPLICATE, NOTHING_DUE -> {
                return;
            }
        }
        for (Incident incident : applied.changes().incidents()) {
            metrics.count(incident.isOpen() ? Metric.INCIDENTS_OPENED : Metric.INCIDENTS_RESOLVED);
        }
        addIfAny(Metric.ALERTS_PUBLISHED, applied.alerts().sent());
        addIfAny(Metric.ALERTS_FAILED, applied.alerts().givenUp());
    }

    /** Counts of nothing are left out: a batch of heartbeats would otherwise write lines of zeros. */
    private void addIfAny(Metric metric, long count) {
        if (count > 0) metrics.add(metric, count);
    }

    /** Never negative: a receive time ahead of this clock (clocks of two hosts) counts as no lag. */
    private long lagMillis(CheckInMessage message) {
        return Math.max(0, Duration.between(message.receivedAt(), clock.instant()).toMillis());
    }

    /** A judgement's check-ins of one status; a check-in message closing a timed-out run is not a new timeout. */
    private static long checkIns(Changes changes, CheckInStatus status) {
        return changes.checkIns().stream().map(CheckIn::status).filter(status::equals).count();
    }
}
