package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.n;
import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.LoggedPing;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.PingTarget;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.OrganizationMonitors;
import dev.cronwatch.core.monitor.ProcessingError;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Domain records to whole items and back: every attribute an item carries is decided here. */
final class Items {
    static final String VERSION = "ver";
    static final String DOC = "doc";
    static final String ENVIRONMENT = "env";
    static final String ATTEMPTS = "attempts";
    static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    static final String GIVEN_UP_AT = "givenUpAt";
    static final String CONTENT = "content";
    static final String FILENAME = "filename";
    static final String CONTENT_TYPE = "contentType";
    static final String MONITORS = "monitors";
    static final String CREATED = "created";
    /** A processing error counted per minute: the check-ins it stands for, and the newest one's queue sequence. */
    static final String DROPS = "drops";
    static final String DROP_SEQUENCE = "dropSequence";
    static final String ORGANIZATION = "organization";
    static final String SLUG = "slug";
    static final String PROJECT_ID = "projectId";

    private final Duration checkInRetention;
    private final int dueShards;

    Items(Duration checkInRetention) {
        this(checkInRetention, Keys.SHARDS);
    }

    Items(Duration checkInRetention, int dueShards) {
        this.checkInRetention = checkInRetention;
        this.dueShards = dueShards;
    }

    static String pk(Map<String, AttributeValue> item) {
        return item.get(TableDefinition.PK).s();
    }

    static String sk(Map<String, AttributeValue> item) {
        return item.get(TableDefinition.SK).s();
    }

    static long monitors(Map<String, AttributeValue> monitorCount) {
        return Long.parseLong(monitorCount.get(MONITORS).n());
    }

    /**
     * The creates of {@code minute} among the items of an organization's counter Query (0 when none is
     * stored), and the monitors its counter holds, or {@code listed} where none is stored.
     */
    static OrganizationMonitors monitorCount(String organization, Instant minute, List<Map<String, AttributeValue>> items,
                                             LongSupplier listed) {
        String minuteSk = Keys.createdInMinuteSk(minute);
        Long monitors = null;
        int created = 0;
        for (var item : items) {
            if (Keys.MONITOR_COUNT.equals(sk(item))) monitors = monitors(item);
            if (minuteSk.equals(sk(item))) created = Integer.parseInt(item.get(CREATED).n());
        }
        return new OrganizationMonitors(organization, monitors != null ? monitors : listed.getAsLong(), minute, created);
    }

