package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.ConfigPatch;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.service.MonitorService;
import dev.cronwatch.core.service.MonitorUpdate;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Values;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Monitors, check-ins, incidents and processing errors, with a bearer token of the organization. */
record ManagementApi(MonitorService monitors, Credentials credentials) {
    private static final Instant EARLIEST_SINCE = Instant.EPOCH;
    private static final Instant SINCE_LIMIT = Instant.parse("2200-01-01T00:00:00Z");
    private static final MonitorConfigParser CONFIG = new MonitorConfigParser("config.");

    /** In slug order, a page at a time (Sentry's {@code per_page} and {@code Link}). */
    APIGatewayV2HTTPResponse list(Request request, String organization) {
        credentials.authorize(request, organization);
        return Paging.of(request, "monitors", organization)
                .answer((cursor, perPage) -> monitors.list(organization, cursor, perPage), Views::monitor);
    }

    APIGatewayV2HTTPResponse create(Request request, String organization) {
        credentials.authorize(request, organization);
        Map<String, Object> body = request.json();
        String project = project(body.get("project"));
        Object config = body.get("config");
        if (config == null) throw new FieldError("config", "This field is required.");
        MonitorConfig parsed = CONFIG.patch(Values.object(config, "config")).applyTo(null, false);
        var view = monitors.create(organization, project, Values.string(body.get("name"), "name"),
                Values.string(body.get("slug"), "slug"), parsed);
        return Response.json(201, Views.monitor(view));
    }

    /** A project id (a whole number, as JSON number or text) or a slug. */
    private static String project(Object raw) {
        if (raw == null) throw new FieldError("project", "This field is required.");
        if (raw instanceof Number) {
            Long id = Values.integer(raw, "project");
            if (id == null || id < 1) throw new FieldError("project", "Project ids are positive whole numbers.");
            return Long.toString(id);
        }
        return Values.string(raw, "project");
    }

    APIGatewayV2HTTPResponse get(Request request, String organization, String slug) {
        credentials.authorize(request, organization);
        return Response.json(200, Views.monitor(monitors.get(organization, slug)));
    }

    /** Partial: name, status ({@code active}/{@code disabled}), {@code isMuted}, and config keys sent. */
    APIGatewayV2HTTPResponse update(Request request, String organization, String slug) {
        credentials.authorize(request, organization);
        Map<String, Object> body = request.json();
        String status = Values.string(body.get("status"), "status");
        MonitorStatus parsedStatus = null;
        if (status != null) {
            try {
                parsedStatus = MonitorStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw new FieldError("status", "\"" + status + "\" is not a valid choice.");
            }
        }
        ConfigPatch config = body.get("config") == null ? null
                : CONFIG.settings(Values.object(body.get("config"), "config"));
        String name = Values.string(body.get("name"), "name");
        var view = monitors.update(organization, slug,
                new MonitorUpdate(name, parsedStatus, Values.bool(body.get("isMuted"), "isMuted"), config));
        return Response.json(200, Views.monitor(view));
    }

    APIGatewayV2HTTPResponse delete(Request request, String organization, String slug) {
        credentials.authorize(request, organization);
        monitors.delete(organization, slug);
        return Response.json(202, Map.of());
    }

    /** Newest first, paged with Sentry's {@code Link} header and {@code ?cursor=}. */
    APIGatewayV2HTTPResponse checkIns(Request request, String organization, String slug) {
        credentials.authorize(request, organization);
        String given = request.query().get("environment");
        String environment = given == null || given.isEmpty() ? null : given;
        Instant since = since(request);
        return Paging.of(request, "checkins", organization, slug, environment, since).answer(
                (cursor, perPage) -> monitors.checkIns(organization, slug, environment, since, cursor, perPage),
                Views::checkIn);
    }

    /** Newest first, paged like check-ins: a flapping job can have opened thousands. */
    APIGatewayV2HTTPResponse incidents(Request request, String organization, String slug) {
        credentials.authorize(request, organization);
        return Paging.of(request, "incidents", organization, slug)
                .answer((cursor, perPage) -> monitors.incidents(organization, slug, cursor, perPage), Views::incident);
    }

    APIGatewayV2HTTPResponse processingErrors(Request request, String organization, String slug) {
        credentials.authorize(request, organization);
        return Response.json(200, Views.all(monitors.processingErrors(organization, slug), Views::processingError));
    }

    /**
     * Every monitor's processing errors, newest first and paged like check-ins: the one place a
     * check-in for a mistyped slug, or one dropped by the rate limit, shows up without knowing where to look.
     */
    APIGatewayV2HTTPResponse organizationProcessingErrors(Request request, String organization) {
        credentials.authorize(request, organization);
        return Paging.of(request, "processing-errors", organization).answer(
                (cursor, perPage) -> monitors.organizationProcessingErrors(organization, cursor, perPage),
                Views::processingError);
    }

    /** Sentry's {@code PUT …/environments/{env}/ {"isMuted": bool}}: answers the monitor, as Sentry does. */
    APIGatewayV2HTTPResponse updateEnvironment(Request request, String organization, String slug, String environment) {
        credentials.authorize(request, organization);
        Boolean muted = Values.bool(request.json().get("isMuted"), "isMuted");
        if (muted == null) throw new FieldError("isMuted", "This field is required.");
        return Response.json(200, Views.monitor(monitors.muteEnvironment(organization, slug, environment, muted)));
    }

    APIGatewayV2HTTPResponse deleteEnvironment(Request request, String organization, String slug, String environment) {
        credentials.authorize(request, organization);
        monitors.deleteEnvironment(organization, slug, environment);
        return Response.json(202, Map.of());
    }

    /**
     * {@code ?since=<ISO instant>}: only runs started then or later (the dashboard's timeline window).
     * Bounded to what the store orders: it dates check-ins in epoch milliseconds of 13 digits (1970 to
     * 2286), and an instant of year 999,999,999 does not even fit in a long of them.
     */
    private static Instant since(Request request) {
        String since = request.query().get("since");
        if (since == null || since.isEmpty()) return null;
        Instant parsed;
        try {
            parsed = Instant.parse(since);
        } catch (DateTimeParseException e) {
            parsed = null;
        }
        if (parsed == null || parsed.isBefore(EARLIEST_SINCE) || !parsed.isBefore(SINCE_LIMIT)) {
            throw new FieldError("since", "Use an ISO-8601 instant from 1970 to 2199, such as 2026-01-01T00:00:00Z.");
        }
        return parsed;
    }
}
