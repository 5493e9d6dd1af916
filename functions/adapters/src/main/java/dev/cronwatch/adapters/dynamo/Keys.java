package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.hash.Digest;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.port.DueOrder;
import dev.cronwatch.core.tenant.PingKey;
import dev.cronwatch.core.tenant.TenantNames;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every key of the table (infra/table-design.md): partition and sort keys, index keys and the bounds
 * of the key ranges read, and the value encodings keys rely on. Every monitor item lives in the
 * partition {@code MON#{org}#{slug}}: organization and monitor slugs are validated to {@code [a-z0-9_-]},
 * so no name can contain the separator and reach another tenant's partition. Sort keys start with a
 * fixed prefix per item type and end with the free-form part (an environment name may contain '#'),
 * so no name can forge another type's key either. Tenants' keys check each name as they build it.
 */
final class Keys {
    /** The monitor item; its environments follow it ({@code M#name}), so one query reads both. */
    static final String MONITOR = "M";
    static final String ENV_PREFIX = "M#";
    static final String CHECK_IN_PREFIX = "CI#";
    static final String INCIDENT_PREFIX = "INC#";
    private static final String ATTACHMENT_PREFIX = "ATT#";
    private static final String ERROR_PREFIX = "ERR#";
    private static final String OUTBOX_PREFIX = "OUT#";
    private static final String FAILURE_PREFIX = "FAIL#";
    static final String LOGGED_PING_PREFIX = "PING#";
    private static final String MONITOR_PK_PREFIX = "MON#";
    /** After every sort key of a type: the end of a key range that reads them all. */
    private static final String LAST = "\uffff";

    /**
     * The due index and the outbox index are written on many monitors' behalf: spread over this many
     * partition keys so that no index partition takes more than its share of a burst. The due index
     * uses at least this many (a setting, {@code DueIndexShards}); the outbox {@link DynamoAlertOutbox#SHARDS}.
     */
    static final int SHARDS = 10;
    private static final String DUE_SHARD_PREFIX = "DUE#";
    private static final String OUTBOX_SHARD_PREFIX = "OUTBOX#";

    /** The sort key of the one item of an organization, of a DSN key and of a token. */
    static final String ORGANIZATION = "ORG";
    static final String MONITOR_COUNT = "MONITORS";
    /**
     * An organization's creates of one minute, beside its counter: sorted before {@code MONITORS}, so
     * one Query from a minute's key up to the counter's reads both (and only the later minutes between).
     */
    static final String CREATED_IN_MINUTE_PREFIX = "CREATED#";
    static final String DSN_KEY = "KEY";
    static final String TOKEN = "TOKEN";
    static final String API_KEY = "APIKEY";
    static final String PROJECT_SLUG_PREFIX = "SLUG#";
    private static final String DSN_KEY_PK_PREFIX = "KEY#";
    /** The sort key of a ping code's index entry and of a ping key's. */
    static final String PING_CODE = "PINGCODE";
    static final String PING_KEY = "PINGKEY";
    private static final String PING_CODE_PK_PREFIX = "PINGCODE#";
    private static final String PING_KEY_PK_PREFIX = "PINGKEY#";

    private Keys() {
    }

    // a monitor's partition

    static String monitorPk(MonitorKey key) {
        return MONITOR_PK_PREFIX + key.organization() + "#" + key.slug();
    }

    static MonitorKey monitorOf(String pk) {
        String[] parts = pk.substring(MONITOR_PK_PREFIX.length()).split("#", 2);
        return new MonitorKey(parts[0], parts[1]);
    }

    static Map<String, AttributeValue> monitorKey(MonitorKey monitor) {
        return key(monitorPk(monitor), MONITOR);
    }

    static String environmentSk(String name) {
        return ENV_PREFIX + name;
    }

    static String environmentOf(String sk) {
        return sk.substring(ENV_PREFIX.length());
    }

    static String checkInSk(Instant dateAdded, String checkInId) {
        return CHECK_IN_PREFIX + sortable(dateAdded) + "#" + checkInId;
    }

    /** The id in a check-in's or a logged ping's sort key ({@code PREFIX#time#id}). */
    static String recordIdOf(String sk) {
        return sk.substring(sk.indexOf('#', sk.indexOf('#') + 1) + 1);
    }

    /** The first check-in sort key of a run that started at or after {@code since}. */
    static String checkInsFrom(Instant since) {
        return CHECK_IN_PREFIX + sortable(since);
    }

    static String checkInsEnd() {
        return CHECK_IN_PREFIX + LAST;
    }

    static Map<String, AttributeValue> attachmentKey(MonitorKey monitor, String checkInId) {
        return key(monitorPk(monitor), ATTACHMENT_PREFIX + checkInId);
    }

    static String incidentSk(Instant dateStarted, String incidentId) {
        return INCIDENT_PREFIX + sortable(dateStarted) + "#" + incidentId;
    }

    static String errorSk(Instant receivedAt, String errorId) {
        return ERROR_PREFIX + sortable(receivedAt) + "#" + errorId;
    }

    /** The first error sort key at or after {@code oldest}. */
    static String errorsFrom(Instant oldest) {
        return ERROR_PREFIX + sortable(oldest);
    }

    static String errorsEnd() {
        return ERROR_PREFIX + LAST;
    }

    /** The organization-wide list of processing errors in byParent. */
    static String organizationErrors(String organization) {
        return "ORG#" + organization + "#ERRORS";
    }

    /** Time first, so the index sorts by it; slug and id keep two errors of one instant apart. */
    static String organizationErrorGsk(Instant receivedAt, String slug, String errorId) {
        return sortable(receivedAt) + "#" + slug + "#" + errorId;
    }

    /** After every organization error listed at {@code at}: the list's lower bound, exclusive. */
    static String organizationErrorsAfter(Instant at) {
        return sortable(at) + "#" + LAST;
    }

    static Map<String, AttributeValue> outboxKey(MonitorKey monitor, String alertId) {
        return key(monitorPk(monitor), OUTBOX_PREFIX + alertId);
    }

    /** Listed by when it may next be taken; monitor and id keep two alerts of one instant apart. */
    static String outboxGsk(Instant nextAttemptAt, MonitorKey monitor, String alertId) {
        return sortable(nextAttemptAt) + "#" + monitorPk(monitor) + "#" + alertId;
    }

    static Map<String, AttributeValue> failureKey(MonitorKey monitor, String messageId) {
        return key(monitorPk(monitor), FAILURE_PREFIX + messageId);
    }

    /** A Healthchecks ping that changed no state, in the order received. */
    static String loggedPingSk(Instant receivedAt, String id) {
        return LOGGED_PING_PREFIX + sortable(receivedAt) + "#" + id;
    }

    static String organizationMonitors(String organization) {
        return "ORG#" + organization + "#MONITORS";
    }

    /** The organization's monitor counter, beside its organization item. */
    static Map<String, AttributeValue> monitorCountKey(String organization) {
        return key(organizationPk(organization), MONITOR_COUNT);
    }

    /** The count of the monitors the organization created in {@code minute}. */
    static Map<String, AttributeValue> createdInMinuteKey(String organization, Instant minute) {
        return key(organizationPk(organization), createdInMinuteSk(minute));
    }

    static String createdInMinuteSk(Instant minute) {
        return CREATED_IN_MINUTE_PREFIX + sortable(minute);
    }

    // the sharded indexes

    static String dueShard(int shard) {
        return DUE_SHARD_PREFIX + shard;
    }

    /** {@code shards}: the due index's count, the {@code DueIndexShards} setting (at least {@link #SHARDS}). */
    static String dueShardOf(String pk, int shards) {
        return dueShard(shardOf(pk, shards));
    }

    /** The record of one tick's head passes (infra/table-design.md, "the clock's head passes of a tick"). */
    static Map<String, AttributeValue> headPassesKey(Instant tick) {
        return key("CLOCK#" + sortable(tick), "HEADS");
    }

    /** The due index's shard count the stack has written with at most (infra/table-design.md, "Changing DueIndexShards"). */
    static Map<String, AttributeValue> dueShardsKey() {
        return key("CLOCK", "DUESHARDS");
    }

    static String outboxShard(int shard) {
        return OUTBOX_SHARD_PREFIX + shard;
    }

    static String outboxShardOf(String pk) {
        return outboxShard(shardOf(pk, DynamoAlertOutbox.SHARDS));
    }

    private static int shardOf(String pk, int shards) {
        return Math.floorMod(pk.hashCode(), shards);
    }

    // organizations, projects, DSN keys and tokens: every name checked before it becomes a key

    static String organizationPk(String organization) {
        return "ORG#" + TenantNames.requireSlug(organization, "organization");
    }

    static String projectPk(String organization) {
        return "PRJ#" + TenantNames.requireSlug(organization, "organization");
    }

    static String projectSlugSk(String slug) {
        return PROJECT_SLUG_PREFIX + slug;
    }

    static String dsnKeyPk(String publicKey) {
        return DSN_KEY_PK_PREFIX + TenantNames.requirePublicKey(publicKey);
    }

    static String publicKeyOf(String pk) {
        return pk.substring(DSN_KEY_PK_PREFIX.length());
    }

    static String dsnKeysOf(String organization, String projectId) {
        return "KEYS#" + TenantNames.requireSlug(organization, "organization") + "#"
                + TenantNames.requireProjectId(projectId);
    }

    /**
     * A Healthchecks check's ping code, looked up by the ping URL: its own partition, so a code names
     * one monitor and no slug leads to it. Checked as a canonical UUID before it becomes a key.
     */
    static Map<String, AttributeValue> pingCodeKey(String pingCode) {
        if (!PingCheck.isPingCode(pingCode)) throw new IllegalArgumentException("not a ping code");
        return key(PING_CODE_PK_PREFIX + pingCode, PING_CODE);
    }

    /** A project's Healthchecks ping key, looked up by the slug form of the ping URL. */
    static Map<String, AttributeValue> pingKeyKey(String pingKey) {
        if (!PingKey.isPingKey(pingKey)) throw new IllegalArgumentException("not a ping key");
        return key(PING_KEY_PK_PREFIX + pingKey, PING_KEY);
    }

    static String tokenPk(String secret) {
        return "TOKEN#" + Digest.SHA_256.hex(secret);
    }

    /** The sort key of a badge summary's head: its project, key and secret. */
    static final String BADGE = "BADGE";
    private static final String BADGE_POINTER_PREFIX = "BADGE#";
    static final String BADGE_ENTRY_PREFIX = "BADGE#";

    /** A project's badge summary, under its badge key (32 hex: checked before it becomes a key): its head and one entry per monitor. */
    static String badgePk(String badgeKey) {
        return "BADGE#" + TenantNames.requirePublicKey(badgeKey);
    }

    /** One monitor's entry in its project's badge summary, after the head, so one Query reads them all. */
    static String badgeEntrySk(String slug) {
        return BADGE_ENTRY_PREFIX + slug;
    }

    static String slugOfBadgeEntry(String sk) {
        return sk.substring(BADGE_ENTRY_PREFIX.length());
    }

    /** In the project's partition: which badge key it has. */
    static String badgePointerSk(String projectId) {
        return BADGE_POINTER_PREFIX + TenantNames.requireProjectId(projectId);
    }

    static String apiKeyPk(String secret) {
        return "APIKEY#" + Digest.SHA_256.hex(secret);
    }

    static String apiKeysOf(String organization, String projectId) {
        return "APIKEYS#" + TenantNames.requireSlug(organization, "organization") + "#"
                + TenantNames.requireProjectId(projectId);
    }

    static String tokensOf(String organization) {
        return "TOKENS#" + TenantNames.requireSlug(organization, "organization");
    }

    /** A DSN key or token in its list: oldest first, undated ones (made before they were dated) first. */
    static String listedGsk(Instant dateCreated, String id) {
        return (dateCreated == null ? "" : sortable(dateCreated)) + "#" + id;
    }

    /** The due index value's fields: millis below 10^13 (the year 2286), ranks below 10^10. */
    private static final BigDecimal RANK_UNIT = BigDecimal.TEN.pow(13);
    private static final BigDecimal TICK_UNIT = BigDecimal.TEN.pow(23);

    /** Fixed-width epoch milliseconds, so that text order is time order (until the year 2286). */
    static String sortable(Instant instant) {
        return String.format("%013d", instant.toEpochMilli());
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableDefinition.PK, s(pk), TableDefinition.SK, s(sk));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /**
     * Epoch milliseconds as an exact decimal (DynamoDB numbers keep 38 digits): readable as millis,
     * yet no sub-millisecond deadline is rounded into a different tick or a missed one.
     */
    static AttributeValue epochMillis(Instant instant) {
        return AttributeValue.fromN(epochMillisDecimal(instant).toPlainString());
    }

    /**
     * An environment's sort value in the due index, read as three fields of one number: the tick that
     * judges the deadline (epoch minutes) × 10^23, plus the monitor's rank × 10^13, plus the deadline in
     * exact epoch millis. A shard's Query then lists one minute's deadlines by ordinal ({@link DueOrder});
     * at most 8 + 10 + 13 digits and 6 decimals, inside DynamoDB's 38. An entry written as plain millis
     * (before ranks) is below every one of these and reads back as its millis.
     */
    static AttributeValue dueAt(MonitorEnvironment environment) {
        Instant deadline = environment.dueAt();
        return AttributeValue.fromN(tickStart(DueOrder.tickOf(deadline))
                .add(BigDecimal.valueOf(DueOrder.rankOf(environment)).multiply(RANK_UNIT))
                .add(epochMillisDecimal(deadline)).stripTrailingZeros().toPlainString());
    }

    /**
     * A due index value, read once: its deadline, its rank, and whether it is of the form before ranks
     * (plain millis, rank 0).
     */
    record DueValue(Instant deadline, long rank, boolean plainMillis) {
    }

    /**
     * Reads a due index value of either form. The millis field holds 13 digits (until the year 2286); a
     * later deadline (a long interval schedule) has lost whole 10^13 ms to the rank field, and its tick
     * field, which it lies in the minute before, says how many.
     */
    static DueValue dueValue(String dueAt) {
        BigDecimal value = new BigDecimal(dueAt);
        BigDecimal millis = value.remainder(RANK_UNIT);
        if (value.compareTo(RANK_UNIT) < 0) return new DueValue(fromEpochMillis(millis.toPlainString()), 0, true);
        BigDecimal minuteBeforeTick = value.divideToIntegralValue(TICK_UNIT).subtract(BigDecimal.ONE)
                .multiply(BigDecimal.valueOf(60_000));
        while (millis.compareTo(minuteBeforeTick) <= 0) millis = millis.add(RANK_UNIT);
        long rank = value.remainder(TICK_UNIT).divideToIntegralValue(RANK_UNIT).longValueExact();
        return new DueValue(fromEpochMillis(millis.toPlainString()), rank, false);
    }

    /** The least due index value of the tick at {@code minute} (a minute start). */
    static AttributeValue firstDueOfTick(Instant minute) {
        return AttributeValue.fromN(tickStart(minute).toPlainString());
    }

    /** The greatest due index value of the tick at {@code minute}: every deadline it judges is at most this. */
    static AttributeValue lastDueOfTick(Instant minute) {
        return AttributeValue.fromN(tickStart(minute).add(TICK_UNIT).subtract(BigDecimal.ONE).toPlainString());
    }

    private static BigDecimal tickStart(Instant minute) {
        return BigDecimal.valueOf(minute.getEpochSecond() / 60).multiply(TICK_UNIT);
    }

    static BigDecimal epochMillisDecimal(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).movePointRight(3)
                .add(BigDecimal.valueOf(instant.getNano()).movePointLeft(6)).stripTrailingZeros();
    }

    static Instant fromEpochMillis(String number) {
        BigDecimal nanos = new BigDecimal(number).movePointRight(6);
        BigDecimal[] parts = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
        long seconds = parts[0].longValueExact();
        long nano = parts[1].longValueExact();
        if (nano < 0) {
            seconds -= 1;
            nano += 1_000_000_000L;
        }
        return Instant.ofEpochSecond(seconds, nano);
    }

    /** TTL attributes are whole epoch seconds. */
    static AttributeValue epochSeconds(Instant instant) {
        return n(instant.getEpochSecond());
    }
}
