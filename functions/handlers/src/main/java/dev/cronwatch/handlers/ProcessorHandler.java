package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.aws.Failures;
import dev.cronwatch.adapters.sqs.DeadLetterQueue;
import dev.cronwatch.adapters.sqs.MalformedMessageException;
import dev.cronwatch.adapters.sqs.QueueMessageCodec;
import dev.cronwatch.core.queue.QueueMessage;
import dev.cronwatch.core.service.ProcessorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's consumer: applies a FIFO batch in order ({@link FifoBatch}). A message that cannot be
 * applied is set aside in the dead-letter queue and its group goes on: at once when it cannot be
 * read, after {@link #MAX_OWN_FAILURES} failures of its own otherwise. Failures of our surroundings
 * (throttling, outages) are retried without counting, and a message held back behind a failing one
 * has not failed at all: neither ever sends a good message to the dead-letter queue.
 */
public final class ProcessorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    static final int MAX_OWN_FAILURES = 3;
    /** Left for reporting back what was not done, before Lambda cuts the invocation off. */
    private static final long RESERVE_MILLIS = 5_000;
    private static final Logger log = LoggerFactory.getLogger(ProcessorHandler.class);

    private final ProcessorService processor;
    private final DeadLetterQueue deadLetters;
    private final ProcessorEvents events;
    private final QueueMessageCodec codec = new QueueMessageCodec();

    public ProcessorHandler() {
        this(Wiring.services().processor(), Wiring.instance().deadLetters(), ProcessorEvents.NONE);
    }

    public ProcessorHandler(ProcessorService processor, DeadLetterQueue deadLetters, ProcessorEvents events) {
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.events = events;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        SQSBatchResponse response = FifoBatch.process(event.getRecords(), this::handle,
                () -> context == null || context.getRemainingTimeInMillis() > RESERVE_MILLIS);
        log.info("processed {} message(s), {} reported back", event.getRecords().size(),
                response.getBatchItemFailures().size());
        return response;
    }

    private boolean handle(SQSEvent.SQSMessage record) {
        QueueMessage message;
        try {
            message = codec.decode(record.getBody());
        } catch (MalformedMessageException e) {
            return setAside(record, "unreadable: " + e.getMessage());
        }
        try {
            var applied = processor.apply(message, FifoBatch.attribute(record, "SequenceNumber"));
            log.info("message {} for {}: {}", record.getMessageId(), message.monitor(), applied.kind());
            applied.alerts().failures().forEach(f -> log.warn("alert not published yet, the sweep retries it: {}", f));
            events.applied(message, applied);
            return true;
        } catch (RuntimeException e) {
            return failed(record, message, e);
        }
    }

    private boolean failed(SQSEvent.SQSMessage record, QueueMessage message, RuntimeException e) {
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

    private boolean setAside(SQSEvent.SQSMessage record, String reason) {
        deadLetters.forward(record.getBody(), FifoBatch.groupOf(record),
                FifoBatch.attribute(record, "MessageDeduplicationId"), reason);
        log.error("message {} moved to the dead-letter queue: {}", record.getMessageId(), reason);
        return true;
    }
}
