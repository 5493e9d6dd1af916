package dev.cronwatch.core.port;

import dev.cronwatch.core.ingest.CheckInMessage;

/** The FIFO queue between ingest and the processor, one message group per monitor. */
public interface CheckInQueue {
    /** {@code deduplicationId} identifies the request: the same id within five minutes is kept once. */
    void send(CheckInMessage message, String deduplicationId);
}
