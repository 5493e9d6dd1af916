package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.service.AdminService;
import dev.cronwatch.core.service.MonitorView;
import dev.cronwatch.core.service.NotFoundException;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Values;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard reads beyond Sentry's monitor API: whose token it holds, and the monitors a
 * page at a time with everything the list shows, in one request per page.
 */
final class DashboardApi {
    static final int MAX_PAGE = 100;
    /** The server's time, by which the dashboard says "3 min ago" (a browser's clock may be off). */
    static final String TIME_HEADER = "X-Cronwatch-Time";

    private final AdminService admin;
    private final Credentials credentials;
    private final Clock clock;

    DashboardApi(AdminService admin, Credentials credentials, Clock clock) {
        this.admin = admin;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Sentry's {@code GET /api/0/organizations/}: the organizations the token reaches, here exactly one. */
    APIGatewayV2HTTPResponse organizations(Request request) {
        String organization = credentials.organization(request);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", organization);
        json.put("slug", organization);
        json.put("name", organization);
        return Response.json(200, List.of(json), Map.of(TIME_HEADER, clock.instant().toString()));
    }

    /**
     * {@code GET …/monitor-summaries/?cursor=&per_page=}: monitors in slug order, each with its
     * environments' state and newest runs; paged with Sentry's {@code Link} header. Compressed when
     * the browser accepts it: a full page is about 1.5 KB per monitor as JSON.
     */
    APIGatewayV2HTTPResponse summaries(Request request, String organization) {
        if (!credentials.organization(request).equals(organization)) throw new NotFoundException("organization");
        int limit = MAX_PAGE;
        String perPage = request.query().get("per_page");
        if (perPage != null) {
            Long n = Values.integer(perPage, "per_page");
            if (n == null || n < 1 || n > MAX_PAGE) throw new FieldError("per_page", "Use 1 to 100.");
            limit = n.intValue();
        }
        String cursor = request.query().get("cursor");
        Page<MonitorView> page;
        try {
            page = admin.summaries(organization, cursor == null || cursor.isEmpty() ? null : cursor, limit);
        } catch (IllegalArgumentException e) {
            throw new FieldError("cursor", "Invalid cursor.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (page.nextCursor() != null) {
            String next = URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8);
            headers.put("Link", "<" + request.path() + "?cursor=" + next + "&per_page=" + limit
                    + ">; rel=\"next\"; results=\"true\"; cursor=\"" + page.nextCursor() + "\"");
        }
        headers.put("Cache-Control", "no-store");
        headers.put(TIME_HEADER, clock.instant().toString());
        return Gzip.ifAccepted(request, Response.json(200, Views.all(page.items(), Views::summary), headers));
    }
}
