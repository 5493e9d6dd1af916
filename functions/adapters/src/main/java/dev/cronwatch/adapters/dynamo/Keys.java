package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.core.monitor.MonitorKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How every item of the table is addressed (infra/table-design.md), and the value encodings keys rely on. */
final class Keys {
    static final String MONITOR = "MONITOR";
    static final String QUEUE = "QUEUE";
    static final String ENV_PREFIX = "ENV#";
    static final String INCIDENT_PREFIX = "INC#";
    static final String ERROR_PREFIX = "ERR#";
    static final String CHECK_IN_PREFIX = "CI#";
    static final String CHECK_IN = "CI";
    static final String ATTACHMENT = "ATTACHMENT";
    static final String ATTACHMENT_PREFIX = "ATT#";
    static final String OUTBOX = "OUTBOX";
    static final String DUE = "due";

    /**
     * Fixed width, so that text order is time order: {@code Instant.toString()} drops zero fractions,
     * and "…:00Z" would sort after "…:00.5Z".
     */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Keys() {
    }

    static String monitorPk(MonitorKey key) {
        return "MON#" + key.organization() + "#" + key.slug();
    }

    static String organizationMonitors(String organization) {
        return "ORG#" + organization + "#MONITORS";
    }

    static String environmentSk(String name) {
        return ENV_PREFIX + name;
    }

    static String checkInPk(String checkInId) {
        return CHECK_IN_PREFIX + checkInId;
    }

    static String checkInGsk(Instant dateAdded, String checkInId) {
        return CHECK_IN_PREFIX + sortable(dateAdded) + "#" + checkInId;
    }

    static String incidentSk(Instant dateStarted, String incidentId) {
        return INCIDENT_PREFIX + sortable(dateStarted) + "#" + incidentId;
    }

    static String errorSk(Instant receivedAt, String errorId) {
        return ERROR_PREFIX + sortable(receivedAt) + "#" + errorId;
    }

    static String sortable(Instant instant) {
        return SORTABLE.format(instant);
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
