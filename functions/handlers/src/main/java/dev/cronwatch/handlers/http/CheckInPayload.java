package dev.cronwatch.handlers.http;

import dev.cronwatch.core.ingest.CheckInCommand;
import dev.cronwatch.core.ingest.Slugs;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Values;
import java.util.Map;

/** Turns the fields of any of the three ingest forms into a validated command. */
final class CheckInPayload {
    private CheckInPayload() {
    }

    /**
     * {@code durationInSeconds}: the relay and envelopes send seconds (a float), the HTTP API
     * milliseconds.
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
        Map<String, Object> config = fields.get("monitor_config") == null ? null
                : Values.object(fields.get("monitor_config"), "monitor_config");
        String id = checkInId != null ? checkInId : Values.string(fields.get("check_in_id"), "check_in_id");
        return CheckInCommand.of(key.organization(), key.projectId(), slug(slug), id, CheckInCommand.status(status),
                environment, durationMs, config);
    }

    /** Ingest accepts any name and slugifies it as Sentry does; nothing left is an error. */
    static String slug(String raw) {
        if (raw == null || raw.isBlank()) throw new FieldError("monitor_slug", "The monitor slug is required.");
        String slug = Slugs.slugify(raw);
        if (slug.isEmpty()) throw new FieldError("monitor_slug", "Invalid monitor slug: " + raw);
        return slug;
    }
}