    /** {@code version} is the one being written: one more than the version the monitor was read at. */
    Map<String, AttributeValue> monitor(Monitor m, long version) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.monitorKey(m.key()));
        item.put(VERSION, n(version));
        item.put(DOC, s(Documents.monitor(m)));
        item.put(TableDefinition.GPK, s(Keys.organizationMonitors(m.key().organization())));
        item.put(TableDefinition.GSK, s(m.key().slug()));
        return item;
    }

    static Monitor monitor(Map<String, AttributeValue> item) {
        return Documents.monitor(Keys.monitorOf(pk(item)), item.get(DOC).s(), version(item));
    }

    /** The deadline goes into the sparse byDue index only while there is one. */
    Map<String, AttributeValue> environment(MonitorEnvironment e, long version) {
        String pk = Keys.monitorPk(e.monitor());
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(pk, Keys.environmentSk(e.name())));
        item.put(VERSION, n(version));
        item.put(DOC, s(Documents.environment(e)));
        Instant due = e.dueAt();
        if (due != null) {
            item.put(TableDefinition.DUE_SHARD, s(Keys.dueShardOf(pk, dueShards)));
            item.put(TableDefinition.DUE_AT, Keys.dueAt(e));
        }
        return item;
    }

    static MonitorEnvironment environment(Map<String, AttributeValue> item) {
        return Documents.environment(Keys.monitorOf(pk(item)), Keys.environmentOf(sk(item)), item.get(DOC).s(),
                version(item));
    }

    /** Kept {@code retention} after the run started; the environment's own recent list is not affected. */
    Map<String, AttributeValue> checkIn(CheckIn c) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.monitorPk(c.monitor()),
                Keys.checkInSk(c.dateAdded(), c.id())));
        item.put(DOC, s(Documents.checkIn(c)));
        item.put(ENVIRONMENT, s(c.environment()));
        item.put(TableDefinition.EXPIRES_AT, Keys.epochSeconds(expiryOf(c)));
        return item;
    }

    Instant expiryOf(CheckIn c) {
        return c.dateAdded().plus(checkInRetention);
    }

    static CheckIn checkIn(Map<String, AttributeValue> item) {
        return Documents.checkIn(Keys.monitorOf(pk(item)), item.get(ENVIRONMENT).s(), item.get(DOC).s());
    }

    /** Under its monitor, and expiring with its check-in. */
    Map<String, AttributeValue> attachment(Attachment a, CheckIn checkIn) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.attachmentKey(a.monitor(), a.checkInId()));
        if (a.filename() != null) item.put(FILENAME, s(a.filename()));
        if (a.contentType() != null) item.put(CONTENT_TYPE, s(a.contentType()));
        item.put(CONTENT, AttributeValue.fromB(SdkBytes.fromByteArray(a.content())));
        item.put(TableDefinition.EXPIRES_AT, Keys.epochSeconds(expiryOf(checkIn)));
        return item;
    }

    /** A ping's body, kept as long as the check-in it belongs to would be. */
    Map<String, AttributeValue> pingBody(Attachment a, Instant receivedAt) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.attachmentKey(a.monitor(), a.checkInId()));
        if (a.filename() != null) item.put(FILENAME, s(a.filename()));
        if (a.contentType() != null) item.put(CONTENT_TYPE, s(a.contentType()));
        item.put(CONTENT, AttributeValue.fromB(SdkBytes.fromByteArray(a.content())));
        item.put(TableDefinition.EXPIRES_AT, Keys.epochSeconds(receivedAt.plus(checkInRetention)));
        return item;
    }

    static Attachment attachment(MonitorKey monitor, String id, Map<String, AttributeValue> item) {
        return new Attachment(monitor, id, item.containsKey(FILENAME) ? item.get(FILENAME).s() : null,
                item.containsKey(CONTENT_TYPE) ? item.get(CONTENT_TYPE).s() : null, item.get(CONTENT).b().asByteArray());
    }

    /** A ping that changed no state, under its monitor, kept as long as a check-in. */
    Map<String, AttributeValue> loggedPing(LoggedPing p) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.monitorPk(p.monitor()),
                Keys.loggedPingSk(p.receivedAt(), p.id())));
        item.put(DOC, s(Documents.loggedPing(p)));
        item.put(ENVIRONMENT, s(p.environment()));
        item.put(TableDefinition.EXPIRES_AT, Keys.epochSeconds(p.receivedAt().plus(checkInRetention)));
        return item;
    }

    static LoggedPing loggedPing(Map<String, AttributeValue> item) {
        return Documents.loggedPing(Keys.monitorOf(pk(item)), item.get(ENVIRONMENT).s(), item.get(DOC).s());
    }

    /** The index entry of a Healthchecks check's ping code: which monitor, of which project. */
    static Map<String, AttributeValue> pingCode(Monitor m) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.pingCodeKey(m.ping().pingCode()));
        item.put(ORGANIZATION, s(m.key().organization()));
        item.put(SLUG, s(m.key().slug()));
        item.put(PROJECT_ID, s(m.projectId()));
        return item;
    }

    static PingTarget pingTarget(String pingCode, Map<String, AttributeValue> item) {
        return new PingTarget(pingCode, new MonitorKey(item.get(ORGANIZATION).s(), item.get(SLUG).s()),
                item.get(PROJECT_ID).s());
    }

    static Map<String, AttributeValue> incident(Incident i) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.monitorPk(i.monitor()),
                Keys.incidentSk(i.dateStarted(), i.id())));
        item.put(DOC, s(Documents.incident(i)));
        return item;
    }

    static Incident incident(Map<String, AttributeValue> item) {
        return Documents.incident(Keys.monitorOf(pk(item)), item.get(DOC).s());
    }

    /** TTL deletes it a week after it happened (readers filter too: TTL deletion may lag by days). */
    static Map<String, AttributeValue> processingError(ProcessingError e) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.monitorPk(e.monitor()),
                Keys.errorSk(e.receivedAt(), e.id())));
        item.put(DOC, s(Documents.processingError(e)));
        item.put(TableDefinition.EXPIRES_AT, Keys.epochSeconds(e.receivedAt().plus(ProcessingError.RETENTION)));
        item.put(TableDefinition.GPK, s(Keys.organizationErrors(e.monitor().organization())));
        item.put(TableDefinition.GSK, s(Keys.organizationErrorGsk(e.receivedAt(), e.monitor().slug(), e.id())));
        return item;
    }

    static ProcessingError processingError(Map<String, AttributeValue> item) {
        ProcessingError e = Documents.processingError(Keys.monitorOf(pk(item)), item.get(DOC).s());
        AttributeValue drops = item.get(DROPS);
        if (drops == null) return e;
        AttributeValue sequence = item.get(DROP_SEQUENCE);
        return e.withCount(Integer.parseInt(drops.n())).withSequence(sequence == null ? null : sequence.s());
    }

    /**
     * An outbox entry, under its monitor; listed in the byParent index by when it may next be taken
     * while it waits (a given-up entry leaves the index).
     */
    static Map<String, AttributeValue> alert(PendingAlert a) {
        String pk = Keys.monitorPk(a.monitor());
        Map<String, AttributeValue> item = new HashMap<>(Keys.outboxKey(a.monitor(), a.id()));
        item.put(DOC, s(Documents.alert(a)));
        item.put(ATTEMPTS, n(a.attempts()));
        item.put(NEXT_ATTEMPT_AT, Keys.epochMillis(a.nextAttemptAt()));
        item.put(TableDefinition.GPK, s(Keys.outboxShardOf(pk)));
        item.put(TableDefinition.GSK, s(outboxGsk(a)));
        return item;
    }

    static PendingAlert alert(Map<String, AttributeValue> item) {
        return Documents.alert(Keys.monitorOf(pk(item)), item.get(DOC).s(),
                Integer.parseInt(item.get(ATTEMPTS).n()), Keys.fromEpochMillis(item.get(NEXT_ATTEMPT_AT).n()));
    }

    static String outboxGsk(PendingAlert a) {
        return Keys.outboxGsk(a.nextAttemptAt(), a.monitor(), a.id());
    }

    static long version(Map<String, AttributeValue> item) {
        return Long.parseLong(item.get(VERSION).n());
    }
}
