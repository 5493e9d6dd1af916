package dev.cronwatch.core.port;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingError;
import java.time.Instant;
import java.util.List;

/**
 * Alerts committed with the decision that raised them ({@link DecisionStore#commit}), waiting to be
 * published: a publisher that fails leaves them here to be tried again.
 */
public interface AlertOutbox {

    /** Alerts whose {@code nextAttemptAt} has come, oldest due first. */
    List<PendingAlert> alertsDue(Instant now, int limit);

    /**
     * Takes a due alert for publishing by moving its {@code nextAttemptAt} to {@code until}, on the
     * condition that it is still as it was read: two sweeps cannot both take it, and a sent one is gone.
     */
    boolean claimAlert(PendingAlert alert, Instant until);

    /** True while the alert waits in the outbox (not sent, not given up). */
    boolean alertPending(MonitorKey monitor, String alertId);

    void alertSent(PendingAlert alert);

    /** Puts the alert back to wait: {@code alert} carries its attempts so far and when to try again. */
    void alertRetryLater(PendingAlert alert);

    /** Stops retrying the alert and records why, as a processing error of its monitor. */
    void alertGivenUp(PendingAlert alert, ProcessingError error);
}
