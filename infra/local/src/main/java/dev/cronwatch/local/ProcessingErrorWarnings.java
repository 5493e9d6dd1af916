package dev.cronwatch.local;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.port.DueEnvironment;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.rules.CheckInContext;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store as local mode uses it: whenever a commit stores a processing error (a check-in the
 * processor dropped after the client had its 2xx), one line on the console says so, so a mistyped
 * slug is seen the moment it happens. It watches the store rather than the processor, which keeps
 * the processor free of local-mode concerns. A redelivered message records its error again: it is
 * printed once.
 */
final class ProcessingErrorWarnings implements MonitorStore {
    private static final int REMEMBERED = 1_000;

    private final MonitorStore store;
    private final PrintStream console;
    private final Map<String, Boolean> printed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    ProcessingErrorWarnings(MonitorStore store, PrintStream console) {
        this.store = store;
        this.console = console;
    }

    @Override
    public boolean commit(Changes changes) {
        boolean committed = store.commit(changes);
        ProcessingError error = changes.processingError();
        if (committed && error != null && firstTime(error.id())) console.println(line(error));
        return committed;
    }

    private synchronized boolean firstTime(String id) {
        return printed.put(id, Boolean.TRUE) == null;
    }

    static String line(ProcessingError e) {
        String organization = e.monitor().organization();
        String detail = e.data().isEmpty() ? "" : " " + e.data();
        return oneLine("! dropped check-in " + e.checkInId() + " for " + organization + "/" + e.monitor().slug()
                + ": " + e.type().name() + detail + " (GET /api/0/organizations/" + organization + "/processing-errors/)");
    }

    /** Names in the data are the client's: they must not break the line or reorder the console. */
    private static String oneLine(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT || cp == 0x2028 || cp == 0x2029 ? ' ' : cp));
        return out.toString();
    }

    // ---- everything else as the store does it ----

    @Override
    public CheckInContext loadCheckInContext(MonitorKey monitor, String environment, String checkInId) {
        return store.loadCheckInContext(monitor, environment, checkInId);
    }

    @Override
    public void recordEnqueued(MonitorKey monitor, Instant receivedAt) {
        store.recordEnqueued(monitor, receivedAt);
    }

    @Override
    public Page<DueEnvironment> findDue(Instant upTo, String cursor, int limit) {
        return store.findDue(upTo, cursor, limit);
    }

    @Override
    public Optional<Instant> nextDeadlineAfter(Instant after) {
        return store.nextDeadlineAfter(after);
    }

    @Override
    public List<PendingAlert> pendingAlerts(int limit) {
        return store.pendingAlerts(limit);
    }

    @Override
    public boolean claimAlert(String alertId, Instant now, Duration lease) {
        return store.claimAlert(alertId, now, lease);
    }

    @Override
    public void alertSent(String alertId) {
        store.alertSent(alertId);
    }

    @Override
    public Optional<Monitor> monitor(MonitorKey monitor) {
        return store.monitor(monitor);
    }

    @Override
    public List<Monitor> monitors(String organization) {
        return store.monitors(organization);
    }

    @Override
    public List<MonitorEnvironment> environments(MonitorKey monitor) {
        return store.environments(monitor);
    }

    @Override
    public Page<CheckIn> checkIns(MonitorKey monitor, String environment, String cursor, int limit) {
        return store.checkIns(monitor, environment, cursor, limit);
    }

    @Override
    public List<Incident> incidents(MonitorKey monitor) {
        return store.incidents(monitor);
    }

    @Override
    public List<ProcessingError> processingErrors(MonitorKey monitor, Instant now) {
        return store.processingErrors(monitor, now);
    }

    @Override
    public boolean saveAttachment(Attachment attachment) {
        return store.saveAttachment(attachment);
    }

    @Override
    public Optional<Attachment> attachment(MonitorKey monitor, String checkInId) {
        return store.attachment(monitor, checkInId);
    }

    @Override
    public void deleteMonitor(MonitorKey monitor) {
        store.deleteMonitor(monitor);
    }

    @Override
    public Page<ProcessingError> organizationProcessingErrors(String organization, Instant now, String cursor, int limit) {
        return store.organizationProcessingErrors(organization, now, cursor, limit);
    }
}
