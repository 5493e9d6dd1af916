package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.port.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A page cursor is the key to continue after (DynamoDB's ExclusiveStartKey), as opaque URL-safe text.
 * Only string and number key attributes exist in this table, so a type letter per value is enough.
 */
final class Cursors {
    /** DynamoDB's limit on a sort key (a partition key may have 2048): a longer value was not made here. */
    private static final int MAX_KEY_BYTES = 1024;
    private static final int MAX_CLIENT_CURSOR = 8 * 1024;

    private Cursors() {
    }

    static String encode(Map<String, AttributeValue> key) {
        Map<String, String> typed = new LinkedHashMap<>();
        key.forEach((name, value) -> typed.put(name, value.n() != null ? "N" + value.n() : "S" + value.s()));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(typed).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for the first page; a cursor that was not made here is refused. */
    static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) return null;
        Map<String, Object> typed;
        try {
            typed = Json.parseObject(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | Json.MalformedJsonException e) {
            throw new IllegalArgumentException("invalid cursor", e);
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        typed.forEach((name, raw) -> {
            String value = String.valueOf(raw);
            if (value.isEmpty()) throw new IllegalArgumentException("invalid cursor");
            key.put(name, value.charAt(0) == 'N' ? AttributeValue.fromN(value.substring(1))
                    : AttributeValue.fromS(value.substring(1)));
        });
        return key;
    }

    /**
     * A cursor a client sent back: it must name exactly {@code keyNames}, all strings of a length a key
     * can have, and be a key of the listing it is sent to ({@code ofThisListing}: its partition, inside
     * the key condition). Anything else is {@link InvalidCursorException}, before DynamoDB sees it.
     */
    static Map<String, AttributeValue> decodeFromClient(String cursor, List<String> keyNames,
                                                        Predicate<Map<String, AttributeValue>> ofThisListing) {
        if (cursor == null || cursor.isEmpty()) return null;
        if (cursor.length() > MAX_CLIENT_CURSOR) throw new InvalidCursorException();
        Map<String, AttributeValue> key;
        try {
            key = decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
        if (!new HashSet<>(keyNames).equals(key.keySet())) throw new InvalidCursorException();
        for (AttributeValue value : key.values()) {
            if (value.s() == null || value.s().isEmpty()
                    || value.s().getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
                throw new InvalidCursorException();
            }
        }
        if (!ofThisListing.test(key)) throw new InvalidCursorException();
        return key;
    }

    /**
     * Compares two key values as DynamoDB orders strings, by their UTF-8 bytes: Java's compareTo orders
     * UTF-16 units, which puts U+10000 and above before U+E000..U+FFFF, so a range check with it would
     * let a key DynamoDB finds outside the query's range through (and DynamoDB answers that with an error).
     */
    static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
