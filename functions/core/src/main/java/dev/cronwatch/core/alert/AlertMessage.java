package dev.cronwatch.core.alert;

import java.util.Map;

/**
 * One notification as subscribers receive it (docs/spec.md §12.1): the body, and string attributes
 * for subscription filters. The subject and every other form people read are rendered at delivery.
 */
public record AlertMessage(AlertBody body, Map<String, String> attributes) {
    public AlertMessage {
        attributes = Map.copyOf(attributes);
    }
}
