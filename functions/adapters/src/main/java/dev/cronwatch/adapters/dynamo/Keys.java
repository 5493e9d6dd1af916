package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.monitor.MonitorKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How every item of the table is addressed (infra/table-design.md), and the value encodings keys rely
 * on. Every monitor item lives in the partition {@code MON#{org}#{slug}}: organization and monitor
 * slugs are validated to {@code [a-z0-9_-]}, so no name can contain the separator and reach another
 * tenant's partition. Sort keys start with a fixed prefix per item type and end with the free-form
 * part (an environment name may contain '#'), so no name can forge another type's key either.
 */
final class Keys {
    /** The monitor item; its environments follow it ({@code M#name}), so one query reads both. */
    static final String MONITOR = "M";
    static final String ENV_PREFIX = "M#";
    static final String CHECK_IN_PREFIX = "CI#";
    static final String ATTACHMENT_PREFIX = "ATT#";
    static final String INCIDENT_PREFIX = "INC#";
    static final String ERROR_PREFIX = "ERR#";
    static final String OUTBOX_PREFIX = "OUT#";
    static final String FAILURE_PREFIX = "FAIL#";
    private static final String MONITOR_PK_PREFIX = "MON#";

    /**
     * The due index and the outbox index are written on many monitors' behalf: spread over this many
     * partition keys so that no index partition takes more than its share of a burst. The outbox
     * always uses this many; the due index at least this many (a setting, {@code DueIndexShards}).
     */
    static final int SHARDS = 10;
    static final String DUE_SHARD_PREFIX = "DUE#";
    static final String OUTBOX_SHARD_PREFIX = "OUTBOX#";

    private Keys() {
    }

    static String monitorPk(MonitorKey key) {
        return MONITOR_PK_PREFIX + key.organization() + "#" + key.slug();
    }

    static MonitorKey monitorOf(String pk) {
        String[] parts = pk.substring(MONITOR_PK_PREFIX.length()).split("#", 2);
        return new MonitorKey(parts[0], parts[1]);
    }

    static String organizationMonitors(String organization) {
        return "ORG#" + organization + "#MONITORS";
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

    /** The check-in id at the end of a check-in's sort key. */
    static String checkInIdOf(String sk) {
        return sk.substring(sk.indexOf('#', CHECK_IN_PREFIX.length()) + 1);
    }

    static String incidentSk(Instant dateStarted, String incidentId) {
        return INCIDENT_PREFIX + sortable(dateStarted) + "#" + incidentId;
    }

    static String errorSk(Instant receivedAt, String errorId) {
        return ERROR_PREFIX + sortable(receivedAt) + "#" + errorId;
    }

    static String shardOf(String pk, String prefix, int shards) {
        return prefix + Math.floorMod(pk.hashCode(), shards);
    }

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
