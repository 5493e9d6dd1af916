package dev.cronwatch.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB bills it: each attribute's name in UTF-8 plus its value (a string in
 * UTF-8, a number at about one byte per two significant digits plus one, binary as is, 3 bytes of a
 * map or list plus 1 per element). Write units are whole kilobytes of it; storage adds 100 bytes of
 * overhead per item and per index copy.
 */
final class ItemSize {
    static final int STORAGE_OVERHEAD_BYTES = 100;

    private ItemSize() {
    }

    static int of(Map<String, AttributeValue> item) {
        int size = 0;
        for (var e : item.entrySet()) size += utf8(e.getKey()) + value(e.getValue());
        return size;
    }

    /** Standard (non-transactional) write units of one item this size; a transaction doubles them. */
    static int writeUnits(int bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    private static int value(AttributeValue v) {
        if (v.s() != null) return utf8(v.s());
        if (v.n() != null) return number(v.n());
        if (v.b() != null) return v.b().asByteArray().length;
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) return 1;
        if (v.hasM()) {
            int size = 3;
            for (var e : v.m().entrySet()) size += 1 + utf8(e.getKey()) + value(e.getValue());
            return size;
        }
        if (v.hasL()) {
            int size = 3;
            for (AttributeValue element : v.l()) size += 1 + value(element);
            return size;
        }
        if (v.hasSs()) return v.ss().stream().mapToInt(ItemSize::utf8).sum();
        if (v.hasNs()) return v.ns().stream().mapToInt(ItemSize::number).sum();
        return 0;
    }

    private static int number(String n) {
        String digits = new BigDecimal(n).abs().unscaledValue().toString().replaceAll("^0+|0+$", "");
        return (Math.max(1, digits.length()) + 1) / 2 + 1;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
