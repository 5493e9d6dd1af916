package dev.cronwatch.core.fakes;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CountedCreate;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.LoggedPing;
import dev.cronwatch.core.monitor.PingTarget;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorState;
import dev.cronwatch.core.monitor.OrganizationMonitors;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.monitor.Sequences;
import dev.cronwatch.core.port.DueEntry;
import dev.cronwatch.core.port.DueOrder;
import dev.cronwatch.core.port.HeadPasses;
import dev.cronwatch.core.port.Page;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The store contract in memory: versions checked on monitor and environment, all-or-nothing commits,
 * pages that continue after the last key seen (as DynamoDB's do), and counters of reads and writes so
 * tests can hold the cost of an operation to account. Every item is kept under its monitor.
 */
public final class InMemoryMonitorStore implements WholeStore {
    private final Map<MonitorKey, Monitor> monitors = new LinkedHashMap<>();
    private final Map<String, MonitorEnvironment> environments = new LinkedHashMap<>();
    private final Map<String, CheckIn> checkIns = new LinkedHashMap<>();
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Map<String, ProcessingError> errors = new LinkedHashMap<>();
    private final Map<String, PendingAlert> outbox = new LinkedHashMap<>();
    private final Map<String, PendingAlert> givenUp = new LinkedHashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Attachment> attachments = new HashMap<>();
    private final Map<Instant, Map<Integer, Set<String>>> headPasses = new HashMap<>();
    /** Organizations' stored counters, and their creates per minute ({@code org#minute}). */
    private final Map<String, Long> monitorCounts = new HashMap<>();
    private final Map<String, Integer> createdInMinute = new HashMap<>();
    private final Map<String, LoggedPing> loggedPings = new LinkedHashMap<>();
    private final int dueShards;

    public InMemoryMonitorStore() {
        this(10);
    }

    public InMemoryMonitorStore(int dueShards) {
        this.dueShards = dueShards;
    }
    private int commits;
    private int rejectedCommits;
    private int otherWrites;

    private static String under(MonitorKey key, String name) {
        return key + "#" + name;
    }

    @Override
    public synchronized MonitorState load(MonitorKey monitor, String environment) {
        List<MonitorEnvironment> others = environments(monitor).stream()
                .filter(e -> !e.name().equals(environment)).toList();
        return new MonitorState(monitors.get(monitor), environments.get(under(monitor, environment)), others);
    }

    @Override
    public synchronized boolean commit(Changes changes) {
        Monitor m = changes.monitor();
        CountedCreate counted = changes.monitorCount();
        if (m != null && m.version() == 0 && counted == null) {
            throw new IllegalArgumentException("a new monitor is written with its organization's counter");
        }
        if (m != null) {
            Monitor stored = monitors.get(m.key());
            if (stored == null ? m.version() != 0 : stored.version() != m.version()) return reject();
        }
        if (counted != null) {
            OrganizationMonitors now = organizationMonitors(counted.organization(), counted.minute());
            if (monitorCounts.containsKey(counted.organization()) && now.monitors() >= counted.maxMonitors()) return reject();
            if (now.createdInMinute() >= counted.maxInMinute()) return reject();
        }
        MonitorEnvironment e = changes.environment();
        if (e != null) {
            MonitorEnvironment stored = environments.get(under(e.monitor(), e.name()));
            if (stored == null ? e.version() != 0 : stored.version() != e.version()) return reject();
        }
        commits++;
        if (counted != null) {
            monitorCounts.merge(counted.organization(), counted.listed() + 1, (stored, first) -> stored + 1);
            createdInMinute.merge(counted.organization() + "#" + counted.minute(), 1, Integer::sum);
        }
        if (m != null) {
            monitors.put(m.key(), new Monitor(m.key(), m.id(), m.projectId(), m.name(), m.status(), m.muted(),
                    m.config(), m.dateCreated(), m.environments(), m.lastSequence(), m.pendingReschedule(),
                    m.ping(), m.ordinal(), m.version() + 1));
        }
        if (e != null) {
            environments.put(under(e.monitor(), e.name()), new MonitorEnvironment(e.monitor(), e.name(), e.status(),
                    e.muted(), e.dateCreated(), e.lastCheckIn(), e.lastOk(), e.nextCheckIn(), e.nextCheckInLatest(),
                    e.activeIncident(), e.recent(), e.rateMinute(), e.rateCount(), e.lastSequence(), e.pings(),
                    e.lateness(), e.ordinal(), e.version() + 1));
        }
        // Keyed by start time and id, as in DynamoDB: an id reused long after its run (no longer among
        // the recent ones the rules look at) is another check-in.
        changes.checkIns().forEach(c -> checkIns.put(under(c.monitor(), c.dateAdded() + "#" + c.id()), c));
        changes.incidents().forEach(i -> incidents.put(under(i.monitor(), i.id()), i));
        changes.alerts().forEach(a -> outbox.put(under(a.monitor(), a.id()), a));
        ProcessingError error = changes.processingError();
        if (error != null) record(error);
        Attachment body = changes.attachment();
        if (body != null) attachments.put(under(body.monitor(), body.checkInId()), body);
        LoggedPing logged = changes.loggedPing();
        if (logged != null) loggedPings.put(under(logged.monitor(), logged.receivedAt() + "#" + logged.id()), logged);
        return true;
    }

    /** A drop counted per minute adds one to its minute's error, unless its sequence is not after the newest counted. */
    private void record(ProcessingError error) {
        String key = under(error.monitor(), error.id());
        ProcessingError counted = errors.get(key);
        if (counted == null || !error.type().countedPerMinute()) {
            errors.put(key, error);
        } else if (error.sequence() == null || counted.sequence() == null
                || Sequences.compare(error.sequence(), counted.sequence()) > 0) {
            errors.put(key, counted.withCount(counted.count() + 1).withSequence(error.sequence()));
        }
    }

    private boolean reject() {
        rejectedCommits++;
        return false;
    }

    @Override
    public synchronized int recordFailure(MonitorKey monitor, String messageId, Instant at) {
        otherWrites++;
        return failures.merge(under(monitor, messageId), 1, Integer::sum);
    }

    private static final Comparator<MonitorEnvironment> DUE_ORDER = Comparator.comparing(DuePlace::of);

    /** An entry's place in the due index: its order ({@link DueOrder}), then its key as the index breaks ties. */
    private record DuePlace(Instant tick, long rank, Instant deadline, String key) implements Comparable<DuePlace> {
        private static final Comparator<DuePlace> ORDER = Comparator.comparing(DuePlace::tick)
                .thenComparingLong(DuePlace::rank).thenComparing(DuePlace::deadline).thenComparing(DuePlace::key);

        static DuePlace of(MonitorEnvironment e) {
            return new DuePlace(DueOrder.tickOf(e.dueAt()), DueOrder.rankOf(e), e.dueAt(), under(e.monitor(), e.name()));
        }

        static DuePlace parse(String cursor) {
            String[] parts = cursor.split("\\|", 4);
            return new DuePlace(Instant.parse(parts[0]), Long.parseLong(parts[1]), Instant.parse(parts[2]), parts[3]);
        }

        String encode() {
            return tick + "|" + rank + "|" + deadline + "|" + key;
        }

        @Override
        public int compareTo(DuePlace other) {
            return ORDER.compare(this, other);
        }
    }

    @Override
    public synchronized Page<DueEntry> findDue(Instant upTo, String cursor, int limit) {
        return findDue(upTo, cursor, limit, e -> true);
    }

    @Override
    public int dueShards() {
        return dueShards;
    }

    /** One count for good: this store is never lowered. */
    @Override
    public int recordDueShards(Instant now) {
        return dueShards;
    }

    /** Shards by the monitor's key, as the DynamoDB store does by its partition key. */
    @Override
    public synchronized Page<DueEntry> findDue(int shard, Instant upTo, String cursor, int limit) {
        if (shard < 0 || shard >= dueShards) throw new IllegalArgumentException("no shard " + shard);
        return findDue(upTo, cursor, limit, e -> shardOf(e.monitor()) == shard);
    }

    public int shardOf(MonitorKey monitor) {
        return Math.floorMod(monitor.toString().hashCode(), dueShards);
    }

    private Page<DueEntry> findDue(Instant upTo, String cursor, int limit,
                                   Predicate<MonitorEnvironment> inShard) {
        List<MonitorEnvironment> due = environments.values().stream()
                .filter(inShard)
                .filter(e -> e.dueAt() != null && !e.dueAt().isAfter(upTo))
                .filter(e -> cursor == null || afterCursor(e, cursor))
                .sorted(DUE_ORDER)
                .toList();
        List<DueEntry> page = due.stream().limit(limit).map(e -> new DueEntry(e.monitor(), e.name(), e.dueAt(), DueOrder.rankOf(e))).toList();
        String next = due.size() > limit ? cursorOf(due.get(limit - 1)) : null;
        return new Page<>(page, next);
    }

    private static String cursorOf(MonitorEnvironment e) {
        return DuePlace.of(e).encode();
    }

    private static boolean afterCursor(MonitorEnvironment e, String cursor) {
        return DuePlace.of(e).compareTo(DuePlace.parse(cursor)) > 0;
    }

    @Override
    public synchronized HeadPasses headPassDone(Instant tick, int shard, Set<String> leftForTail) {
        otherWrites++;
        headPasses.computeIfAbsent(tick, t -> new HashMap<>()).put(shard, Set.copyOf(leftForTail));
        return headPasses(tick);
    }

    @Override
    public synchronized HeadPasses headPasses(Instant tick) {
        Map<Integer, Set<String>> recorded = headPasses.getOrDefault(tick, Map.of());
        return new HeadPasses(recorded.keySet(), recorded);
    }

    @Override
    public synchronized Optional<Instant> nextDeadlineAfter(Instant after) {
        return environments.values().stream().map(MonitorEnvironment::dueAt)
                .filter(d -> d != null && d.isAfter(after))
                .min(Comparator.naturalOrder());
    }

    @Override
    public synchronized List<PendingAlert> alertsDue(Instant now, int limit) {
        return outbox.values().stream().filter(a -> !a.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(PendingAlert::nextAttemptAt)).limit(limit).toList();
    }

    @Override
    public synchronized boolean claimAlert(PendingAlert alert, Instant until) {
        PendingAlert stored = outbox.get(under(alert.monitor(), alert.id()));
        if (stored == null || !Objects.equals(stored.nextAttemptAt(), alert.nextAttemptAt())
                || stored.attempts() != alert.attempts()) {
            return false;
        }
        outbox.put(under(alert.monitor(), alert.id()), stored.heldUntil(until));
        return true;
    }

    @Override
    public synchronized boolean alertPending(MonitorKey monitor, String alertId) {
        return outbox.containsKey(under(monitor, alertId));
    }

    @Override
    public synchronized void alertSent(PendingAlert alert) {
        outbox.remove(under(alert.monitor(), alert.id()));
    }

    @Override
    public synchronized void alertRetryLater(PendingAlert alert) {
        outbox.computeIfPresent(under(alert.monitor(), alert.id()), (k, stored) -> alert);
    }

    @Override
    public synchronized void alertGivenUp(PendingAlert alert, ProcessingError error) {
        if (outbox.remove(under(alert.monitor(), alert.id())) == null) return;
        givenUp.put(under(alert.monitor(), alert.id()), alert);
        errors.put(under(error.monitor(), error.id()), error);
    }

    @Override
    public synchronized Optional<Monitor> monitor(MonitorKey monitor) {
        return Optional.ofNullable(monitors.get(monitor));
    }

    @Override
    public synchronized boolean isRecorded(ProcessingError error) {
        return errors.containsKey(under(error.monitor(), error.id()));
    }

    @Override
    public synchronized List<Monitor> monitors(String organization) {
        return monitors.values().stream().filter(m -> m.key().organization().equals(organization)).toList();
    }

    @Override
    public synchronized List<MonitorEnvironment> environments(MonitorKey monitor) {
        return environments.values().stream().filter(e -> e.monitor().equals(monitor)).toList();
    }

    private List<CheckIn> newestFirst(MonitorKey monitor) {
        return checkIns.values().stream().filter(c -> c.monitor().equals(monitor))
                .sorted(Comparator.comparing(CheckIn::dateAdded).thenComparing(CheckIn::id).reversed())
                .toList();
    }

    @Override
    public synchronized Optional<CheckIn> checkIn(MonitorKey monitor, String checkInId) {
        return newestFirst(monitor).stream().filter(c -> c.id().equals(checkInId)).findFirst();
    }

    @Override
    public synchronized Page<Incident> incidents(MonitorKey monitor, String cursor, int limit) {
        List<Incident> all = incidents.values().stream().filter(i -> i.monitor().equals(monitor))
                .sorted(Comparator.comparing(Incident::dateStarted).reversed()).toList();
        return PageCursor.page(all, cursor, "incidents/" + monitor, limit);
    }

    @Override
    public synchronized List<ProcessingError> processingErrors(MonitorKey monitor, Instant now) {
        Instant oldest = now.minus(ProcessingError.RETENTION);
        return errors.values().stream().filter(e -> e.monitor().equals(monitor))
                .filter(e -> e.receivedAt().isAfter(oldest))
                .sorted(Comparator.comparing(ProcessingError::receivedAt).reversed())
                .limit(ProcessingError.KEPT_PER_MONITOR).toList();
    }

    @Override
    public synchronized boolean saveAttachment(Attachment attachment, CheckIn checkIn) {
        boolean saved = attachments.putIfAbsent(under(attachment.monitor(), attachment.checkInId()), attachment) == null;
        if (saved) otherWrites++;
        return saved;
    }

    @Override
    public synchronized Optional<Attachment> attachment(MonitorKey monitor, String checkInId) {
        return Optional.ofNullable(attachments.get(under(monitor, checkInId)));
    }

    /** Where no counter is stored, the organization's monitors as its list holds them, as DynamoDB's store counts. */
    @Override
    public synchronized OrganizationMonitors organizationMonitors(String organization, Instant at) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        long monitors = monitorCounts.getOrDefault(organization, (long) monitors(organization).size());
        return new OrganizationMonitors(organization, monitors, minute,
                createdInMinute.getOrDefault(organization + "#" + minute, 0));
    }

    @Override
    public synchronized Optional<PingTarget> pingTarget(String pingCode) {
        return monitors.values().stream().filter(m -> m.ping() != null && m.ping().pingCode().equals(pingCode))
                .findFirst().map(m -> new PingTarget(pingCode, m.key(), m.projectId()));
    }

    @Override
    public synchronized List<LoggedPing> loggedPings(MonitorKey monitor, int limit) {
        List<LoggedPing> mine = new ArrayList<>(loggedPings.values().stream().filter(p -> p.monitor().equals(monitor))
                .sorted(java.util.Comparator.comparing(LoggedPing::receivedAt)).toList());
        java.util.Collections.reverse(mine);
        return mine.subList(0, Math.min(limit, mine.size()));
    }

    @Override
    public synchronized void deleteMonitor(MonitorKey monitor) {
        otherWrites++;
        if (monitors.containsKey(monitor)) {
            long listed = monitorCounts.getOrDefault(monitor.organization(), (long) monitors(monitor.organization()).size());
            monitorCounts.put(monitor.organization(), Math.max(0, listed - 1));
        }
        String prefix = monitor + "#";
        List.of(environments, checkIns, incidents, errors, outbox, givenUp, attachments, loggedPings)
                .forEach(map -> map.keySet().removeIf(k -> k.startsWith(prefix)));
        failures.keySet().removeIf(k -> k.startsWith(prefix));
        monitors.remove(monitor);
    }

    @Override
    public synchronized Page<ProcessingError> organizationProcessingErrors(String organization, Instant now,
                                                                           String cursor, int limit) {
        Instant oldest = now.minus(ProcessingError.RETENTION);
        List<ProcessingError> all = errors.values().stream()
                .filter(e -> e.monitor().organization().equals(organization))
                .filter(e -> e.receivedAt().isAfter(oldest))
                .sorted(Comparator.comparing(ProcessingError::receivedAt).thenComparing(ProcessingError::id).reversed())
                .toList();
        return PageCursor.page(all, cursor, "errors/" + organization, limit);
    }

    @Override
    public synchronized Page<Monitor> monitors(String organization, String cursor, int limit) {
        List<Monitor> all = monitors(organization).stream()
                .sorted(Comparator.comparing((Monitor m) -> m.key().slug())).toList();
        return PageCursor.page(all, cursor, "monitors/" + organization, limit);
    }

    @Override
    public synchronized Map<MonitorKey, List<MonitorEnvironment>> environmentsOf(List<Monitor> page) {
        Map<MonitorKey, List<MonitorEnvironment>> found = new LinkedHashMap<>();
        for (Monitor m : page) {
            found.put(m.key(), m.environments().stream().map(name -> environments.get(under(m.key(), name)))
                    .filter(java.util.Objects::nonNull).toList());
        }
        return found;
    }

    @Override
    public synchronized Page<CheckIn> checkInsSince(MonitorKey monitor, String environment, Instant since,
                                                    String cursor, int limit) {
        List<CheckIn> all = newestFirst(monitor).stream()
                .filter(c -> environment == null || c.environment().equals(environment))
                .filter(c -> since == null || !c.dateAdded().isBefore(since))
                .toList();
        return PageCursor.page(all, cursor, "checkins/" + monitor, limit);
    }

    @Override
    public synchronized void deleteEnvironment(MonitorKey monitor, String environment) {
        otherWrites++;
        environments.remove(under(monitor, environment));
        List<String> gone = new ArrayList<>(checkIns.values().stream()
                .filter(c -> c.monitor().equals(monitor) && c.environment().equals(environment)).map(CheckIn::id).toList());
        gone.addAll(loggedPings.values().stream()
                .filter(p -> p.monitor().equals(monitor) && p.environment().equals(environment)).map(LoggedPing::id).toList());
        checkIns.values().removeIf(c -> c.monitor().equals(monitor) && c.environment().equals(environment));
        loggedPings.values().removeIf(p -> p.monitor().equals(monitor) && p.environment().equals(environment));
        attachments.values().removeIf(a -> a.monitor().equals(monitor) && gone.contains(a.checkInId()));
        incidents.values().removeIf(i -> i.monitor().equals(monitor) && i.environment().equals(environment));
    }

    // ---- for tests ----

    /** Every write call that changed something: a rejected request must leave this where it was. */
    public synchronized int writes() {
        return commits + otherWrites;
    }

    public synchronized Optional<MonitorEnvironment> environment(MonitorKey monitor, String name) {
        return Optional.ofNullable(environments.get(under(monitor, name)));
    }

    public synchronized List<CheckIn> allCheckIns(MonitorKey monitor) {
        List<CheckIn> all = new ArrayList<>(newestFirst(monitor));
        java.util.Collections.reverse(all);
        return all;
    }

    public synchronized List<PendingAlert> outbox() {
        return List.copyOf(outbox.values());
    }

    public synchronized List<PendingAlert> givenUp() {
        return List.copyOf(givenUp.values());
    }

    public synchronized int commits() {
        return commits;
    }

    public synchronized int rejectedCommits() {
        return rejectedCommits;
    }
}
