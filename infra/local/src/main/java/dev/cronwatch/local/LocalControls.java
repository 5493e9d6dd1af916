package dev.cronwatch.local;

import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.handlers.usecases.Ports;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a user cannot do to a {@link LocalSystem} and the e2e suite and the benchmarks need: pause the
 * processor, tick or drain by hand, move the manual clock without ticking, read what was processed
 * and published. AWS's faults come in through {@link LocalSystem.Seam}.
 */
public final class LocalControls {
    private final QueuePump pump;
    private final LocalTicker ticker;
    private final Runnable tickEnded;
    private final ProcessedCounts processed;
    private final Notifications notifications;
    private final Backends backends;
    private final Ports ports;

    LocalControls(QueuePump pump, LocalTicker ticker, Runnable tickEnded, ProcessedCounts processed,
                  Notifications notifications, Backends backends, Ports ports) {
        this.pump = pump;
        this.ticker = ticker;
        this.tickEnded = tickEnded;
        this.processed = processed;
        this.notifications = notifications;
        this.backends = backends;
        this.ports = ports;
    }

    /** Stops (or restarts) the processor, as a throttled or failing Lambda would. */
    public void pauseProcessor(boolean paused) {
        pump.pause(paused);
    }

    /** Runs the clock handler for one minute without applying the queue first. */
    public ClockService.TickResult tickWithoutDraining(Instant minute) {
        try {
            return ticker.tick(minute);
        } finally {
            tickEnded.run();
        }
    }

    /** Sets the manual clock without ticking, so check-ins can arrive at chosen times. */
    public void setTime(Instant now) {
        ticker.setTime(now);
    }

    public void drainQueue() {
        pump.drain();
    }

    /** How many messages the processor handled, by what it did with them (duplicates refused included). */
    public Map<ProcessorService.MessageOutcome.Kind, Integer> processed() {
        return processed.snapshot();
    }

    /** The alerts published so far, oldest first, as {@code GET /_local/notifications} lists them. */
    public List<Map<String, Object>> notifications() {
        return notifications.all();
    }

    public Backends backends() {
        return backends;
    }

    /** What the system's functions were built from: its stores, tenants and clock. */
    public Ports ports() {
        return ports;
    }
}
