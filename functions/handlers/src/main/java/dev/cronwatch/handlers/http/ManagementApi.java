package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.service.AdminService;
import dev.cronwatch.core.service.MonitorUpdate;
import dev.cronwatch.core.service.NotFoundException;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Values;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Monitors, check-ins, incidents and processing errors, with a bearer token of the organization. */
final class ManagementApi {
    private static final int DEFAULT_PAGE = 100;
    private final AdminService admin;
    private final Credentials credentials;
    private final MonitorConfigParser configParser = new MonitorConfigParser("config.");

    ManagementApi(AdminService admin, Credentials credentials) {
        this.admin = admin;
        this.credentials = credentials;
    }

    APIGatewayV2HTTPResponse list(Request request, String organization) {
        authorize(request, organization);
        return Response.json(200, admin.list(organization).stream().map(Views::monitor).toList());
    }

    APIGatewayV2HTTPResponse create(Request request, String organization) {
        authorize(request, organization);
        Map<String, Object> body = request.json();
        Object project = body.get("project");
        if (project == null) throw new FieldError("project", "This field is required.");
        Object config = body.get("config");
        if (config == null) throw new FieldError("config", "This field is required.");
        MonitorConfig parsed = configParser.parse(Values.object(config, "config"));
        var view = admin.create(organization, String.valueOf(project instanceof Number n ? n.longValue() : project),
                Values.string(body.get("name"), "name"), Values.string(body.get("slug"), "slug"), parsed);
        return Response.json(201, Views.monitor(view));
    }

    APIGatewayV2HTTPResponse get(Request request, String organization, String slug) {
        authorize(request, organization);
        return Response.json(200, Views.monitor(admin.get(organization, slug)));
    }

    /** Partial: name, status ({@code active}/{@code disabled}), {@code isMuted}, and config keys sent. */
    APIGatewayV2HTTPResponse update(Request request, String organization, String slug) {
        authorize(request, organization);
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
        MonitorConfig config = null;
        if (body.get("config") != null) {
            MonitorConfig existing = admin.get(organization, slug).monitor().config();
            Map<String, Object> patch = new java.util.HashMap<>(Values.object(body.get("config"), "config"));
            if (!patch.containsKey("schedule")) { // a settings-only change keeps the schedule
                patch.put("schedule", existing.schedule().wireValue());
                patch.put("schedule_type", existing.schedule().type());
            }
            config = configParser.patch(patch).applyTo(existing);
        }
        String name = Values.string(body.get("name"), "name");
        if (name != null && name.isBlank()) throw new FieldError("name", "This field may not be blank.");
        var view = admin.update(organization, slug,
                new MonitorUpdate(name, parsedStatus, Values.bool(body.get("isMuted"), "isMuted"), config));
        return Response.json(200, Views.monitor(view));
    }

    APIGatewayV2HTTPResponse delete(Request request, String organization, String slug) {
        authorize(request, organization);
        admin.delete(organization, slug);
        return Response.json(202, Map.of());
    }

    /** Newest first, paged with Sentry's {@code Link} header and {@code ?cursor=}. */
    APIGatewayV2HTTPResponse checkIns(Request request, String organization, String slug) {
        authorize(request, organization);
        int limit = DEFAULT_PAGE;
        String perPage = request.query().get("per_page");
        if (perPage != null) {
            Long n = Values.integer(perPage, "per_page");
            if (n == null || n < 1 || n > DEFAULT_PAGE) throw new FieldError("per_page", "Use 1 to 100.");
            limit = n.intValue();
        }
        String environment = request.query().get("environment");
        Page<CheckIn> page = admin.checkIns(organization, slug, environment == null || environment.isEmpty() ? null : environment,
                request.query().get("cursor"), limit);
        Map<String, String> headers = page.nextCursor() == null ? Map.of() : Map.of("Link",
                "<" + request.path() + "?cursor=" + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8)
                        + ">; rel=\"next\"; results=\"true\"; cursor=\"" + page.nextCursor() + "\"");
        return Response.json(200, Views.all(page.items(), Views::checkIn), headers);
    }

    APIGatewayV2HTTPResponse incidents(Request request, String organization, String slug) {
        authorize(request, organization);
        return Response.json(200, Views.all(admin.incidents(organization, slug), Views::incident));
    }

    APIGatewayV2HTTPResponse processingErrors(Request request, String organization, String slug) {
        authorize(request, organization);
        return Response.json(200, Views.all(admin.processingErrors(organization, slug), Views::processingError));
    }

    /**
     * Every monitor's processing errors, newest first and paged like check-ins: the one place a
     * check-in for a mistyped slug, or one dropped by the rate limit, shows up without knowing where to look.
     */
    APIGatewayV2HTTPResponse organizationProcessingErrors(Request request, String organization) {
        authorize(request, organization);
        int limit = perPage(request);
        Page<ProcessingError> page;
        try {
            page = admin.organizationProcessingErrors(organization, request.query().get("cursor"), limit);
        } catch (IllegalArgumentException e) {
            throw new FieldError("cursor", "Invalid cursor.");
        }
        return Response.json(200, Views.all(page.items(), Views::processingError), link(request, page));
    }

    private static int perPage(Request request) {
        String perPage = request.query().get("per_page");
        if (perPage == null) return DEFAULT_PAGE;
        Long n = Values.integer(perPage, "per_page");
        if (n == null || n < 1 || n > DEFAULT_PAGE) throw new FieldError("per_page", "Use 1 to 100.");
        return n.intValue();
    }

    /** Sentry's {@code Link} header; the next page keeps the page size asked for. */
    private static Map<String, String> link(Request request, Page<?> page) {
        if (page.nextCursor() == null) return Map.of();
        String perPage = request.query().get("per_page");
        return Map.of("Link", "<" + request.path() + "?cursor=" + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8)
                + (perPage == null ? "" : "&per_page=" + URLEncoder.encode(perPage, StandardCharsets.UTF_8))
                + ">; rel=\"next\"; results=\"true\"; cursor=\"" + page.nextCursor() + "\"");
    }

    /** Another organization's path answers 404: a token learns nothing about what it cannot reach. */
    private void authorize(Request request, String organization) {
        if (!credentials.organization(request).equals(organization)) throw new NotFoundException("organization");
    }
}
