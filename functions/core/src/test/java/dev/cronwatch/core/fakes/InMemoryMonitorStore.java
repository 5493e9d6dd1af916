package dev.cronwatch.core.fakes;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.monitor.QueueProgress;
import dev.cronwatch.core.port.DueEnvironment;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.rules.CheckInContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store contract in memory: versions checked on monitor and environment, all-or-nothing commits,
 * and counters of reads and writes so tests can hold the cost of an operation to account.
 */
public final class InMemoryMonitorStore implements MonitorStore {
    private final Map<MonitorKey, Monitor> monitors = new LinkedHashMap<>();
    private final Map<String, MonitorEnvironment> environments = new LinkedHashMap<>();
    private final Map<String, CheckIn> checkIns = new LinkedHashMap<>();
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Map<String, ProcessingError> errors = new LinkedHashMap<>();
    private final Map<String, PendingAlert> outbox = new LinkedHashMap<>();
    private final Map<String, Instant> claims = new HashMap<>();
    private final Map<MonitorKey, QueueProgress> progress = new HashMap<>();
    private final Map<String, Attachment> attachments = new HashMap<>();
    private int commits;
    private int rejectedCommits;
    private int clockReads;

    private static String envKey(MonitorKey key, String name) {
        return key + "#" + name;
    }

    @Override
    public synchronized CheckInContext loadCheckInContext(MonitorKey monitor, String environment, String checkInId) {
        return new CheckInContext(monitors.get(monitor), environments.get(envKey(monitor, environment)),
                checkInId == null ? null : checkIns.get(checkInId));
    }

    @Override
    public synchronized boolean commit(Changes changes) {
        Monitor m = changes.monitor();
        if (m != null) {
            Monitor stored = monitors.get(m.key());
            if (stored == null ? m.version() != 0 : stored.version() != m.version()) return reject();
        }
        MonitorEnvironment e = changes.environment();
        if (e != null) {
            MonitorEnvironment stored = environments.get(envKey(e.monitor(), e.name()));
            if (stored == null ? e.version() != 0 : stored.version() != e.version()) return reject();
        }
        commits++;
        if (m != null) {
            monitors.put(m.key(), new Monitor(m.key(), m.id(), m.projectId(), m.name(), m.status(), m.muted(),
                    m.config(), m.dateCreated(), m.environments(), m.version() + 1));
        }
        if (e != null) {
            environments.put(envKey(e.monitor(), e.name()), new MonitorEnvironment(e.monitor(), e.name(), e.status(),
                    e.dateCreated(), e.lastCheckIn(), e.lastOk(), e.nextCheckIn(), e.nextCheckInLatest(),
                    e.activeIncident(), e.recent(), e.rateMinute(), e.rateCount(), e.appliedMessages(),
                    e.muted(), e.version() + 1));
        }
        changes.checkIns().forEach(c -> checkIns.put(c.id(), c));
        changes.incidents().forEach(i -> incidents.put(i.id(), i));
        changes.alerts().forEach(a -> outbox.put(a.id(), a));
        if (changes.processingError() != null) errors.put(changes.processingError().id(), changes.processingError());
        if (changes.appliedFor() != null) {
            QueueProgress p = progress.getOrDefault(changes.appliedFor(), QueueProgress.NONE);
            Instant applied = p.appliedAt() == null || changes.appliedAt().isAfter(p.appliedAt())
                    ? changes.appliedAt() : p.appliedAt();
            progress.put(changes.appliedFor(), new QueueProgress(p.enqueuedAt(), applied));
        }
        return true;
    }

    private boolean reject() {
        rejectedCommits++;
        return false;
    }

    @Override
    public synchronized void recordEnqueued(MonitorKey monitor, Instant receivedAt) {
        QueueProgress p = progress.getOrDefault(monitor, QueueProgress.NONE);
        if (p.enqueuedAt() == null || receivedAt.isAfter(p.enqueuedAt())) {
            progress.put(monitor, new QueueProgress(receivedAt, p.appliedAt()));
        }
    }

    @Override
    public synchronized Page<DueEnvironment> findDue(Instant upTo, String cursor, int limit) {
        List<MonitorEnvironment> due = environments.values().stream()
                .filter(e -> e.dueAt() != null && !e.dueAt().isAfter(upTo))
                .sorted(Comparator.comparing(MonitorEnvironment::dueAt).thenComparing(e -> envKey(e.monitor(), e.name())))
                .toList();
        int start = cursor == null ? 0 : Integer.parseInt(cursor);
        List<DueEnvironment> page = new ArrayList<>();
        for (int i = start; i < due.size() && page.size() < limit; i++) {
            MonitorEnvironment e = due.get(i);
            clockReads++;
            page.add(new DueEnvironment(monitors.get(e.monitor()), e,
                    progress.getOrDefault(e.monitor(), QueueProgress.NONE)));
        }
        int end = start + page.size();
        return new Page<>(page, end < due.size() ? Integer.toString(end) : null);
    }

    @Override
    public synchronized Optional<Instant> nextDeadlineAfter(Instant after) {
        return environments.values().stream().map(MonitorEnvironment::dueAt)
                .filter(d -> d != null && d.isAfter(after))
                .min(Comparator.naturalOrder());
    }

    @Override
    public synchronized List<PendingAlert> pendingAlerts(int limit) {
        return outbox.values().stream().sorted(Comparator.comparing(PendingAlert::createdAt)).limit(limit).toList();
    }

