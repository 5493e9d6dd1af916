package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.adapters.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A page cursor is the key to continue after (DynamoDB's ExclusiveStartKey), as opaque URL-safe text.
 * Only string and number key attributes exist in this table, so a type letter per value is enough.
 */
final class Cursors {
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
}
