package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.core.port.Metric;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.port.ShardTicks;
import dev.cronwatch.core.queue.ShardTick;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.handlers.usecases.JudgingServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The minute tick from EventBridge Scheduler: the clock's dispatcher, which hands one message per
 * shard of the due index to the shard queue ({@link ClockShardHandler} takes them) and sweeps the
 * alert outbox. The tick is the event's scheduled time, so a late invocation judges the minute it
 * was meant for. Before it hands the shards over it lets the minute's last check-ins reach the queue: the HTTP function stamps a check-in's receive time and sends it
 * within {@link AwsClients#SQS_CALL_TIMEOUT}, so after that long past the minute every check-in
 * received before it is queued ahead of the judgements.
 *
 * <p>The event is taken as the map the runtime reads it into, not as {@code ScheduledEvent}: that class
 * reads its {@code time} with joda-time, whose classes and zone data a cold start would load for one field.
 */
public final class ClockHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    public static final Duration INGEST_GRACE = AwsClients.SQS_CALL_TIMEOUT.plusSeconds(1);
    /** Shard workers an in-process tick runs at once; on AWS each shard has its own invocation. */
    public static final int LOCAL_WORKERS = 10;
    private static final Logger log = LoggerFactory.getLogger(ClockHandler.class);

    private final ClockService clockService;
    private final ShardTicks shardTicks;
    private final Clock clock;
    private final Duration ingestGrace;
    private final Metrics metrics;
    /** Hears what the clock judged itself, as the processor's listener hears what the workers judge. */
    private final ProcessorEvents judgedHere;

    public ClockHandler() {
        this(JudgingServices.clock(Wiring.instance().ports()), Wiring.instance().shardTicks(),
                Wiring.instance().ports().clock(), INGEST_GRACE, Wiring.instance().ports().metrics(),
                Wiring.instance().processorEvents());
    }

    /**
     * In process, without a shard queue: the dispatcher hands each shard tick to a worker in this
     * thread, and a head pass its tail passes.
     */
    public static ShardTicks workersInThisThread(ClockService clockService, Metrics metrics, ProcessorEvents judgedHere) {
        return new InThisThread(clockService, metrics, judgedHere);
    }

    /** Each shard tick handed to a worker in this thread, whose head passes hand their tails back here. */
    private static final class InThisThread implements ShardTicks {
        private final ClockShardHandler worker;

        InThisThread(ClockService clockService, Metrics metrics, ProcessorEvents judgedHere) {
            this.worker = new ClockShardHandler(clockService, this, metrics, judgedHere);
        }

        @Override
        public void send(List<ShardTick> ticks) {
            ticks.forEach(worker::work);
        }
    }

    public ClockHandler(ClockService clockService, ShardTicks shardTicks, Clock clock, Duration ingestGrace,
                        Metrics metrics, ProcessorEvents judgedHere) {
        this.clockService = clockService;
        this.shardTicks = shardTicks;
        this.clock = clock;
        this.ingestGrace = ingestGrace;
        this.metrics = metrics;
        this.judgedHere = judgedHere;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        LogContext.begin(context);
        try {
            Instant tick = scheduledTime(event).truncatedTo(ChronoUnit.MINUTES);
            waitForIngest(tick);
            ClockService.DispatchResult result = clockService.dispatch(tick, shardTicks);
            log.info("tick {}: {} shard(s) handed to the workers, {} alert(s) retried and sent", result.tick(),
                    result.shards(), result.alerts().sent());
            result.alerts().failures().forEach(f -> log.error("tick {}: {}", result.tick(), f));
            countAlerts(result.alerts());
            // counted only once the shards are handed over: a clock that fails every minute raises the alarm
            metrics.count(Metric.TICKS);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("tick", result.tick().toString());
            summary.put("shards", result.shards());
            summary.put("alertsSent", result.alerts().sent());
            summary.put("failures", result.alerts().failures().size());
            return summary;
        } finally {
            metrics.flush();
            LogContext.end();
        }
    }

    /** The event's {@code time} (ISO 8601, as EventBridge Scheduler fills it in); without one, now. */
    private Instant scheduledTime(Map<String, Object> event) {
        Object time = event == null ? null : event.get("time");
        if (time == null) return clock.instant();
        try {
            return Instant.parse(time.toString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time: not an ISO 8601 instant: " + time, e);
        }
    }

    /**
     * The whole tick in this process, its shard workers on a pool of {@link #LOCAL_WORKERS} threads,
     * logged and counted as the dispatcher and the workers do: local mode's clock, which has no shard
     * queue, calls this and sees what went wrong.
     */
    public ClockService.TickResult tick(Instant tick) {
        ClockService.TickResult result = clockService.tick(tick, LocalWorkers.POOL);
        ClockShardHandler.report(result, "all shards", metrics, judgedHere);
        countAlerts(result.alerts());
        return result;
    }

    private void countAlerts(AlertDispatcher.Result alerts) {
        metrics.add(Metric.ALERTS_PUBLISHED, alerts.sent());
        metrics.add(Metric.ALERTS_FAILED, alerts.givenUp());
    }

    /** Built at the first in-process tick only: a Lambda dispatcher never starts these threads. */
    private static final class LocalWorkers {
        static final ExecutorService POOL = Executors.newFixedThreadPool(LOCAL_WORKERS, r -> {
            Thread t = new Thread(r, "clock-shard");
            t.setDaemon(true);
            return t;
        });
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
