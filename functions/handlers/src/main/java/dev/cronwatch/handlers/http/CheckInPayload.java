package dev.cronwatch.handlers.http;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.validation.SlugRule;
import dev.cronwatch.core.ingest.CheckInCommand;
import dev.cronwatch.core.ingest.Slugs;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Text;
import dev.cronwatch.core.validation.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the fields of any of the three ingest forms into a validated command. */
final class CheckInPayload {
    private static final List<String> CONFIG_KEYS = List.of("schedule", "schedule_type", "checkin_margin", "max_runtime",
            "timezone", "failure_issue_threshold", "recovery_threshold");
    private static final List<String> SCHEDULE_KEYS = List.of("type", "value", "unit");
    /** A real config is about 200 characters. */
    private static final int MAX_CONFIG_CHARS = 4 * 1024;

    private CheckInPayload() {
    }

    /**
     * {@code checkInId} is taken as given (null: latest, or a run the service starts); the body's
     * {@code check_in_id} is read only through {@link #bodyCheckInId}. {@code durationInSeconds}: the
     * relay and envelopes send seconds (a float), the HTTP API milliseconds.
     */
    static CheckInCommand command(DsnKey key, String slug, String checkInId, Map<String, Object> fields,
                                  boolean durationInSeconds) {
        String status = Values.string(fields.get("status"), "status");
        String environment = Values.string(fields.get("environment"), "environment");
        Long durationMs;
        if (durationInSeconds) {
            durationMs = CheckInCommand.secondsToMillis(Values.number(fields.get("duration"), "duration"));
        } else {
            Double ms = Values.number(fields.get("duration"), "duration");
            durationMs = ms == null ? null : ms.longValue();
        }
        Map<String, Object> config = config(fields.get("monitor_config"));
        return new CheckInCommand(key.organization(), key.projectId(), slug(slug), checkInId, CheckInCommand.status(status),
                environment, durationMs, config);
    }

    /**
     * The config as it travels to the processor, which validates it (an invalid one must not cost an
     * existing monitor its check-in). Here only what the queue cannot carry is refused: more than
     * {@link #MAX_CONFIG_CHARS} of JSON, or text a queue message cannot hold.
     */
    private static Map<String, Object> config(Object raw) {
        if (raw == null) return null;
        Map<String, Object> config = understood(Values.object(raw, "monitor_config"));
        String json = Json.write(config);
        if (json.length() > MAX_CONFIG_CHARS) {
            throw new FieldError("monitor_config", "A monitor_config is at most 4 KB of JSON.", FieldError.Kind.TOO_LARGE);
        }
        if (!Text.isPrintable(json)) {
            throw new FieldError("monitor_config", "A monitor_config holds printable text only: no unpaired"
                    + " surrogates, non-characters or line separators.");
        }
        return config;
    }

    /**
     * Only the keys the config parser reads travel on to the queue: anything else a client adds (of
     * any size, in any characters) is dropped here, as Sentry ignores it.
     */
    private static Map<String, Object> understood(Map<String, Object> config) {
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String key : CONFIG_KEYS) {
            Object value = config.get(key);
            if (value == null) continue;
            if (key.equals("schedule") && value instanceof Map<?, ?> schedule) {
                Map<String, Object> parts = new LinkedHashMap<>();
                for (String part : SCHEDULE_KEYS) {
                    if (schedule.get(part) != null) parts.put(part, schedule.get(part));
                }
                value = parts;
            }
            kept.put(key, value);
        }
        return kept;
    }

    /** The relay's and envelopes' {@code check_in_id}: the run it names, or none for the latest. */
    static String bodyCheckInId(Map<String, Object> fields) {
        return Values.string(fields.get("check_in_id"), "check_in_id");
    }

    /** Ingest accepts any name and slugifies it as Sentry does; nothing left is an error. */
    static String slug(String raw) {
        if (raw == null || raw.isBlank()) throw new FieldError("monitor_slug", "The monitor slug is required.");
        return SlugRule.MONITOR.check(Slugs.slugify(raw), "monitor_slug");
    }
}
