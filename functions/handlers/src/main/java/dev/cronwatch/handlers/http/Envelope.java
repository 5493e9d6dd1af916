package dev.cronwatch.handlers.http;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Sentry envelope: a JSON header line, then items, each a JSON header line and a payload that is
 * either {@code length} bytes or runs to the next newline.
 */
record Envelope(Map<String, Object> header, List<Item> items) {
    record Item(String type, byte[] payload) {
        Map<String, Object> json() {
            try {
                return Json.parseObject(new String(payload, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new FieldError("envelope", "Malformed " + type + " item: " + e.getMessage());
            }
        }
    }

    static Envelope parse(byte[] body) {
        Cursor in = new Cursor(body);
        Map<String, Object> header = headerJson(in.line(), "envelope header");
        List<Item> items = new ArrayList<>();
        while (!in.atEnd()) {
            byte[] line = in.line();
            if (line.length == 0) continue; // blank lines between items are tolerated
            Map<String, Object> itemHeader = headerJson(line, "item header");
            Object type = itemHeader.get("type");
            if (!(type instanceof String t)) throw new FieldError("envelope", "An envelope item needs a type.");
            Object length = itemHeader.get("length");
            byte[] payload;
            if (length instanceof Number n) {
                payload = in.take(n.intValue());
                in.skipNewline();
            } else {
                payload = in.line();
            }
            items.add(new Item(t, payload));
        }
        return new Envelope(header, items);
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

        byte[] take(int n) {
            if (n < 0 || at + n > bytes.length) throw new FieldError("envelope", "An item is shorter than its length.");
            byte[] out = Arrays.copyOfRange(bytes, at, at + n);
            at += n;
            return out;
        }

        void skipNewline() {
            if (at < bytes.length && bytes[at] == '\n') at++;
        }
    }
}
