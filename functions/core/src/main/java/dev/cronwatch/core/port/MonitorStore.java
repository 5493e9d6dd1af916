package dev.cronwatch.core.port;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.rules.CheckInContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Monitors, environments, check-ins, incidents, processing errors and the alert outbox. */
public interface MonitorStore {

    // ---- the processor: one read, one write per check-in ----

    CheckInContext loadCheckInContext(MonitorKey monitor, String environment, String checkInId);

    /**
     * Writes all of {@code changes} or nothing. Returns false when an entity is no longer at the
     * version it was read at (someone else changed it): the caller decides again on fresh state.
     * Writing a processing error or a check-in that already exists with the same content is a no-op.
     */
    boolean commit(Changes changes);

    /** The HTTP function notes that a message for this monitor was enqueued (see QueueProgress). */
    void recordEnqueued(MonitorKey monitor, Instant receivedAt);

    // ---- the clock: reads grow with what is due, never with what exists ----

    /** Environments due at or before {@code upTo}, in deadline order; page through with the cursor. */
    Page<DueEnvironment> findDue(Instant upTo, String cursor, int limit);

    /** The earliest deadline of any environment strictly after {@code after}: where a fast-forwarded clock ticks next. */
    Optional<Instant> nextDeadlineAfter(Instant after);

    // ---- the alert outbox ----

    List<PendingAlert> pendingAlerts(int limit);

    /** Takes an alert for publishing unless another worker holds an unexpired claim on it. */
    boolean claimAlert(String alertId, Instant now, Duration lease);

    void alertSent(String alertId);

    // ---- the management API ----

    Optional<Monitor> monitor(MonitorKey monitor);

    List<Monitor> monitors(String organization);

    List<MonitorEnvironment> environments(MonitorKey monitor);

    /** Newest first; {@code environment} null means all. */
    Page<CheckIn> checkIns(MonitorKey monitor, String environment, String cursor, int limit);

    /** Newest first. */
    List<Incident> incidents(MonitorKey monitor);

    /** The newest {@link ProcessingError#KEPT_PER_MONITOR}, newest first, none older than a week. */
    List<ProcessingError> processingErrors(MonitorKey monitor, Instant now);

    /** Stores a check-in's attachment; false when that check-in already has one. */
    boolean saveAttachment(Attachment attachment);

    Optional<Attachment> attachment(MonitorKey monitor, String checkInId);

    /** Removes the monitor with its environments, check-ins, incidents, errors and attachments. */
    void deleteMonitor(MonitorKey monitor);

    // ---- the dashboard: a page of monitors in a fixed number of reads ----

    /** One page of the organization's monitors, in slug order. */
    Page<Monitor> monitorPage(String organization, String cursor, int limit);

    /**
     * The environments of a page of monitors in one batch read (the names each monitor lists), every
     * monitor given a key, in the order of its list.
     */
    Map<MonitorKey, List<MonitorEnvironment>> environmentsOf(List<Monitor> monitors);

    /** Like {@link #checkIns}, only the runs that started at or after {@code since} (null: all). */
    Page<CheckIn> checkInsSince(MonitorKey monitor, String environment, Instant since, String cursor, int limit);

    /**
     * Removes one environment with its check-ins, their attachments and its incidents. The monitor's
     * list of environment names is the caller's to change.
     */
    void deleteEnvironment(MonitorKey monitor, String environment);
}
