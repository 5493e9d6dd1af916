package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.cronwatch.core.port.Metric;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.service.ClockService;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The minute tick from EventBridge. The tick is the event's scheduled time, so a retried or late
 * invocation judges the minute it was meant for; a replay of a minute changes nothing.
 */
public final class ClockHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final Logger log = LoggerFactory.getLogger(ClockHandler.class);

    private final ClockService clockService;
    private final Clock clock;
    private final Metrics metrics;

    public ClockHandler() {
        this(Wiring.services().clockService(), Wiring.services().clock(), Wiring.services().metrics());
    }

    public ClockHandler(ClockService clockService, Clock clock) {
        this(clockService, clock, Metrics.NONE);
    }

    public ClockHandler(ClockService clockService, Clock clock, Metrics metrics) {
        this.clockService = clockService;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        LogContext.begin(context);
        try {
            Map<String, Object> summary = tick(event);
            // counted only once the tick has run: a clock that fails every minute raises the alarm
            metrics.count(Metric.TICKS);
            return summary;
        } finally {
            metrics.flush();
            LogContext.end();
        }
    }

    private Map<String, Object> tick(ScheduledEvent event) {
        Instant tick = event != null && event.getTime() != null
                ? Instant.ofEpochMilli(event.getTime().getMillis())
                : clock.instant();
        ClockService.TickResult result = clockService.tick(tick);
        result.failures().forEach(f -> log.error("tick {}: {}", result.tick(), f));
        log.info("tick {}: {} due examined, {} changed, {} alert(s) published", result.tick(), result.examined(),
                result.changed(), result.published());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("tick", result.tick().toString());
        summary.put("examined", result.examined());
        summary.put("changed", result.changed());
        summary.put("published", result.published());
        summary.put("failures", result.failures().size());
        return summary;
    }
}
