package dev.cronwatch.local;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.port.AlertPublisher;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.handlers.ProcessorEvents;
import dev.cronwatch.handlers.Services;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What AWS can do to a {@link LocalSystem} that a user cannot, for the e2e suite and the benchmarks:
 * pause or redeliver the queue, cut the clock off, fail alert publishing, move the manual clock
 * without ticking, and hear what the processor applied.
 */
public final class LocalControls {
    /** Who hears each applied message and published alert after the console; the benchmarks set them. */
    static final class Listeners {
        volatile ProcessorEvents applied = ProcessorEvents.NONE;
        volatile AlertPublisher published = alert -> { };
    }

    private final QueuePump pump;
    private final LocalTicker ticker;
    private final LocalClock clock;
    private final InjectedFaults faults;
    private final ProcessedCounts processed;
    private final Notifications notifications;
    private final Listeners listeners;
    private final Backends backends;
    private final Services services;

    LocalControls(QueuePump pump, LocalTicker ticker, LocalClock clock, InjectedFaults faults, ProcessedCounts processed,
                  Notifications notifications, Listeners listeners, Backends backends, Services services) {
        this.pump = pump;
        this.ticker = ticker;
        this.clock = clock;
        this.faults = faults;
        this.processed = processed;
        this.notifications = notifications;
        this.listeners = listeners;
        this.backends = backends;
        this.services = services;
    }

    /** Stops (or restarts) the processor, as a throttled or failing Lambda would. */
    public void pauseProcessor(boolean paused) {
        pump.pause(paused);
    }

    /** Every batch is handed to the processor twice before deletion, as SQS redelivery does. */
    public void deliverEveryBatchTwice(boolean twice) {
        pump.deliverTwice(twice);
    }

    /** Runs the clock handler for one minute without applying the queue first. */
    public ClockService.TickResult tickWithoutDraining(Instant minute) {
        try {
            return ticker.tick(minute);
        } finally {
            faults.tickEnded();
        }
    }

    /** Sets the manual clock without ticking, so check-ins can arrive at chosen times. */
    public void setTime(Instant now) {
        clock.set(now);
    }

    public void drainQueue() {
        pump.drain();
    }

    /** Publishing the alerts {@code which} matches fails from now on, as SNS failing would; null: none. */
    public void failAlertPublishing(Predicate<PendingAlert> which) {
        faults.failAlerts(which);
    }

    /**
     * The clock's next tick queues only {@code judgements} judgements and then fails, as an
     * invocation cut off by its timeout would.
     */
    public void cutOffClockAfter(int judgements) {
        faults.cutOffClockAfter(judgements);
    }

    /**
     * While on, each message's first batch is processed but not deleted, as by a worker dying in
     * between: SQS redelivers it after the visibility timeout.
     */
    public void dieBeforeDeleting(boolean die) {
        pump.dieBeforeDeleting(die);
    }

    public int batchesNotDeleted() {
        return pump.batchesNotDeleted();
    }

    /** How many messages the processor handled, by what it did with them (duplicates refused included). */
    public Map<ProcessorService.MessageOutcome.Kind, Integer> processed() {
        return processed.snapshot();
    }

    /** The alerts published so far, oldest first, as {@code GET /_local/notifications} lists them. */
    public List<Map<String, Object>> notifications() {
        return notifications.all();
    }

    /** Benchmarks hear every message the processor applied (after the console), as it is committed. */
    public void onApplied(ProcessorEvents listener) {
        listeners.applied = listener;
    }

    /** Benchmarks hear every alert published (after the console and the kept list). */
    public void onPublished(AlertPublisher listener) {
        listeners.published = listener;
    }

    public Backends backends() {
        return backends;
    }

    public Services services() {
        return services;
    }
}
