package dev.cronwatch.core.validation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Reads loosely typed decoded JSON (maps, lists, strings, numbers) into checked Java values. */
public final class Values {
    private Values() {
    }

    public static String string(Object value, String field) {
        if (value == null) return null;
        if (value instanceof String s) return s;
        throw new FieldError(field, "Expected a string.");
    }

    /** An integral number; JSON decoders may hand us Integer, Long, Double or BigDecimal. */
    public static Long integer(Object value, String field) {
        if (value == null) return null;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            try {
                BigDecimal d = new BigDecimal(n.toString()); // "Infinity" (JSON's 1e999 read as a double) is no decimal
                if (d.stripTrailingZeros().scale() <= 0) return d.longValueExact();
            } catch (NumberFormatException | ArithmeticException notALong) {
                throw new FieldError(field, "A valid integer is required.");
            }
        }
        if (value instanceof String s && s.matches("-?\\d{1,18}")) return Long.parseLong(s);
        throw new FieldError(field, "A valid integer is required.");
    }

    public static Double number(Object value, String field) {
        if (value == null) return null;
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) return d;
        }
        if (value instanceof String s) {
            try {
                double d = Double.parseDouble(s.trim());
                if (Double.isFinite(d)) return d;
            } catch (NumberFormatException ignored) {
                // falls through to the error naming the field
            }
        }
        throw new FieldError(field, "A valid number is required.");
    }

    public static Boolean bool(Object value, String field) {
        if (value == null) return null;
        if (value instanceof Boolean b) return b;
        throw new FieldError(field, "Must be a valid boolean.");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value, String field) {
        if (value == null) return null;
        if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new FieldError(field, "Expected an object.");
    }

    public static List<?> list(Object value, String field) {
        if (value == null) return null;
        if (value instanceof List<?> l) return l;
        throw new FieldError(field, "Expected a list.");
    }
}
