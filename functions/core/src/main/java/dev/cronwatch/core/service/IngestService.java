package dev.cronwatch.core.service;

import dev.cronwatch.core.ingest.CheckInCommand;
import dev.cronwatch.core.ingest.CheckInMessage;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.MonitorStore;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Accepts a validated check-in: stamps its receive time, gives it its final id, enqueues it and
 * records that the monitor has a message waiting (the clock's backlog guard).
 */
public final class IngestService {
    private final CheckInQueue queue;
    private final MonitorStore store;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public IngestService(CheckInQueue queue, MonitorStore store, Clock clock, Supplier<UUID> ids) {
        this.queue = queue;
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    /** Returns the check-in id the client is told. */
    public String accept(CheckInCommand command) {
        Instant receivedAt = clock.instant();
        String dedupId = command.deduplicationId(receivedAt);
        // The id of a new "latest" check-in is derived from the request, so a retry de-duplicated
        // by the queue answers with the same id.
        String newId = command.isLatest()
                ? UUID.nameUUIDFromBytes(dedupId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString()
                : null;
        CheckInMessage message = command.toMessage(ids.get().toString(), newId, receivedAt);
        queue.send(message, dedupId);
        // After the send: a failure here costs only the backlog guard for this one message, whereas
        // a marker for a message never sent would hold back this monitor's misses indefinitely.
        store.recordEnqueued(message.monitor(), receivedAt);
        return message.checkInId();
    }
}
