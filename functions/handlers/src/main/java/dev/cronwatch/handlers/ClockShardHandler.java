package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.sqs.MalformedMessageException;
import dev.cronwatch.adapters.sqs.SqsShardTicks;
import dev.cronwatch.core.port.Metric;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.port.ShardTicks;
import dev.cronwatch.core.queue.ShardTick;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.handlers.usecases.JudgingServices;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clock worker: takes one shard tick from the shard queue (batch size 1) and queues the judgements
 * of that shard of the due index, its head or its tail pass; the head pass that completes the tick
 * sends the tail passes to the same queue. An exception leaves the message to SQS, which delivers it
 * again; the judgements already queued are sent again and kept once.
 */
public final class ClockShardHandler implements RequestHandler<SQSEvent, Map<String, Object>> {
    private static final Logger log = LoggerFactory.getLogger(ClockShardHandler.class);

    private final ClockService clockService;
    /** Where a head pass hands the tail passes over. */
    private final ShardTicks shardTicks;
    private final Metrics metrics;
    /** Hears what the worker judged itself, as the processor's listener hears what the workers judge. */
    private final ProcessorEvents judgedHere;

    public ClockShardHandler() {
        this(JudgingServices.clock(Wiring.instance().ports()), Wiring.instance().shardTicks(),
                Wiring.instance().ports().metrics(), Wiring.instance().processorEvents());
    }

    public ClockShardHandler(ClockService clockService, ShardTicks shardTicks, Metrics metrics,
                             ProcessorEvents judgedHere) {
        this.clockService = clockService;
        this.shardTicks = shardTicks;
        this.metrics = metrics;
        this.judgedHere = judgedHere;
    }

    @Override
    public Map<String, Object> handleRequest(SQSEvent event, Context context) {
        LogContext.begin(context);
        try {
            Map<String, Object> summary = new LinkedHashMap<>();
            int due = 0;
            int queued = 0;
            int judgedHereCount = 0;
            for (SQSEvent.SQSMessage record : event.getRecords()) {
                ShardTick work;
                try {
                    work = SqsShardTicks.decode(record.getBody());
                } catch (MalformedMessageException e) {
                    // poison: the next tick's dispatcher sends every shard anew
                    log.error("message {} dropped: {}", record.getMessageId(), e.getMessage());
                    continue;
                }
                ClockService.TickResult result = work(work);
                due += result.due();
                queued += result.queued();
                judgedHereCount += result.judgedHere().size();
            }
            summary.put("due", due);
            summary.put("queued", queued);
            summary.put("judgedHere", judgedHereCount);
            return summary;
        } finally {
            metrics.flush();
            LogContext.end();
        }
    }

    /** One shard tick, logged and counted; an in-process dispatcher hands its ticks here directly. */
    public ClockService.TickResult work(ShardTick work) {
        ClockService.TickResult result = clockService.tickShard(work, shardTicks);
        report(result, (work.isTail() ? "tail of shard " : "shard ") + work.shard(), metrics, judgedHere);
        return result;
    }

    /** Logs and counts what one or more shard workers did; local mode's in-process tick reports through here too. */
    static void report(ClockService.TickResult result, String what, Metrics metrics, ProcessorEvents judgedHere) {
        result.failures().forEach(f -> log.error("tick {} {}: {}", result.tick(), what, f));
        result.judgedHere().forEach(j -> log.warn("tick {} {}: judged here, its deadline waited past the bound: {}",
                result.tick(), what, j));
        log.info("tick {} {}: {} due, {} judgement(s) queued, {} judged here, {} left for the next tick, "
                + "{} left for the tail pass", result.tick(), what, result.due(), result.queued(),
                result.judgedHere().size(), result.leftForNextTick(), result.leftForTail());
        metrics.add(Metric.JUDGEMENTS_QUEUED, result.queued());
        metrics.add(Metric.JUDGEMENTS_DEFERRED, result.judgedHere().size());
        // what they found counts as the processor's would: a miss is in MissesDetected wherever it was judged
        result.judgedHere().forEach(j -> judgedHere.applied(j.judgement(), j.applied()));
    }
}
