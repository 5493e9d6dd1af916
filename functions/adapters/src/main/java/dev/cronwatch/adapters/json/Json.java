package dev.cronwatch.adapters.json;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** JSON text to maps and lists and back: the one JSON codec of cronwatch. */
public final class Json {
    private static final JSON JSON_ = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    private Json() {
    }

    /** Thrown for text that is not JSON, or not the JSON shape asked for. */
    public static final class MalformedJsonException extends RuntimeException {
        public MalformedJsonException(String message) {
            super(message, null, false, false);
        }
    }

    public static Object parse(String text) {
        try {
            return JSON_.anyFrom(text);
        } catch (IOException e) {
            throw new MalformedJsonException("Malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (value instanceof Map<?, ?> map) return (Map<String, Object>) map;
        throw new MalformedJsonException("Expected a JSON object.");
    }

    public static List<Object> parseArray(String text) {
        Object value = parse(text);
        if (value instanceof List<?> list) return List.copyOf(list.stream().map(o -> (Object) o).toList());
        throw new MalformedJsonException("Expected a JSON array.");
    }

    public static String write(Object value) {
        try {
            return JSON_.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
