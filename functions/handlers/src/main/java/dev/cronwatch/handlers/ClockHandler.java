package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.core.port.Metric;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.service.ClockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The minute tick from EventBridge Scheduler. The tick is the event's scheduled time, so a late
 * invocation judges the minute it was meant for. Before it queues judgements it lets the minute's
 * last check-ins reach the queue: the HTTP function stamps a check-in's receive time and sends it
 * within {@link AwsClients#SQS_CALL_TIMEOUT}, so after that long past the minute every check-in
 * received before it is queued ahead of the judgements.
 */
public final class ClockHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    public static final Duration INGEST_GRACE = AwsClients.SQS_CALL_TIMEOUT.plusSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(ClockHandler.class);

    private final ClockService clockService;
    private final Clock clock;
    private final Duration ingestGrace;
    private final Metrics metrics;
    /** Hears what the clock judged itself, as the processor's listener hears what the workers judge. */
    private final ProcessorEvents judgedHere;

    public ClockHandler() {
        this(Wiring.instance(), INGEST_GRACE);
    }

    public ClockHandler(Wiring wiring, Duration ingestGrace) {
        this(wiring.services().clockService(), wiring.services().clock(), ingestGrace, wiring.services().metrics(),
                wiring.processorEvents());
    }

    public ClockHandler(ClockService clockService, Clock clock, Duration ingestGrace, Metrics metrics,
                        ProcessorEvents judgedHere) {
        this.clockService = clockService;
        this.clock = clock;
        this.ingestGrace = ingestGrace;
        this.metrics = metrics;
        this.judgedHere = judgedHere;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        LogContext.begin(context);
        try {
            Instant tick = (event != null && event.getTime() != null
                    ? Instant.ofEpochMilli(event.getTime().getMillis()) : clock.instant()).truncatedTo(ChronoUnit.MINUTES);
            waitForIngest(tick);
            ClockService.TickResult result = tick(tick);
            // counted only once the tick has run: a clock that fails every minute raises the alarm
            metrics.count(Metric.TICKS);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("tick", result.tick().toString());
            summary.put("due", result.due());
            summary.put("queued", result.queued());
            summary.put("judgedHere", result.judgedHere().size());
            summary.put("alertsSent", result.alerts().sent());
            summary.put("failures", result.failures().size());
            return summary;
        } finally {
            metrics.flush();
            LogContext.end();
        }
    }

    /** One tick, logged and counted; local mode calls this directly to see what went wrong. */
    public ClockService.TickResult tick(Instant tick) {
        ClockService.TickResult result = clockService.tick(tick);
        result.failures().forEach(f -> log.error("tick {}: {}", result.tick(), f));
        result.judgedHere().forEach(j -> log.warn("tick {}: judged here, its deadline waited past the bound: {}",
                result.tick(), j));
        log.info("tick {}: {} due, {} judgement(s) queued, {} judged here, {} left for the next tick, {} alert(s) "
                        + "retried and sent", result.tick(), result.due(), result.queued(), result.judgedHere().size(),
                result.leftForNextTick(), result.alerts().sent());
        metrics.add(Metric.JUDGEMENTS_QUEUED, result.queued());
        metrics.add(Metric.JUDGEMENTS_DEFERRED, result.judgedHere().size());
        // what they found counts as the processor's would: a miss is in MissesDetected wherever it was judged
        result.judgedHere().forEach(j -> judgedHere.applied(j.judgement(), j.applied()));
        metrics.add(Metric.ALERTS_PUBLISHED, result.alerts().sent());
        metrics.add(Metric.ALERTS_FAILED, result.alerts().givenUp());
        return result;
    }

    private void waitForIngest(Instant tick) {
        long millis = Duration.between(clock.instant(), tick.plus(ingestGrace)).toMillis();
        if (millis <= 0) return;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
