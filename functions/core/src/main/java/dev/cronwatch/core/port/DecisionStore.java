package dev.cronwatch.core.port;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorState;
import dev.cronwatch.core.monitor.OrganizationMonitors;
import dev.cronwatch.core.monitor.ProcessingError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the processor and the clock decide on and commit: a monitor's state, read once per check-in
 * and written back under its version, and the deadlines that are due. Everything a monitor owns is
 * stored under it, and everything a monitor is under its organization: no key built from one
 * tenant's names can reach another's items.
 */
public interface DecisionStore {

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

    /** Whether the error's item is stored: for a drop counted per minute, whether its minute has one already. */
    boolean isRecorded(ProcessingError error);

    /** Every monitor of the organization (the processor's suggestion for a mistyped slug). */
    List<Monitor> monitors(String organization);

    /**
     * The organization's monitor counter with the creates of the minute of {@code at} (one read,
     * whatever it holds). Where none is stored yet (its monitors were made before the counter), its
     * monitors are counted once from its list, and the first create or delete stores the counter.
     */
    OrganizationMonitors organizationMonitors(String organization, Instant at);

    /**
     * Removes one environment with its check-ins, their attachments and its incidents. The monitor's
     * list of environment names is the caller's to change.
     */
    void deleteEnvironment(MonitorKey monitor, String environment);

    /** Environments due at or before {@code upTo}, as the due index lists them; page with the cursor. */
    Page<DueEntry> findDue(Instant upTo, String cursor, int limit);

    /**
     * How many shards the due index is read as ({@link #findDue(int, Instant, String, int)} takes 0 to
     * this - 1): every shard a writer may have put an entry in, so the most the stack has written with
     * ({@link #recordDueShards(Instant)}), and at least the count it writes with now.
     */
    int dueShards();

    /**
     * Records the count the due index is written with now, once a tick, before its shards are read. A
     * higher count is remembered at once; a lower one only once every shard from it up to the count
     * remembered is empty and no writer still running can write with the higher count: until then
     * those shards are read too, so an entry written there is judged, once, and none is stranded.
     * Returns {@link #dueShards()} as it stands after.
     */
    int recordDueShards(Instant now);

    /** The entries of one shard of the due index due at or before {@code upTo}; page with the cursor. */
    Page<DueEntry> findDue(int shard, Instant upTo, String cursor, int limit);

    /**
     * Records that the head pass of {@code tick} has queued its judgements of {@code shard}, leaving
     * the organizations named to the shard's tail pass; recorded again, the shard's entry is replaced.
     * Returns what every head pass of the tick has recorded, this one included.
     */
    HeadPasses headPassDone(Instant tick, int shard, Set<String> leftForTail);

    /** What the head passes of {@code tick} have recorded ({@link HeadPasses#NONE} if none has). */
    HeadPasses headPasses(Instant tick);

    /** The earliest deadline of any environment strictly after {@code after}: where a fast-forwarded clock ticks next. */
    Optional<Instant> nextDeadlineAfter(Instant after);
}
