package dev.cronwatch.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.handlers.ClockHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.joda.time.DateTime;

/**
 * Local mode's EventBridge: the clock handler once a minute on the real clock, or, with a manual
 * clock, the ticks of every minute a move of time passes over, in order and each complete before the next.
 */
final class LocalTicker implements AutoCloseable {
    /** Minutes with nothing due are skipped, but a minute is repeated while its tick still changes things. */
    private static final int MAX_REPEATS_OF_A_MINUTE = 20;

    private final ClockHandler clockHandler;
    private final MonitorStore store;
    private final LocalClock clock;
    private final QueuePump pump;
    private ScheduledExecutorService scheduler;

    LocalTicker(ClockHandler clockHandler, MonitorStore store, LocalClock clock, QueuePump pump) {
        this.clockHandler = clockHandler;
        this.store = store;
        this.clock = clock;
        this.pump = pump;
    }

    /** Real clock: tick at every whole minute, a moment after it so the minute's check-ins are in. */
    void startEveryMinute() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clock");
            t.setDaemon(true);
            return t;
        });
        Instant now = clock.instant();
        long delay = Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(61)).toMillis();
        scheduler.scheduleAtFixedRate(() -> {
            try {
                tick(clock.instant().truncatedTo(ChronoUnit.MINUTES));
            } catch (RuntimeException e) {
                System.err.println("clock tick failed: " + e);
            }
        }, delay, 60_000, TimeUnit.MILLISECONDS);
    }

    /**
     * Moves a manual clock to {@code target}: applies every check-in received so far, then runs the
     * tick of each whole minute in (now, target] at which something is due, then sets the time.
     * Returns the number of ticks run.
     */
    synchronized int advanceTo(Instant target) {
        Instant from = clock.instant();
        if (target.isBefore(from)) throw new IllegalArgumentException("time cannot move backwards");
        pump.drain();
        int ticks = 0;
        Instant minute = from.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        // something already due (deadlines reached before, left for this tick) is judged at the first minute
        Optional<Instant> next = store.findDue(minute, null, 1).items().isEmpty()
                ? nextDueMinute(from) : Optional.of(minute);
        while (next.isPresent() && !next.get().isAfter(target)) {
            Instant at = next.get();
            clock.set(at);
            ticks++;
            for (int repeat = 0; repeat < MAX_REPEATS_OF_A_MINUTE; repeat++) {
                if (changed(tick(at)) == 0) break;
            }
            next = nextDueMinute(at);
        }
        clock.set(target);
        return ticks;
    }

    /** The first whole minute strictly after {@code after} at which some deadline has come. */
    private Optional<Instant> nextDueMinute(Instant after) {
        return store.nextDeadlineAfter(after).map(deadline -> {
            Instant minute = deadline.truncatedTo(ChronoUnit.MINUTES);
            return minute.equals(deadline) ? minute : minute.plus(1, ChronoUnit.MINUTES);
        }).map(m -> m.isAfter(after) ? m : after.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
    }

    Map<String, Object> tick(Instant at) {
        ScheduledEvent event = new ScheduledEvent();
        event.setSource("aws.events");
        event.setDetailType("Scheduled Event");
        event.setTime(new DateTime(at.toEpochMilli()));
        return clockHandler.handleRequest(event, null);
    }

    private static int changed(Map<String, Object> summary) {
        return ((Number) summary.get("changed")).intValue();
    }

    @Override
    public void close() {
        if (scheduler != null) scheduler.shutdownNow();
    }
}
