package dev.cronwatch.core.port;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorState;
import dev.cronwatch.core.monitor.ProcessingError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Monitors, environments, check-ins, incidents, processing errors and the alert outbox. Everything a
 * monitor owns is stored under it, and everything a monitor is under its organization: no key built
 * from one tenant's names can reach another's items.
 */
public interface MonitorStore {

    // ---- the processor: one read and one or two writes per check-in ----

    MonitorState load(MonitorKey monitor, String environment);

    /**
     * Writes all of {@code changes} or nothing that matters: the environment (or the monitor) is the
     * commit point, written last and only if still at the version it was read at. Returns false when
     * it is not (someone else changed it): the caller decides again on fresh state. Writing a
     * check-in, incident or processing error again with the same content changes nothing.
     */
    boolean commit(Changes changes);

    /** Counts a failure of one queue message that was its own fault; returns how many it has had. */
    int recordFailure(MonitorKey monitor, String messageId, Instant at);

    // ---- the clock: reads grow with what is due, never with what exists ----

    /** Environments due at or before {@code upTo}, as the due index lists them; page with the cursor. */
    Page<DueEntry> findDue(Instant upTo, String cursor, int limit);

    /** How many shards the due index is read as: {@link #findDue(int, Instant, String, int)} takes 0 to this - 1. */
    int dueShards();

    /** The entries of one shard of the due index due at or before {@code upTo}; page with the cursor. */
    Page<DueEntry> findDue(int shard, Instant upTo, String cursor, int limit);

    /** The earliest deadline of any environment strictly after {@code after}: where a fast-forwarded clock ticks next. */
    Optional<Instant> nextDeadlineAfter(Instant after);

    // ---- the alert outbox ----

    /** Alerts whose {@code nextAttemptAt} has come, oldest due first. */
    List<PendingAlert> alertsDue(Instant now, int limit);

    /**
     * Takes a due alert for publishing by moving its {@code nextAttemptAt} to {@code until}, on the
     * condition that it is still as it was read: two sweeps cannot both take it, and a sent one is gone.
     */
    boolean claimAlert(PendingAlert alert, Instant until);

    /** True while the alert waits in the outbox (not sent, not given up). */
    boolean alertPending(MonitorKey monitor, String alertId);

    void alertSent(PendingAlert alert);

    /** Puts the alert back to wait: {@code alert} carries its attempts so far and when to try again. */
    void alertRetryLater(PendingAlert alert);

    /** Stops retrying the alert and records why, as a processing error of its monitor. */
    void alertGivenUp(PendingAlert alert, ProcessingError error);

    // ---- the management API ----

    Optional<Monitor> monitor(MonitorKey monitor);

    List<Monitor> monitors(String organization);

    List<MonitorEnvironment> environments(MonitorKey monitor);

    /** Newest first; {@code environment} null means all; {@link InvalidCursorException} for a cursor of another listing. */
    Page<CheckIn> checkIns(MonitorKey monitor, String environment, String cursor, int limit);

    /** A check-in of this monitor by id, if it is among the newest or still open ones (bounded work). */
    Optional<CheckIn> checkIn(MonitorKey monitor, String checkInId);

    /** Newest first, {@code limit} at a time; {@link InvalidCursorException} for a cursor of another listing. */
    Page<Incident> incidents(MonitorKey monitor, String cursor, int limit);

    /** The newest {@link ProcessingError#KEPT_PER_MONITOR}, newest first, none older than a week. */
    List<ProcessingError> processingErrors(MonitorKey monitor, Instant now);

    /**
     * Stores an attachment of an existing check-in of this monitor, expiring with it; false when that
     * check-in already has one.
     */
    boolean saveAttachment(Attachment attachment, CheckIn checkIn);

    Optional<Attachment> attachment(MonitorKey monitor, String checkInId);

    /** Removes the monitor with everything it owns. */
    void deleteMonitor(MonitorKey monitor);

    // ---- organization-wide views ----

    /**
     * Processing errors of every monitor of the organization, monitors that do not exist included
     * (a check-in for a mistyped slug is kept under that slug), newest first, none older than a
     * week; page through with the cursor. A cursor this store did not make is an IllegalArgumentException.
     */
    Page<ProcessingError> organizationProcessingErrors(String organization, Instant now, String cursor, int limit);

    // ---- the paged monitor list and the per-organization limit ----

    /**
     * An organization's monitors in slug order, {@code limit} at a time; {@code cursor} null for the
     * first page, {@link InvalidCursorException} for one this listing did not make.
     */
    Page<Monitor> monitors(String organization, String cursor, int limit);

    /** How many monitors the organization has (for its limit; a moment behind a concurrent create). */
    long monitorCount(String organization);

    // ---- the dashboard: a page of monitors in a fixed number of reads ----

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
