package dev.cronwatch.handlers;

import dev.cronwatch.core.queue.QueueMessage;
import dev.cronwatch.core.service.ProcessorService;

/**
 * Who hears what the processor did with each message: the metrics on AWS, the console in local mode.
 * Called after the message's writes are committed; a listener must not throw.
 */
@FunctionalInterface
public interface ProcessorEvents {
    ProcessorEvents NONE = (message, applied) -> { };

    void applied(QueueMessage message, ProcessorService.MessageOutcome applied);

    /** Tells this listener, then {@code next}. */
    default ProcessorEvents andThen(ProcessorEvents next) {
        return (message, applied) -> {
            applied(message, applied);
            next.applied(message, applied);
        };
    }
}
