package dev.cronwatch.handlers.http;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Sentry envelope: a JSON header line, then items, each a JSON header line and a payload that is
 * either {@code length} bytes or runs to the next newline. At most {@link #MAX_ITEMS} items, of which
 * at most {@link #MAX_CHECK_INS} check-ins; a {@code length} is checked against what is left of the
 * body before anything is copied.
 */
record Envelope(Map<String, Object> header, List<Item> items) {
    static final int MAX_ITEMS = 100;
    /**
     * Sentry's SDKs send one check-in per envelope; each check-in is a queue message and may become a
     * monitor or a processing error, so one request may not carry more than a few.
     */
    static final int MAX_CHECK_INS = 10;
    static final String CHECK_IN = "check_in";

    record Item(String type, byte[] payload) {
        Map<String, Object> json() {
            try {
                return Json.parseObject(new String(payload, StandardCharsets.UTF_8));
            } catch (Json.MalformedJsonException e) {
                throw new FieldError("envelope", "In the " + type + " item: " + e.getMessage());
            }
        }
    }

    /** Only the header line: what authenticates an envelope without a key in the request. */
    static Map<String, Object> header(byte[] body) {
        return headerJson(new Cursor(body).line(), "envelope header");
    }

    static Envelope parse(byte[] body) {
        Cursor in = new Cursor(body);
        Map<String, Object> header = headerJson(in.line(), "envelope header");
        List<Item> items = new ArrayList<>();
        while (!in.atEnd()) {
            byte[] line = in.line();
            if (line.length == 0) continue; // blank lines between items are tolerated
            if (items.size() == MAX_ITEMS) {
                throw new FieldError("envelope", "An envelope holds at most " + MAX_ITEMS + " items.", FieldError.Kind.TOO_LARGE);
            }
            Map<String, Object> itemHeader = headerJson(line, "item header");
            Object type = itemHeader.get("type");
            if (!(type instanceof String t)) throw new FieldError("envelope", "An envelope item needs a type.");
            Long length = itemHeader.get("length") == null ? null : lengthOf(itemHeader.get("length"));
            byte[] payload;
            if (length != null) {
                payload = in.take(length);
                in.skipNewline();
            } else {
                payload = in.line();
            }
            items.add(new Item(t, payload));
            if (t.equals(CHECK_IN) && items.stream().filter(i -> i.type().equals(CHECK_IN)).count() > MAX_CHECK_INS) {
                throw new FieldError("envelope", "An envelope holds at most " + MAX_CHECK_INS + " check_in items.",
                        FieldError.Kind.TOO_LARGE);
            }
        }
        return new Envelope(header, items);
    }

    private static long lengthOf(Object raw) {
        try {
            Long length = Values.integer(raw, "envelope");
            if (length != null && length >= 0) return length;
        } catch (FieldError notAWholeNumber) {
            // named below
        }
        throw new FieldError("envelope", "An item's length is a whole number of bytes.");
    }

    private static Map<String, Object> headerJson(byte[] line, String what) {
        try {
            return Json.parseObject(new String(line, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new FieldError("envelope", "Malformed " + what + ".");
        }
    }

    private static final class Cursor {
        private final byte[] bytes;
        private int at;

        Cursor(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean atEnd() {
            return at >= bytes.length;
        }

        byte[] line() {
            int start = at;
            while (at < bytes.length && bytes[at] != '\n') at++;
            byte[] line = Arrays.copyOfRange(bytes, start, at);
            if (at < bytes.length) at++;
            return line;
        }

        /** Compared with what remains, in longs: no length a client writes can overflow into a copy. */
        byte[] take(long n) {
            if (n > bytes.length - at) throw new FieldError("envelope", "An item is longer than what is left of the envelope.");
            int end = at + (int) n;
            byte[] out = Arrays.copyOfRange(bytes, at, end);
            at = end;
            return out;
        }

        void skipNewline() {
            if (at < bytes.length && bytes[at] == '\n') at++;
        }
    }
}
