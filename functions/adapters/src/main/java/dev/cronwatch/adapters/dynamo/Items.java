package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.n;
import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.ProcessingError;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Domain records to whole items and back: every attribute an item carries is decided here. */
final class Items {
    static final String VERSION = "ver";
    static final String DOC = "doc";
    static final String ENVIRONMENT = "environment";
    static final String ENQUEUED_AT = "enqueuedAt";
    static final String APPLIED_AT = "appliedAt";
    static final String CREATED_AT = "createdAt";
    static final String CLAIM_UNTIL = "claimUntil";

    private final Duration checkInRetention;

    Items(Duration checkInRetention) {
        this.checkInRetention = checkInRetention;
    }

    /** {@code version} is the one being written: one more than the version the monitor was read at. */
    Map<String, AttributeValue> monitor(Monitor m, long version) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.monitorPk(m.key()), Keys.MONITOR));
        item.put(VERSION, n(version));
        item.put(DOC, s(Documents.monitor(m)));
        item.put(TableDefinition.GPK, s(Keys.organizationMonitors(m.key().organization())));
        item.put(TableDefinition.GSK, s(m.key().slug()));
        return item;
    }

    static Monitor monitor(Map<String, AttributeValue> item) {
        return Documents.monitor(item.get(DOC).s(), Long.parseLong(item.get(VERSION).n()));
    }

    /** The deadline goes into the sparse byDue index only while there is one. */
    Map<String, AttributeValue> environment(MonitorEnvironment e, long version) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.monitorPk(e.monitor()),
                Keys.environmentSk(e.name())));
        item.put(VERSION, n(version));
        item.put(DOC, s(Documents.environment(e)));
        Instant due = e.dueAt();
        if (due != null) {
            item.put(TableDefinition.DUE_SHARD, s(Keys.DUE));
            item.put(TableDefinition.DUE_AT, Keys.epochMillis(due));
        }
        return item;
    }

    static MonitorEnvironment environment(Map<String, AttributeValue> item) {
        return Documents.environment(item.get(DOC).s(), Long.parseLong(item.get(VERSION).n()));
    }

    /** Kept {@code retention} after the run started; the environment's own recent list is not affected. */
    Map<String, AttributeValue> checkIn(CheckIn c) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.checkInPk(c.id()), Keys.CHECK_IN));
        item.put(DOC, s(Documents.checkIn(c)));
        item.put(TableDefinition.GPK, s(Keys.monitorPk(c.monitor())));
        item.put(TableDefinition.GSK, s(Keys.checkInGsk(c.dateAdded(), c.id())));
        item.put(ENVIRONMENT, s(c.environment()));
        item.put(TableDefinition.EXPIRES_AT, Keys.epochSeconds(c.dateAdded().plus(checkInRetention)));
        return item;
    }

    static CheckIn checkIn(Map<String, AttributeValue> item) {
        return Documents.checkIn(item.get(DOC).s());
    }

    static Map<String, AttributeValue> incident(Incident i) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.monitorPk(i.monitor()),
                Keys.incidentSk(i.dateStarted(), i.id())));
        item.put(DOC, s(Documents.incident(i)));
        return item;
    }

    static Incident incident(Map<String, AttributeValue> item) {
        return Documents.incident(item.get(DOC).s());
    }

    /** TTL deletes it a week after it happened (readers filter too: TTL deletion may lag by days). */
    static Map<String, AttributeValue> processingError(ProcessingError e) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.monitorPk(e.monitor()),
                Keys.errorSk(e.receivedAt(), e.id())));
        item.put(DOC, s(Documents.processingError(e)));
        item.put(TableDefinition.EXPIRES_AT, Keys.epochSeconds(e.receivedAt().plus(ProcessingError.RETENTION)));
        OrganizationErrors.list(item, e);
        return item;
    }

    static ProcessingError processingError(Map<String, AttributeValue> item) {
        return Documents.processingError(item.get(DOC).s());
    }

    static PendingAlert alert(Map<String, AttributeValue> item) {
        return Documents.alert(item.get(DOC).s());
    }

    static Map<String, AttributeValue> outboxKey(String alertId) {
        return Keys.key(Keys.OUTBOX, alertId);
    }

    /** Outbox entries are listed oldest first through byParent. */
    static String outboxGsk(PendingAlert a) {
        return Keys.sortable(a.createdAt()) + "#" + a.id();
    }

    static Map<String, AttributeValue> queueKey(dev.cronwatch.core.monitor.MonitorKey monitor) {
        return Keys.key(Keys.monitorPk(monitor), Keys.QUEUE);
    }

    static Instant instantOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null ? null : Keys.fromEpochMillis(value.n());
    }
}
