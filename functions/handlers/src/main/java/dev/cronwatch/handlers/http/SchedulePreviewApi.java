package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.validation.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentry's schedule preview, {@code GET /api/0/organizations/{org}/monitors-schedule-data/}: the next
 * {@code num_ticks} times of a schedule as epoch seconds, from the start of the current hour as Sentry
 * counts them, or after {@code start}. The schedule is read as a monitor's config is, by the same engine
 * the deadlines use, so the preview shows what the clock will expect.
 */
final class SchedulePreviewApi {
    static final int MAX_TICKS = 100;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2199-12-31T23:59:59Z");

    private final Credentials credentials;
    private final Clock clock;
    private final MonitorConfigParser parser = new MonitorConfigParser("");

    SchedulePreviewApi(Credentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse preview(Request request, String organization) {
        credentials.authorize(request, organization);
        int ticks = ticks(request.query().get("num_ticks"));
        MonitorConfig config = parser.parse(config(request));
        Instant start = start(request.query().get("start"));
        List<Long> seconds = config.schedule().upcoming(start, config.zone(), ticks).stream()
                .map(Instant::getEpochSecond).toList();
        return Response.json(200, seconds);
    }

    /** The query as a monitor_config: an interval's {@code schedule} comes twice, its value then its unit. */
    private static Map<String, Object> config(Request request) {
        Map<String, Object> wire = new HashMap<>();
        String type = request.query().get("schedule_type");
        if (type != null) wire.put("schedule_type", type);
        List<String> schedule = request.queryValues("schedule");
        if ("interval".equals(type)) {
            if (schedule.size() != 2) throw new FieldError("schedule", "An interval is sent as schedule=<value>&schedule=<unit>.");
            try {
                wire.put("schedule", List.of(Long.parseLong(schedule.get(0)), schedule.get(1)));
            } catch (NumberFormatException e) {
                throw new FieldError("schedule", "An interval's value is a whole number.");
            }
        } else if (schedule.size() == 1) {
            wire.put("schedule", schedule.get(0));
        } else if (schedule.size() > 1) {
            throw new FieldError("schedule", "Send one schedule.");
        }
        String timezone = request.query().get("timezone");
        if (timezone != null) wire.put("timezone", timezone);
        return wire;
    }

    private static int ticks(String raw) {
        if (raw == null) throw new FieldError("num_ticks", "This field is required: how many times to show, 1 to " + MAX_TICKS + ".");
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= MAX_TICKS) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new FieldError("num_ticks", "num_ticks is a whole number from 1 to " + MAX_TICKS + ".");
    }

    private Instant start(String raw) {
        if (raw == null) return clock.instant().truncatedTo(ChronoUnit.HOURS).minusSeconds(1);
        try {
            Instant start = Instant.parse(raw);
            if (!start.isBefore(EARLIEST) && !start.isAfter(LATEST)) return start;
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new FieldError("start", "start is an ISO-8601 instant from 1970 to 2199, such as 2026-01-01T00:00:00Z.");
    }
}
