package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.service.AdminService;
import dev.cronwatch.core.service.IngestService;
import dev.cronwatch.core.service.ProjectService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Every route of docs/spec.md (§3 to §5), in one table. */
public final class HttpRoutes {
    private static final String MONITORS = "/api/0/organizations/{org}/monitors";
    private static final String MONITOR = MONITORS + "/{slug}";
    private static final String PROJECTS = "/api/0/organizations/{org}/projects";
    private static final String KEYS = "/api/0/projects/{org}/{project}/keys";

    private record Route(String method, PathPattern pattern, BiFunction<Request, Map<String, String>, APIGatewayV2HTTPResponse> action) {
    }

    private final List<Route> routes;

    public HttpRoutes(IngestService ingest, AdminService admin, ProjectService projects, MonitorStore store,
                      TenantDirectory tenants, Clock clock) {
        Credentials credentials = new Credentials(tenants, clock);
        IngestApi in = new IngestApi(ingest, store, credentials);
        ManagementApi mg = new ManagementApi(admin, credentials);
        ProjectsApi pr = new ProjectsApi(projects, mg, credentials);
        DashboardApi dash = new DashboardApi(admin, credentials, clock);
        Dashboard dashboard = Dashboard.fromClasspath();
        routes = List.of(
                route("POST", MONITOR + "/checkins", (r, v) -> in.create(r, v.get("org"), v.get("slug"))),
                route("PUT", MONITOR + "/checkins/{id}", (r, v) -> in.update(r, v.get("org"), v.get("slug"), v.get("id"))),
                route("POST", MONITOR + "/checkins/{id}/attachment", (r, v) -> in.attachment(r, v.get("org"), v.get("slug"), v.get("id"))),
                route("GET", "/api/{project}/cron/{slug}/{key}", (r, v) -> in.relay(r, v.get("project"), v.get("slug"), v.get("key"))),
                route("POST", "/api/{project}/cron/{slug}/{key}", (r, v) -> in.relay(r, v.get("project"), v.get("slug"), v.get("key"))),
                route("POST", "/api/{project}/envelope", (r, v) -> in.envelope(r, v.get("project"))),
                route("GET", MONITORS, (r, v) -> mg.list(r, v.get("org"))),
                route("POST", MONITORS, (r, v) -> mg.create(r, v.get("org"))),
                route("GET", MONITOR, (r, v) -> mg.get(r, v.get("org"), v.get("slug"))),
                route("PUT", MONITOR, (r, v) -> mg.update(r, v.get("org"), v.get("slug"))),
                route("DELETE", MONITOR, (r, v) -> mg.delete(r, v.get("org"), v.get("slug"))),
                route("GET", MONITOR + "/checkins", (r, v) -> mg.checkIns(r, v.get("org"), v.get("slug"))),
                route("GET", MONITOR + "/incidents", (r, v) -> mg.incidents(r, v.get("org"), v.get("slug"))),
                route("GET", MONITOR + "/processing-errors", (r, v) -> mg.processingErrors(r, v.get("org"), v.get("slug"))),
                route("GET", "/api/0/organizations/{org}/processing-errors",
                        (r, v) -> mg.organizationProcessingErrors(r, v.get("org"))),

                route("GET", PROJECTS, (r, v) -> pr.list(r, v.get("org"))),
                route("POST", PROJECTS, (r, v) -> pr.create(r, v.get("org"))),
                route("GET", KEYS, (r, v) -> pr.keys(r, v.get("org"), v.get("project"))),
                route("POST", KEYS, (r, v) -> pr.createKey(r, v.get("org"), v.get("project"))),
                route("DELETE", KEYS + "/{key}", (r, v) -> pr.revokeKey(r, v.get("org"), v.get("project"), v.get("key"))),
                route("PUT", MONITOR + "/environments/{env}", (r, v) -> mg.updateEnvironment(r, v.get("org"), v.get("slug"), v.get("env"))),
                route("DELETE", MONITOR + "/environments/{env}", (r, v) -> mg.deleteEnvironment(r, v.get("org"), v.get("slug"), v.get("env"))),
                route("GET", "/api/0/organizations", (r, v) -> dash.organizations(r)),
                route("GET", "/api/0/organizations/{org}/monitor-summaries", (r, v) -> dash.summaries(r, v.get("org"))),
                route("GET", "/", (r, v) -> dashboard.page(r)),
                route("GET", "/assets/{version}/{name}", (r, v) -> dashboard.asset(r, v.get("version"), v.get("name"))));
    }

    private static Route route(String method, String pattern,
                               BiFunction<Request, Map<String, String>, APIGatewayV2HTTPResponse> action) {
        return new Route(method, PathPattern.of(pattern), action);
    }

    public APIGatewayV2HTTPResponse handle(Request request) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> variables = route.pattern().match(request.path());
            if (variables == null) continue;
            pathKnown = true;
            if (route.method().equals(request.method())) return route.action().apply(request, variables);
        }
        return pathKnown ? Response.error(405, null, "Method " + request.method() + " not allowed here.")
                : Response.error(404, null, "No such route.");
    }
}
