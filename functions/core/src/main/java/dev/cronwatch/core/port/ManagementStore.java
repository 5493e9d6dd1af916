package dev.cronwatch.core.port;

import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.LoggedPing;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.PingTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the management API and the dashboard read, and the two things they store beside the decisions
 * ({@link DecisionStore}): an attachment, and a monitor's removal.
 */
public interface ManagementStore {

    Optional<Monitor> monitor(MonitorKey monitor);

    /**
     * An organization's monitors in slug order, {@code limit} at a time; {@code cursor} null for the
     * first page, {@link InvalidCursorException} for one this listing did not make.
     */
    Page<Monitor> monitors(String organization, String cursor, int limit);

    List<MonitorEnvironment> environments(MonitorKey monitor);

    /**
     * The environments of a page of monitors in one batch read (the names each monitor lists), every
     * monitor given a key, in the order of its list.
     */
    Map<MonitorKey, List<MonitorEnvironment>> environmentsOf(List<Monitor> monitors);

    /**
     * Newest first, only the runs that started at or after {@code since} (null: all); {@code environment}
     * null means all; {@link InvalidCursorException} for a cursor of another listing.
     */
    Page<CheckIn> checkInsSince(MonitorKey monitor, String environment, Instant since, String cursor, int limit);

    /** A check-in of this monitor by id, if it is among the newest or still open ones (bounded work). */
    Optional<CheckIn> checkIn(MonitorKey monitor, String checkInId);

    /** Newest first, {@code limit} at a time; {@link InvalidCursorException} for a cursor of another listing. */
    Page<Incident> incidents(MonitorKey monitor, String cursor, int limit);

    /**
     * Stores an attachment of an existing check-in of this monitor, expiring with it; false when that
     * check-in already has one.
     */
    boolean saveAttachment(Attachment attachment, CheckIn checkIn);

    /**
     * The Healthchecks check whose ping code this is (a lower-case canonical UUID); its index entry is
     * written with the monitor and removed with it.
     */
    Optional<PingTarget> pingTarget(String pingCode);

    /** A Healthchecks check's pings that changed no state (log, ignored), newest first, at most {@code limit}. */
    List<LoggedPing> loggedPings(MonitorKey monitor, int limit);

    /** The attachment kept under this id (a check-in's, or a logged ping's body). */
    Optional<Attachment> attachment(MonitorKey monitor, String id);

    /** Removes the monitor with everything it owns. */
    void deleteMonitor(MonitorKey monitor);
}
