package dev.cronwatch.core.port;

import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingError;
import java.time.Instant;
import java.util.List;

/** The check-ins the processor dropped, and why: kept a week, per monitor and for the whole organization. */
public interface ProcessingErrorLog {

    /** The newest {@link ProcessingError#KEPT_PER_MONITOR}, newest first, none older than a week. */
    List<ProcessingError> processingErrors(MonitorKey monitor, Instant now);

    /**
     * Processing errors of every monitor of the organization, monitors that do not exist included
     * (a check-in for a mistyped slug is kept under that slug), newest first, none older than a
     * week; page through with the cursor. A cursor this store did not make is an IllegalArgumentException.
     */
    Page<ProcessingError> organizationProcessingErrors(String organization, Instant now, String cursor, int limit);
}
