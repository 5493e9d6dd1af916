package dev.cronwatch.core.monitor;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What makes a monitor a Healthchecks check (docs/spec.md §14): the secret code its ping URL carries,
 * and Healthchecks' options that have no Sentry counterpart. The code is random and never changes; like
 * a DSN key it is a capability, so nothing derived from the monitor's slug or id may stand for it.
 * {@code postOnly} is Healthchecks' {@code methods == "POST"}: pings by any other method are recorded
 * and ignored. {@code manualResume}: a ping to a paused check is recorded and ignored instead of
 * resuming it. {@code filter}: the keyword filters that may make a ping another kind by its body.
 * {@code alerts}: whether its incidents publish alerts (Healthchecks' {@code channels} other than "").
 */
public record PingCheck(String pingCode, boolean manualResume, boolean postOnly, List<String> tags,
                        String description, KeywordFilter filter, boolean alerts) {
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public PingCheck {
        if (pingCode == null || !CANONICAL_UUID.matcher(pingCode).matches()) {
            throw new IllegalArgumentException("a ping code is a lower-case canonical UUID: " + pingCode);
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        description = description == null ? "" : description;
        filter = filter == null ? KeywordFilter.NONE : filter;
    }

    /** A check without keyword filters, alerting. */
    public PingCheck(String pingCode, boolean manualResume, boolean postOnly, List<String> tags, String description) {
        this(pingCode, manualResume, postOnly, tags, description, KeywordFilter.NONE, true);
    }

    /** A check with Healthchecks' defaults, as {@code ?create=1} makes one. */
    public static PingCheck withCode(String pingCode) {
        return new PingCheck(pingCode, false, false, List.of(), "");
    }

    /** Healthchecks' URL converter takes only this form: upper case or braces are not a ping code. */
    public static boolean isPingCode(String text) {
        return text != null && CANONICAL_UUID.matcher(text).matches();
    }
}
