package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.adapters.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored document, written and read only through {@link StoredName}s: a value that is absent
 * (null, or a default the name says) is left out, every time is written in the one time encoding, and
 * a name is read under its key or, in an item of the previous format, under its previous name.
 */
final class StoredDocument {

    private final Map<String, Object> values;

    private StoredDocument(Map<String, Object> values) {
        this.values = values;
    }

    static StoredDocument empty() {
        return new StoredDocument(new LinkedHashMap<>());
    }

    static StoredDocument parse(String json) {
        return new StoredDocument(Json.parseObjectExact(json));
    }

    @SuppressWarnings("unchecked")
    static StoredDocument of(Object nested) {
        return new StoredDocument((Map<String, Object>) nested);
    }

    String json() {
        return Json.write(values);
    }

    Map<String, Object> values() {
        return values;
    }

    StoredDocument put(StoredName name, Object value) {
        if (value instanceof Instant instant) {
            values.put(name.key, time(instant));
        } else if (value instanceof StoredDocument document) {
            values.put(name.key, document.values);
        } else if (value != null) {
            values.put(name.key, value);
        }
        return this;
    }

    /** True when stored (a flag is stored only when set). */
    StoredDocument flag(StoredName name, boolean set) {
        return set ? put(name, true) : this;
    }

    Object get(StoredName name) {
        Object value = values.get(name.key);
        return value != null ? value : values.get(name.previous);
    }

    boolean has(StoredName name) {
        return get(name) != null;
    }

    String string(StoredName name) {
        Object value = get(name);
        return value == null ? null : value.toString();
    }

    Long number(StoredName name) {
        Object value = get(name);
        return value == null ? null : ((Number) value).longValue();
    }

    boolean flag(StoredName name) {
        return Boolean.TRUE.equals(get(name));
    }

    Instant instant(StoredName name) {
        return instant(get(name));
    }

    List<String> strings(StoredName name) {
        Object list = get(name);
        return list == null ? List.of() : ((List<?>) list).stream().map(Object::toString).toList();
    }

    /** Epoch milliseconds, with a fraction only for what is finer: exact both ways. */
    static Object time(Instant instant) {
        if (instant.getNano() % 1_000_000 == 0) return instant.toEpochMilli();
        return Keys.epochMillisDecimal(instant);
    }

    /** Also the previous format's times: whole milliseconds as a number, anything finer as ISO text. */
    static Instant instant(Object value) {
        if (value == null) return null;
        if (value instanceof BigDecimal exact) return Keys.fromEpochMillis(exact.toPlainString());
        if (value instanceof Number millis) return Instant.ofEpochMilli(millis.longValue());
        return Instant.parse((String) value);
    }
}
