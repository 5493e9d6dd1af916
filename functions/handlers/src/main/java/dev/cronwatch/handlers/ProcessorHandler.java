package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.sqs.CheckInMessageCodec;
import dev.cronwatch.adapters.sqs.DeadLetterQueue;
import dev.cronwatch.adapters.sqs.MalformedMessageException;
import dev.cronwatch.core.ingest.CheckInMessage;
import dev.cronwatch.core.service.ProcessorService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's consumer: applies a FIFO batch in order and reports partial failures. Once a message of
 * a group fails, every later message of that group is reported too, so a group is never reordered.
 * A message that cannot be applied (unreadable, or failing {@link #MAX_ATTEMPTS} times) is poison: it
 * is forwarded to the dead-letter queue by this handler and its group goes on. (Leaving it to SQS
 * redrive would dead-letter the later messages of its group as well, as they are received as often.)
 */
public final class ProcessorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    static final int MAX_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(ProcessorHandler.class);

    private final ProcessorService processor;
    private final DeadLetterQueue deadLetters;
    private final CheckInMessageCodec codec = new CheckInMessageCodec();

    public ProcessorHandler() {
        this(Wiring.services().processor(), Wiring.instance().deadLetters());
    }

    public ProcessorHandler(ProcessorService processor, DeadLetterQueue deadLetters) {
        this.processor = processor;
        this.deadLetters = deadLetters;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Set<String> failedGroups = new HashSet<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            String group = attribute(record, "MessageGroupId");
            if (failedGroups.contains(group)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                continue;
            }
            if (!applied(record, group)) {
                failedGroups.add(group);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        log.info("processed {} message(s), {} reported for retry", event.getRecords().size(), failures.size());
        return new SQSBatchResponse(failures);
    }

    /** False when the message should be retried; poison is forwarded and counts as handled. */
    private boolean applied(SQSEvent.SQSMessage record, String group) {
        CheckInMessage message;
        try {
            message = codec.decode(record.getBody());
        } catch (MalformedMessageException e) {
            return forward(record, group, "unreadable: " + e.getMessage());
        }
        try {
            var result = processor.apply(message);
            var decision = result.decision();
            if (decision.duplicate()) {
                log.info("message {} for {} already applied", message.messageId(), message.monitor());
            } else if (decision.processingError() != null) {
                log.info("check-in {} for {} dropped: {}", message.checkInId(), message.monitor(),
                        decision.processingError().type());
            } else {
                log.info("check-in {} for {} applied ({} alert(s) sent)", message.checkInId(), message.monitor(),
                        result.alerts().sent());
            }
            result.alerts().failures().forEach(f -> log.warn("alert not published yet, the clock will retry: {}", f));
            return true;
        } catch (RuntimeException e) {
            int attempts = receiveCount(record);
            if (attempts >= MAX_ATTEMPTS) {
                log.error("message {} failed {} times, forwarding to the dead-letter queue", record.getMessageId(), attempts, e);
                return forward(record, group, attempts + " attempts failed: " + e);
            }
            log.warn("message {} failed (attempt {}), will retry: {}", record.getMessageId(), attempts, e.toString());
            return false;
        }
    }

    private boolean forward(SQSEvent.SQSMessage record, String group, String reason) {
        deadLetters.forward(record.getBody(), group, attribute(record, "MessageDeduplicationId"), reason);
        log.error("poison message {} moved to the dead-letter queue: {}", record.getMessageId(), reason);
        return true;
    }

    private static int receiveCount(SQSEvent.SQSMessage record) {
        try {
            return Integer.parseInt(attribute(record, "ApproximateReceiveCount"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String attribute(SQSEvent.SQSMessage record, String name) {
        return record.getAttributes() == null ? "" : record.getAttributes().getOrDefault(name, "");
    }
}
