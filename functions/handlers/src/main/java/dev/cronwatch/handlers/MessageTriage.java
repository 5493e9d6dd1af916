package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.aws.Failures;
import dev.cronwatch.adapters.sqs.DeadLetterQueue;
import dev.cronwatch.adapters.sqs.MalformedMessageException;
import dev.cronwatch.adapters.sqs.QueueMessageCodec;
import dev.cronwatch.core.port.Metric;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.queue.QueueMessage;
import dev.cronwatch.core.service.ProcessorService;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each queue message, and decides what becomes of one that cannot be read or that the processor
 * could not apply. One that cannot be read is set aside at once. A failure of our surroundings
 * (throttling, an outage) is retried without counting; a failure of the message's own is counted, and
 * after {@link #MAX_OWN_FAILURES} of them the message is set aside in the dead-letter queue so that its
 * group goes on. A message held back behind a failing one has not failed at all (it is never tried),
 * so no good message ever reaches the dead-letter queue.
 */
final class MessageTriage {
    static final int MAX_OWN_FAILURES = 3;
    private static final Logger log = LoggerFactory.getLogger(MessageTriage.class);

    private final ProcessorService processor;
    private final DeadLetterQueue deadLetters;
    private final Metrics metrics;
    private final QueueMessageCodec codec = new QueueMessageCodec();

    MessageTriage(ProcessorService processor, DeadLetterQueue deadLetters, Metrics metrics) {
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** True when the message is done with (set aside); false to report it back for another try. */
    boolean failed(SQSEvent.SQSMessage record, QueueMessage message, RuntimeException e) {
        try {
            if (Failures.isTransient(e)) {
                log.warn("message {} for {} failed, retried without counting: {}", record.getMessageId(),
                        message.monitor(), e.toString());
                return false;
            }
            int failures = processor.countFailure(message, record.getMessageId());
            if (failures < MAX_OWN_FAILURES) {
                log.warn("message {} for {} failed ({} of {}): {}", record.getMessageId(), message.monitor(),
                        failures, MAX_OWN_FAILURES, e.toString(), e);
                return false;
            }
            return setAside(record, failures + " failures: " + e);
        } catch (RuntimeException whileCounting) {
            log.warn("message {}: could not count its failure, retried: {}", record.getMessageId(), whileCounting.toString());
            return false;
        }
    }

    /** The message, or empty when it cannot be read: then it is set aside at once. */
    Optional<QueueMessage> readOrSetAside(SQSEvent.SQSMessage record) {
        try {
            return Optional.of(codec.decode(record.getBody()));
        } catch (MalformedMessageException e) {
            setAside(record, "unreadable: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Forwards the message, as received, to the dead-letter queue with the reason; its group goes on. */
    private boolean setAside(SQSEvent.SQSMessage record, String reason) {
        deadLetters.forward(record.getBody(), FifoBatch.groupOf(record),
                FifoBatch.attribute(record, "MessageDeduplicationId"), reason);
        metrics.count(Metric.DEAD_LETTER_FORWARDS);
        log.error("message {} moved to the dead-letter queue: {}", record.getMessageId(), reason);
        return true;
    }
}
