package dev.cronwatch.core.queue;

import dev.cronwatch.core.monitor.MonitorKey;

/**
 * What travels on the FIFO queue, one message group per monitor: the monitor's check-ins and the
 * clock's requests to judge its deadlines, applied in the order they were sent.
 */
public sealed interface QueueMessage permits CheckInMessage, Judgement {
    MonitorKey monitor();

    String environmentOrDefault();
}
