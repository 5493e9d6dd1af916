package dev.cronwatch.core.port;

import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;

/** An environment whose deadline has come, as the due index lists it (it may lag the environment). */
public record DueEntry(MonitorKey monitor, String environment, Instant dueAt) {
}
