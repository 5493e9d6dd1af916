package dev.cronwatch.core.alert;

import java.util.Map;

/**
 * One notification as subscribers receive it (docs/spec.md §12.1): a subject line, a JSON body given as
 * a tree of maps and lists for the edge to encode, and string attributes for subscription filters.
 */
public record AlertMessage(String subject, Map<String, Object> body, Map<String, String> attributes) {
    public AlertMessage {
        body = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
        attributes = Map.copyOf(attributes);
    }
}
