package dev.cronwatch.core.queue;

import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;

/**
 * The clock asking for one environment's deadlines up to {@code tick} to be judged. It is queued in
 * the monitor's group behind every check-in received before the tick, so by the time it is applied
 * nothing that could meet those deadlines is still waiting. {@code dueAt} is the deadline that made
 * the environment due: the same request for the same deadline is the same message.
 */
public record Judgement(MonitorKey monitor, String environment, Instant dueAt, Instant tick) implements QueueMessage {
    @Override
    public String environmentOrDefault() {
        return environment;
    }
}
