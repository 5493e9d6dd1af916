package dev.cronwatch.adapters.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** JSON text to maps and lists and back: the one JSON codec of cronwatch. */
public final class Json {
    private static final JSON JSON_ = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);
    private static final JSON EXACT = JSON_.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Json() {
    }

    /** Thrown for text that is not JSON, or not the JSON shape asked for. */
    public static final class MalformedJsonException extends RuntimeException {
        public MalformedJsonException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * One JSON value and nothing after it ({@code {…} xyz} is refused). A refusal says where the text
     * goes wrong, in our words: the parser's own message names its internals.
     */
    public static Object parse(String text) {
        return parse(JSON_, text);
    }

    private static Object parse(JSON json, String text) {
        try (JsonParser parser = json.createParser(text)) {
            Object value = read(json, parser);
            try {
                if (parser.nextToken() != null) throw trailing(parser.currentTokenLocation());
            } catch (JsonProcessingException e) {
                throw trailing(e.getLocation());
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String source has no I/O to fail
        }
    }

    private static Object read(JSON json, JsonParser parser) throws IOException {
        try {
            return json.anyFrom(parser);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException("Malformed JSON" + at(e.getLocation()) + ".");
        }
    }

    private static MalformedJsonException trailing(JsonLocation location) {
        return new MalformedJsonException("Malformed JSON: unexpected text after the value" + at(location) + ".");
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) return "";
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (value instanceof Map<?, ?> map) return (Map<String, Object>) map;
        throw new MalformedJsonException("Expected a JSON object.");
    }

    /** As {@link #parseObject}, with every number that has a fraction read as an exact BigDecimal. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObjectExact(String text) {
        Object value = parse(EXACT, text);
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

}
