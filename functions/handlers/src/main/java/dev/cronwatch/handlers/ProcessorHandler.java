package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.sqs.DeadLetterQueue;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.queue.QueueMessage;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.handlers.usecases.JudgingServices;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The queue's consumer: a FIFO batch in order ({@link FifoBatch}), each message read and its failure sorted by {@link MessageTriage}. */
public final class ProcessorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger log = LoggerFactory.getLogger(ProcessorHandler.class);

    private final ProcessorService processor;
    private final MessageTriage triage;
    private final ProcessorEvents events;
    private final Metrics metrics;

    public ProcessorHandler() {
        this(JudgingServices.processor(Wiring.instance().ports()), Wiring.instance().deadLetters(),
                Wiring.instance().processorEvents(), Wiring.instance().ports().metrics());
    }

    public ProcessorHandler(ProcessorService processor, DeadLetterQueue deadLetters, ProcessorEvents events,
                            Metrics metrics) {
        this.processor = processor;
        this.triage = new MessageTriage(processor, deadLetters, metrics);
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        LogContext.begin(context);
        try {
            SQSBatchResponse response = FifoBatch.process(event.getRecords(), this::handle, FifoBatch.timeLeft(context));
            log.info("processed {} message(s), {} reported back", event.getRecords().size(),
                    response.getBatchItemFailures().size());
            return response;
        } finally {
            metrics.flush();
            LogContext.end();
        }
    }

    private boolean handle(SQSEvent.SQSMessage record) {
        Optional<QueueMessage> read = triage.readOrSetAside(record);
        if (read.isEmpty()) return true;
        QueueMessage message = read.get();
        LogContext.monitor(message.monitor());
        try {
            var applied = processor.apply(message, FifoBatch.attribute(record, "SequenceNumber"));
            log.info("message {}: {}", record.getMessageId(), applied.kind());
            applied.alerts().failures().forEach(f -> log.warn("alert not published yet, the sweep retries it: {}", f));
            events.applied(message, applied);
            return true;
        } catch (RuntimeException e) {
            return triage.failed(record, message, e);
        } finally {
            LogContext.clearMonitor();
        }
    }
}
