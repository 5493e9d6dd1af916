package dev.cronwatch.adapters.alert;

import java.util.List;
import java.util.Map;

/**
 * One alert in each form its readers need.
 *
 * @param subject the subject line, as composed (the publisher fits it to its channel)
 * @param text    what a person reads in an email: plain text, every time in UTC and in the monitor's zone
 * @param json    the body of docs/spec.md §12.1, for programs, with AWS Chatbot's custom-notification fields added
 * @param title   one line for a chat message, safe to embed (no {@code <} or {@code >} from user text)
 * @param summary a few short lines for a chat message, safe in the same way
 * @param link    the monitor on the dashboard, or null when no public URL is configured
 */
public record RenderedAlert(String subject, String text, Map<String, Object> json, String title,
                            List<String> summary, String link) {
    public RenderedAlert {
        json = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(json));
        summary = List.copyOf(summary);
    }
}
