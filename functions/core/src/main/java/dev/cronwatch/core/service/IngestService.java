package dev.cronwatch.core.service;

import dev.cronwatch.core.ingest.CheckInCommand;
import dev.cronwatch.core.ingest.PingCommand;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.rules.CheckInIds;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Accepts a validated check-in: stamps its receive time, gives it its final id and enqueues it. It
 * writes nothing else: the queue's order is what keeps the clock from judging a deadline while a
 * check-in for it still waits.
 */
public final class IngestService {
    private final CheckInQueue queue;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public IngestService(CheckInQueue queue, Clock clock, Supplier<UUID> ids) {
        this.queue = queue;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Returns the check-in id the client is told. A check-in for {@code latest} may start a run, so a
     * run id is made for it ({@link CheckInIds#newRun}); one naming its run needs none. Receive times are
     * whole milliseconds, as they are stored.
     */
    public String accept(CheckInCommand command) {
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String newRun = command.isLatest() ? CheckInIds.newRun(ids) : null;
        CheckInMessage message = command.toMessage(ids.get().toString(), newRun, receivedAt);
        queue.send(message, command.deduplicationId(receivedAt));
        return message.checkInId();
    }

    /** A Healthchecks ping, resolved to its monitor: queued as a check-in is. */
    public void acceptPing(PingCommand command) {
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String newRun = command.isLatest() ? CheckInIds.newRun(ids) : null;
        queue.send(command.toMessage(ids.get().toString(), newRun, receivedAt), command.deduplicationId(receivedAt));
    }

    /** A check-in that always starts a run of its own ({@code POST …/checkins/}): its id is made here. */
    public String startRun(CheckInCommand command) {
        return accept(command.withCheckInId(CheckInIds.newRun(ids)));
    }
}
