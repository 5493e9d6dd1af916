package dev.cronwatch.local;

import dev.cronwatch.core.queue.QueueMessage;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.handlers.ProcessorEvents;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the processor did with each message it handled, by kind (applied, judged, refused as a
 * duplicate…): the figures the fault-injection tests print next to what they sent.
 */
final class ProcessedCounts implements ProcessorEvents {
    private final EnumMap<ProcessorService.MessageOutcome.Kind, Integer> counts = new EnumMap<>(ProcessorService.MessageOutcome.Kind.class);

    @Override
    public synchronized void applied(QueueMessage message, ProcessorService.MessageOutcome applied) {
        counts.merge(applied.kind(), 1, Integer::sum);
    }

    synchronized Map<ProcessorService.MessageOutcome.Kind, Integer> snapshot() {
        return new EnumMap<>(counts);
    }
}
