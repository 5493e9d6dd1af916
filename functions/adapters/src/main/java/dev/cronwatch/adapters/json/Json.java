package dev.cronwatch.adapters.json;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonLocation;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/**
 * JSON text to maps and lists and back: the one JSON codec of cronwatch. It reads and writes with the
 * AWS SDK's own copy of Jackson's streaming parser, whose classes the first DynamoDB or SQS call loads
 * anyway: a JSON library of our own beside it would add its classes to every cold start.
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /** Thrown for text that is not JSON, or not the JSON shape asked for. */
    public static final class MalformedJsonException extends RuntimeException {
        public MalformedJsonException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * One JSON value and nothing after it ({@code {…} xyz} is refused), an object's keys each once.
     * Integers are Integer, Long or BigInteger by size, other numbers Double. A refusal says where the
     * text goes wrong, in our words: the parser's own message names its internals.
     */
    public static Object parse(String text) {
        return parse(text, false);
    }

    private static Object parse(String text, boolean exactFractions) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            Object value;
            try {
                JsonToken first = parser.nextToken();
                if (first == null) throw malformed(parser.currentLocation());
                value = read(parser, first, exactFractions);
            } catch (JsonProcessingException e) {
                throw malformed(e.getLocation());
            }
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

    private static Object read(JsonParser parser, JsonToken token, boolean exactFractions) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonLocation at = parser.currentTokenLocation();
                    Object value = read(parser, parser.nextToken(), exactFractions);
                    if (object.containsKey(key)) throw malformed(at);
                    object.put(key, value);
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(read(parser, next, exactFractions));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return exactFractions ? parser.getDecimalValue() : (Object) parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw malformed(parser.currentTokenLocation());
        }
    }

    private static MalformedJsonException malformed(JsonLocation location) {
        return new MalformedJsonException("Malformed JSON" + at(location) + ".");
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
        Object value = parse(text, true);
        if (value instanceof Map<?, ?> map) return (Map<String, Object>) map;
        throw new MalformedJsonException("Expected a JSON object.");
    }

    public static List<Object> parseArray(String text) {
        Object value = parse(text);
        if (value instanceof List<?> list) return List.copyOf(list.stream().map(o -> (Object) o).toList());
        throw new MalformedJsonException("Expected a JSON array.");
    }

    /** An object of these names and values, in this order, a null value kept: a view's fields in one writer. */
    public static Map<String, Object> object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("a name without its value");
        Map<String, Object> json = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) json.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return json;
    }

    /**
     * Maps (their keys as text), lists and arrays, text, numbers, booleans and null; an enum, UUID, URI
     * or character as its text. Any other type is refused: it has no one JSON form.
     */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter has no I/O to fail
        }
        return out.toString();
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>
                || value instanceof UUID || value instanceof URI) {
            out.writeString(value.toString());
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d) {
            out.writeNumber(d);
        } else if (value instanceof Float f) {
            out.writeNumber(f);
        } else if (value instanceof BigDecimal d) {
            out.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            out.writeNumber(i);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                write(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            out.writeStartArray();
            for (Object item : items) write(out, item);
            out.writeEndArray();
        } else if (value instanceof Object[] items) {
            write(out, Arrays.asList(items));
        } else {
            throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName());
        }
    }
}
