package dev.cronwatch.core.port;

import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;

/**
 * An environment whose deadline has come, as the due index lists it (it may lag the environment).
 * {@code rank} is the ordinal it is listed by within its minute ({@link DueOrder#rankOf}); 0 for an
 * entry written before ranks, or a monitor made before ordinals.
 */
public record DueEntry(MonitorKey monitor, String environment, Instant dueAt, long rank) {
}
