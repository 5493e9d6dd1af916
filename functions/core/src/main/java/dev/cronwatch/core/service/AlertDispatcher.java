package dev.cronwatch.core.service;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import dev.cronwatch.core.port.AlertOutbox;
import dev.cronwatch.core.port.AlertPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes alerts from the outbox. The worker that commits an alert publishes it right away; it
 * holds the alert for {@link #HOLD} so that no sweep takes it meanwhile. A publish that fails is
 * retried by the clock's sweep with growing pauses, each alert on its own, so one that keeps failing
 * never holds back another; after {@link #MAX_ATTEMPTS} it is given up, kept, and shown as a
 * processing error of its monitor. An incident's resolution is never published before its opening.
 * Delivery is at least once: a crash between the publish and its bookkeeping sends it again.
 */
public final class AlertDispatcher {
    static final Duration HOLD = Duration.ofSeconds(60);
    static final int MAX_ATTEMPTS = 16;
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(30);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);

    private final AlertOutbox outbox;
    private final AlertPublisher publisher;
    private final Clock clock;

    public AlertDispatcher(AlertOutbox outbox, AlertPublisher publisher, Clock clock) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Alerts about to be committed, held for the worker that commits them. */
    public List<PendingAlert> hold(List<PendingAlert> alerts) {
        Instant until = clock.instant().plus(HOLD);
        return alerts.stream().map(a -> a.heldUntil(until)).toList();
    }

    /** Publishes alerts this worker has just committed (and therefore holds). */
    public Result publishNew(List<PendingAlert> alerts) {
        Result result = new Result();
        for (PendingAlert alert : alerts) publishOne(alert, result);
        return result;
    }

    /** The clock's sweep: every alert whose time has come, taken one by one. */
    public Result retryDue(int limit) {
        Result result = new Result();
        Instant now = clock.instant();
        for (PendingAlert alert : outbox.alertsDue(now, limit)) {
            if (!outbox.claimAlert(alert, now.plus(HOLD))) continue; // another sweep took it, or it was sent
            publishOne(alert, result);
        }
        return result;
    }

    private void publishOne(PendingAlert alert, Result result) {
        try {
            String before = alert.predecessorId();
            if (before != null && outbox.alertPending(alert.monitor(), before)) {
                outbox.alertRetryLater(alert.heldUntil(clock.instant().plus(FIRST_PAUSE)));
                result.waiting++;
                return;
            }
            try {
                publisher.publish(alert);
            } catch (RuntimeException e) {
                failed(alert, e, result);
                return;
            }
            outbox.alertSent(alert);
            result.sent++;
        } catch (RuntimeException bookkeeping) {
            // The outbox still holds it: the sweep takes it when the hold runs out.
            result.failures.add(alert.id() + ": " + bookkeeping);
        }
    }

    private void failed(PendingAlert alert, RuntimeException e, Result result) {
        Instant now = clock.instant();
        PendingAlert again = alert.failedOnce(now.plus(pauseAfter(alert.attempts() + 1)));
        result.failures.add(alert.id() + " (attempt " + again.attempts() + "): " + e);
        if (again.attempts() < MAX_ATTEMPTS) {
            outbox.alertRetryLater(again);
            result.retrying++;
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alert", alert.type().wireName());
        data.put("incidentId", alert.incidentId());
        data.put("attempts", again.attempts());
        data.put("error", String.valueOf(e.getMessage()));
        outbox.alertGivenUp(again, new ProcessingError("alert:" + alert.id(), alert.monitor(),
                ProcessingErrorType.ALERT_NOT_DELIVERED, data, null, now));
        result.givenUp++;
    }

    static Duration pauseAfter(int attempts) {
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(attempts - 1, 10));
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    /** What one round of publishing did; {@code failures} says what went wrong, for the log. */
    public static final class Result {
        private int sent;
        private int retrying;
        private int waiting;
        private int givenUp;
        private final List<String> failures = new ArrayList<>();

        public int sent() {
            return sent;
        }

        public int retrying() {
            return retrying;
        }

        public int waiting() {
            return waiting;
        }

        public int givenUp() {
            return givenUp;
        }

        public List<String> failures() {
            return List.copyOf(failures);
        }
    }
}
