package dev.cronwatch.local;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.port.AlertOutbox;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.handlers.ClockHandler;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Local mode's EventBridge: the clock handler once a minute on the real clock, or, with a manual
 * clock, the ticks of every minute a move of time passes over, in order and each complete (its
 * judgements applied, its alerts published) before the next.
 */
final class LocalTicker implements AutoCloseable {
    /** Minutes with nothing due are skipped, but a minute is repeated while something is still due at it. */
    private static final int MAX_REPEATS_OF_A_MINUTE = 20;
    private static final Duration LATE = Duration.ofMinutes(1);

    private final ClockHandler clockHandler;
    private final DecisionStore decisions;
    private final AlertOutbox outbox;
    /** The system clock, or a {@link ManualClock} that only this ticker moves. */
    private final Clock clock;
    private final QueuePump pump;
    private final PrintStream console;
    private ScheduledExecutorService scheduler;
    private Instant lastTick;

    LocalTicker(ClockHandler clockHandler, DecisionStore decisions, AlertOutbox outbox, Clock clock, QueuePump pump, PrintStream console) {
        this.clockHandler = clockHandler;
        this.decisions = decisions;
        this.outbox = outbox;
        this.clock = clock;
        this.pump = pump;
        this.console = console;
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
        scheduler.scheduleAtFixedRate(this::tickNow, delay, 60_000, TimeUnit.MILLISECONDS);
    }

    /** One tick of the real clock, for the minute it is now; warns when it comes more than a minute late. */
    void tickNow() {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        if (lastTick != null && Duration.between(lastTick.plus(LATE), minute).compareTo(LATE) >= 0) {
            console.printf("cronwatch: WARNING the clock is late: last tick %s, now %s (was the machine asleep?)%n",
                    lastTick, now);
        }
        lastTick = minute;
        try {
            ClockService.TickResult result = clockHandler.tick(minute);
            result.failures().forEach(f -> console.println("cronwatch: WARNING tick " + minute + ": " + f));
        } catch (RuntimeException e) {
            console.println("cronwatch: WARNING tick " + minute + " failed: " + e);
        }
    }

    /**
     * Moves a manual clock to {@code target}: applies every check-in received so far, then runs the
     * tick of each whole minute in (now, target] at which something is due, then sets the time.
     * Returns the number of ticks run; a tick that reports a failure stops the move (and says why).
     */
    synchronized int advanceTo(Instant target) {
        Instant from = clock.instant();
        refuseBackwards(target);
        pump.drain();
        int ticks = 0;
        Instant minute = from.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        // something already due (deadlines reached before, left for this tick) is judged at the first minute
        Optional<Instant> next = dueAt(minute) ? Optional.of(minute) : nextTickAfter(from, target);
        while (next.isPresent() && !next.get().isAfter(target)) {
            Instant at = next.get();
            setTime(at);
            ticks++;
            boolean retriesAlerts = alertWaitsUntil(at);
            for (int repeat = 0; repeat < MAX_REPEATS_OF_A_MINUTE && (retriesAlerts || dueAt(at)); repeat++) {
                retriesAlerts = false;
                ClockService.TickResult result = clockHandler.tick(at);
                // a publish that fails is the alert's to retry, later: only the judging must not fail
                if (!result.failures().isEmpty() && result.alerts().failures().size() < result.failures().size()) {
                    throw new IllegalStateException("tick " + at + " failed: " + result.failures());
                }
                pump.drain();
            }
            next = nextTickAfter(at, target);
        }
        setTime(target);
        return ticks;
    }

    boolean isManual() {
        return clock instanceof ManualClock;
    }

    /** Moves a manual clock without ticking; backwards is refused. */
    synchronized void setTime(Instant instant) {
        if (!(clock instanceof ManualClock manual)) throw new IllegalStateException("the clock is not manual");
        refuseBackwards(instant);
        manual.set(instant);
    }

    private void refuseBackwards(Instant target) {
        if (target.isBefore(clock.instant())) throw new IllegalArgumentException("time cannot move backwards");
    }

    private boolean dueAt(Instant minute) {
        return !decisions.findDue(minute, null, 1).items().isEmpty();
    }

    /** An alert whose next publish attempt has come by {@code minute} (a retry after a failed publish). */
    private boolean alertWaitsUntil(Instant minute) {
        return !outbox.alertsDue(minute, 1).isEmpty();
    }

    /**
     * The next minute after {@code after} with a deadline due or an alert to retry, as the real clock
     * would reach them; minutes with neither are skipped.
     */
    private Optional<Instant> nextTickAfter(Instant after, Instant target) {
        Optional<Instant> deadline = nextDueMinute(after);
        Instant nextMinute = after.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        // the index lists each shard in time order, not all of them: the earliest of a page
        Optional<Instant> retry = outbox.alertsDue(target, 100).stream().map(PendingAlert::nextAttemptAt)
                .min(Comparator.naturalOrder()).map(LocalTicker::ceilingMinute)
                .map(m -> m.isAfter(after) ? m : nextMinute);
        if (retry.isEmpty()) return deadline;
        if (deadline.isEmpty()) return retry;
        return Optional.of(retry.get().isBefore(deadline.get()) ? retry.get() : deadline.get());
    }

    private static Instant ceilingMinute(Instant instant) {
        Instant minute = instant.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(instant) ? minute : minute.plus(1, ChronoUnit.MINUTES);
    }

    /** The first whole minute strictly after {@code after} at which some deadline has come. */
    private Optional<Instant> nextDueMinute(Instant after) {
        return decisions.nextDeadlineAfter(after).map(deadline -> {
            Instant minute = deadline.truncatedTo(ChronoUnit.MINUTES);
            return minute.equals(deadline) ? minute : minute.plus(1, ChronoUnit.MINUTES);
        }).map(m -> m.isAfter(after) ? m : after.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
    }

    /** Runs the clock for one minute without applying the queue first (the e2e suite's hook). */
    ClockService.TickResult tick(Instant at) {
        return clockHandler.tick(at);
    }

    @Override
    public void close() {
        if (scheduler != null) scheduler.shutdownNow();
    }
}
