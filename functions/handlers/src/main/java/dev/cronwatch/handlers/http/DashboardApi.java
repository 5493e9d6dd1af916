package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.service.MonitorService;
import dev.cronwatch.core.service.MonitorView;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard reads beyond Sentry's monitor API: whose token it holds, and the monitors a
 * page at a time with everything the list shows, in one request per page.
 */
final class DashboardApi {
    /** The server's time, by which the dashboard says "3 min ago" (a browser's clock may be off). */
    static final String TIME_HEADER = "X-Cronwatch-Time";

    private final MonitorService monitors;
    private final Credentials credentials;
    private final Clock clock;

    DashboardApi(MonitorService monitors, Credentials credentials, Clock clock) {
        this.monitors = monitors;
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
        credentials.authorize(request, organization);
        Paging paging = Paging.of(request, "monitor-summaries", organization);
        Page<MonitorView> page = monitors.list(organization, paging.cursor(), paging.perPage());
        Map<String, String> headers = new LinkedHashMap<>(paging.link(page));
        headers.put(TIME_HEADER, clock.instant().toString());
        return Gzip.ifAccepted(request, Response.json(200, Views.all(page.items(), Views::summary), headers));
    }
}