    @Override
    public synchronized boolean claimAlert(String alertId, Instant now, Duration lease) {
        if (!outbox.containsKey(alertId)) return false;
        Instant held = claims.get(alertId);
        if (held != null && held.isAfter(now)) return false;
        claims.put(alertId, now.plus(lease));
        return true;
    }

    @Override
    public synchronized void alertSent(String alertId) {
        outbox.remove(alertId);
        claims.remove(alertId);
    }

    @Override
    public synchronized Optional<Monitor> monitor(MonitorKey monitor) {
        return Optional.ofNullable(monitors.get(monitor));
    }

    @Override
    public synchronized List<Monitor> monitors(String organization) {
        return monitors.values().stream().filter(m -> m.key().organization().equals(organization)).toList();
    }

    @Override
    public synchronized List<MonitorEnvironment> environments(MonitorKey monitor) {
        return environments.values().stream().filter(e -> e.monitor().equals(monitor)).toList();
    }

    @Override
    public synchronized Page<CheckIn> checkIns(MonitorKey monitor, String environment, String cursor, int limit) {
        return checkInsSince(monitor, environment, null, cursor, limit);
    }

    @Override
    public synchronized List<Incident> incidents(MonitorKey monitor) {
        return incidents.values().stream().filter(i -> i.monitor().equals(monitor))
                .sorted(Comparator.comparing(Incident::dateStarted).reversed()).toList();
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
    public synchronized boolean saveAttachment(Attachment attachment) {
        return attachments.putIfAbsent(attachment.checkInId(), attachment) == null;
    }

    @Override
    public synchronized Optional<Attachment> attachment(MonitorKey monitor, String checkInId) {
        return Optional.ofNullable(attachments.get(checkInId)).filter(a -> a.monitor().equals(monitor));
    }

    @Override
    public synchronized void deleteMonitor(MonitorKey monitor) {
        attachments.values().removeIf(a -> a.monitor().equals(monitor));
        monitors.remove(monitor);
        environments.values().removeIf(e -> e.monitor().equals(monitor));
        checkIns.values().removeIf(c -> c.monitor().equals(monitor));
        incidents.values().removeIf(i -> i.monitor().equals(monitor));
        errors.values().removeIf(e -> e.monitor().equals(monitor));
        progress.remove(monitor);
    }

    @Override
    public synchronized Page<Monitor> monitorPage(String organization, String cursor, int limit) {
        List<Monitor> all = monitors.values().stream().filter(m -> m.key().organization().equals(organization))
                .sorted(Comparator.comparing(m -> m.key().slug())).toList();
        int start = cursor == null ? 0 : Integer.parseInt(cursor);
        int end = Math.min(all.size(), start + limit);
        return new Page<>(all.subList(start, end), end < all.size() ? Integer.toString(end) : null);
    }

    @Override
    public synchronized Map<MonitorKey, List<MonitorEnvironment>> environmentsOf(List<Monitor> page) {
        Map<MonitorKey, List<MonitorEnvironment>> found = new LinkedHashMap<>();
        for (Monitor m : page) {
            found.put(m.key(), m.environments().stream().map(name -> environments.get(envKey(m.key(), name)))
                    .filter(java.util.Objects::nonNull).toList());
        }
        return found;
    }

    @Override
    public synchronized Page<CheckIn> checkInsSince(MonitorKey monitor, String environment, Instant since,
                                                    String cursor, int limit) {
        List<CheckIn> all = checkIns.values().stream()
                .filter(c -> c.monitor().equals(monitor))
                .filter(c -> environment == null || c.environment().equals(environment))
                .filter(c -> since == null || !c.dateAdded().isBefore(since))
                .sorted(Comparator.comparing(CheckIn::dateAdded).thenComparing(CheckIn::id).reversed())
                .toList();
        int start = cursor == null ? 0 : Integer.parseInt(cursor);
        int end = Math.min(all.size(), start + limit);
        return new Page<>(all.subList(start, end), end < all.size() ? Integer.toString(end) : null);
    }

    @Override
    public synchronized void deleteEnvironment(MonitorKey monitor, String environment) {
        environments.remove(envKey(monitor, environment));
        List<String> gone = checkIns.values().stream()
                .filter(c -> c.belongsTo(monitor, environment)).map(CheckIn::id).toList();
        gone.forEach(checkIns::remove);
        attachments.values().removeIf(a -> a.monitor().equals(monitor) && gone.contains(a.checkInId()));
        incidents.values().removeIf(i -> i.monitor().equals(monitor) && i.environment().equals(environment));
    }

    // ---- for tests ----

    public synchronized Optional<MonitorEnvironment> environment(MonitorKey monitor, String name) {
        return Optional.ofNullable(environments.get(envKey(monitor, name)));
    }

    public synchronized Optional<CheckIn> checkIn(String id) {
        return Optional.ofNullable(checkIns.get(id));
    }

    public synchronized List<CheckIn> allCheckIns(MonitorKey monitor) {
        return checkIns.values().stream().filter(c -> c.monitor().equals(monitor))
                .sorted(Comparator.comparing(CheckIn::dateAdded)).toList();
    }

    public synchronized List<PendingAlert> outbox() {
        return List.copyOf(outbox.values());
    }

    public synchronized QueueProgress progress(MonitorKey monitor) {
        return progress.getOrDefault(monitor, QueueProgress.NONE);
    }

    public synchronized int commits() {
        return commits;
    }

    public synchronized int rejectedCommits() {
        return rejectedCommits;
    }

    public synchronized int clockReads() {
        return clockReads;
    }
}
