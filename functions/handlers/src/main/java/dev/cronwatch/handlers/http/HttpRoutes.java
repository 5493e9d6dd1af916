package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.handlers.usecases.IngestServices;
import dev.cronwatch.handlers.usecases.ManagementServices;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Every route of docs/spec.md (§3 to §5), in one table. */
public final class HttpRoutes {
    private static final String MONITORS = "/api/0/organizations/{org}/monitors";
    private static final String MONITOR = MONITORS + "/{slug}";
    private static final String PROJECTS = "/api/0/organizations/{org}/projects";
    private static final String KEYS = "/api/0/projects/{org}/{project}/keys";
    private static final String TOKENS = "/api/0/organizations/{org}/tokens";
    private static final String API_KEYS = "/api/0/projects/{org}/{project}/api-keys";
    private static final String HC_CHECKS = HealthchecksApi.PREFIX + "/checks";
    private static final String HC_CHECK = HC_CHECKS + "/{code}";
    /** Healthchecks' ping URLs take any method, as Healthchecks' view does. */
    private static final String ANY_METHOD = "ANY";

    /** {@code checkIn}: authenticated by DSN, served by the ingest function. */
    private record Route(String method, PathPattern pattern, boolean checkIn,
                         BiFunction<Request, Map<String, String>, APIGatewayV2HTTPResponse> action) {
        boolean takes(String requestMethod) {
            return method.equals(ANY_METHOD) || method.equals(requestMethod);
        }

        /** The route's method and path, answered as no route of this function's. */
        Route unserved() {
            return new Route(method, pattern, checkIn, (r, v) -> Response.error(404, null, "No such route."));
        }
    }

    private final HttpScope scope;
    private final List<Route> routes;

    private HttpRoutes(HttpScope scope, List<Route> routes) {
        this.scope = scope;
        this.routes = List.copyOf(routes);
    }

    /** The ingest function's: the check-in routes alone. */
    public static HttpRoutes ingest(IngestServices ingest) {
        return new HttpRoutes(HttpScope.INGEST, checkIns(ingest, credentials(ingest)));
    }

    /**
     * The management function's. It knows the check-in routes without serving them, so that it
     * refuses a check-in as another function's route and answers another method on its path with 405.
     */
    public static HttpRoutes management(ManagementServices management) {
        List<Route> all = new ArrayList<>(checkIns(null, null).stream().map(Route::unserved).toList());
        all.addAll(managementRoutes(management, new Credentials(management.credentials(), management.clock())));
        return new HttpRoutes(HttpScope.MANAGEMENT, all);
    }

    /** Every route, served in one process (local mode, tests). */
    public static HttpRoutes all(IngestServices ingest, ManagementServices management) {
        Credentials credentials = credentials(ingest);
        List<Route> all = new ArrayList<>(checkIns(ingest, credentials));
        all.addAll(managementRoutes(management, credentials));
        return new HttpRoutes(HttpScope.ALL, all);
    }

    private static Credentials credentials(IngestServices ingest) {
        return new Credentials(ingest.credentials(), ingest.clock());
    }

    /** {@code ingest} null: routes whose actions {@link Route#unserved} replaces, never called. */
    private static List<Route> checkIns(IngestServices ingest, Credentials credentials) {
        IngestApi in = ingest == null ? null : new IngestApi(ingest.ingest(), ingest.attachments(), credentials);
        PingApi ping = ingest == null ? null : new PingApi(ingest.ingest(), ingest.store(), ingest.credentials(),
                ingest.clock(), ingest.ids(), ingest.pingRateLimit());
        return List.of(
                checkIn("POST", MONITOR + "/checkins", (r, v) -> in.create(r, v.get("org"), v.get("slug"))),
                checkIn("PUT", MONITOR + "/checkins/{id}", (r, v) -> in.update(r, v.get("org"), v.get("slug"), v.get("id"))),
                checkIn("POST", MONITOR + "/checkins/{id}/attachment", (r, v) -> in.attachment(r, v.get("org"), v.get("slug"), v.get("id"))),
                checkIn("GET", "/api/{project}/cron/{slug}/{key}", (r, v) -> in.relay(r, v.get("project"), v.get("slug"), v.get("key"))),
                checkIn("POST", "/api/{project}/cron/{slug}/{key}", (r, v) -> in.relay(r, v.get("project"), v.get("slug"), v.get("key"))),
                checkIn("POST", "/api/{project}/envelope", (r, v) -> in.envelope(r, v.get("project"))),
                checkIn(ANY_METHOD, "/ping/{a}", (r, v) -> ping.ping(r, v.get("a"), null, null)),
                checkIn(ANY_METHOD, "/ping/{a}/{b}", (r, v) -> ping.ping(r, v.get("a"), v.get("b"), null)),
                checkIn(ANY_METHOD, "/ping/{a}/{b}/{c}", (r, v) -> ping.ping(r, v.get("a"), v.get("b"), v.get("c"))));
    }

    private static List<Route> managementRoutes(ManagementServices services, Credentials credentials) {
        Clock clock = services.clock();
        ManagementApi mg = new ManagementApi(services.monitors(), credentials);
        ProjectsApi pr = new ProjectsApi(services.projects(), credentials);
        TokensApi tk = new TokensApi(services.tokens(), credentials, clock);
        ApiKeysApi ak = new ApiKeysApi(services.apiKeys(), credentials);
        HealthchecksApi hc = new HealthchecksApi(services.healthchecks(), services.badges(), credentials, clock);
        BadgesApi bg = new BadgesApi(services.badges());
        DashboardApi dash = new DashboardApi(services.monitors(), credentials, clock);
        SchedulePreviewApi preview = new SchedulePreviewApi(credentials, clock);
        return List.of(
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
                route("GET", "/api/0/projects/{org}/{project}/ping-key", (r, v) -> pr.pingKey(r, v.get("org"), v.get("project"))),
                route("GET", TOKENS, (r, v) -> tk.list(r, v.get("org"))),
                route("POST", TOKENS, (r, v) -> tk.create(r, v.get("org"))),
                route("DELETE", TOKENS + "/{id}", (r, v) -> tk.revoke(r, v.get("org"), v.get("id"))),
                route("GET", API_KEYS, (r, v) -> ak.list(r, v.get("org"), v.get("project"))),
                route("POST", API_KEYS, (r, v) -> ak.create(r, v.get("org"), v.get("project"))),
                route("DELETE", API_KEYS + "/{id}", (r, v) -> ak.revoke(r, v.get("org"), v.get("project"), v.get("id"))),
                route("PUT", MONITOR + "/environments/{env}", (r, v) -> mg.updateEnvironment(r, v.get("org"), v.get("slug"), v.get("env"))),
                route("DELETE", MONITOR + "/environments/{env}", (r, v) -> mg.deleteEnvironment(r, v.get("org"), v.get("slug"), v.get("env"))),
                route("GET", HC_CHECKS, (r, v) -> hc.list(r)),
                route("POST", HC_CHECKS, (r, v) -> hc.create(r)),
                route("OPTIONS", HC_CHECKS, (r, v) -> hc.preflight(r)),
                route("GET", HC_CHECK, (r, v) -> hc.get(r, v.get("code"))),
                route("POST", HC_CHECK, (r, v) -> hc.update(r, v.get("code"))),
                route("DELETE", HC_CHECK, (r, v) -> hc.delete(r, v.get("code"))),
                route("OPTIONS", HC_CHECK, (r, v) -> hc.preflight(r)),
                route("POST", HC_CHECK + "/pause", (r, v) -> hc.pause(r, v.get("code"))),
                route("OPTIONS", HC_CHECK + "/pause", (r, v) -> hc.preflight(r)),
                route("POST", HC_CHECK + "/resume", (r, v) -> hc.resume(r, v.get("code"))),
                route("OPTIONS", HC_CHECK + "/resume", (r, v) -> hc.preflight(r)),
                route("GET", HC_CHECK + "/pings", (r, v) -> hc.pings(r, v.get("code"))),
                route("OPTIONS", HC_CHECK + "/pings", (r, v) -> hc.preflight(r)),
                route("GET", HC_CHECK + "/pings/{n}/body", (r, v) -> hc.pingBody(r, v.get("code"), v.get("n"))),
                route("OPTIONS", HC_CHECK + "/pings/{n}/body", (r, v) -> hc.preflight(r)),
                route("GET", HC_CHECK + "/flips", (r, v) -> hc.flips(r, v.get("code"))),
                route("OPTIONS", HC_CHECK + "/flips", (r, v) -> hc.preflight(r)),
                route("GET", HealthchecksApi.PREFIX + "/badges", (r, v) -> hc.badges(r)),
                route("OPTIONS", HealthchecksApi.PREFIX + "/badges", (r, v) -> hc.preflight(r)),
                route("GET", HealthchecksApi.PREFIX + "/channels", (r, v) -> hc.channels(r)),
                route("OPTIONS", HealthchecksApi.PREFIX + "/channels", (r, v) -> hc.preflight(r)),
                route("GET", HealthchecksApi.PREFIX + "/status", (r, v) -> hc.status(r)),
                route("GET", "/badge/{key}/{file}", (r, v) -> bg.all(r, v.get("key"), v.get("file"))),
                route("GET", "/badge/{key}/{signature}/{file}", (r, v) -> bg.tag(r, v.get("key"), v.get("signature"), v.get("file"))),
                route("GET", "/b/{states}/{key}/{signature}/{file}",
                        (r, v) -> bg.check(r, v.get("states"), v.get("key"), v.get("signature"), v.get("file"))),
                route("GET", "/badge/{file}", (r, v) -> bg.incomplete()),
                route("GET", "/b/{states}/{key}/{file}", (r, v) -> bg.incomplete()),
                route("GET", "/api/0/organizations", (r, v) -> dash.organizations(r)),
                route("GET", "/api/0/organizations/{org}/monitor-summaries", (r, v) -> dash.summaries(r, v.get("org"))),
                route("GET", "/api/0/organizations/{org}/monitors-schedule-data", (r, v) -> preview.preview(r, v.get("org"))),
                route("GET", "/", (r, v) -> DashboardFiles.LOADED.page(r)),
                route("GET", "/assets/{version}/{name}",
                        (r, v) -> DashboardFiles.LOADED.asset(r, v.get("version"), v.get("name"))));
    }

    /**
     * The dashboard's files are read, hashed and compressed on the first page or asset request (the
     * JVM initialises this class then, once): an API call's cold start does none of that work.
     */
    private static final class DashboardFiles {
        static final Dashboard LOADED = Dashboard.fromClasspath();
    }

    private static Route route(String method, String pattern,
                               BiFunction<Request, Map<String, String>, APIGatewayV2HTTPResponse> action) {
        return new Route(method, PathPattern.of(pattern), false, action);
    }

    private static Route checkIn(String method, String pattern,
                                 BiFunction<Request, Map<String, String>, APIGatewayV2HTTPResponse> action) {
        return new Route(method, PathPattern.of(pattern), true, action);
    }

    /**
     * Every route as {@code "METHOD /pattern"} (variables in braces), in table order: tests that must
     * try each route, such as the tenancy matrix, read it here so that a route added later is tried too.
     */
    public List<String> table() {
        return routes.stream().map(r -> r.method() + " " + r.pattern().text()).toList();
    }

    /** Which requests this table's function serves. */
    public HttpScope scope() {
        return scope;
    }

    /** True for a check-in request (authenticated by DSN), whatever its outcome. */
    public boolean isCheckIn(String method, String path) {
        if (method == null || path == null) return false;
        for (Route route : routes) {
            if (route.checkIn() && route.takes(method) && route.pattern().match(path) != null) return true;
        }
        return false;
    }

    /** Whether this function serves the request at all; what it does not serve is an unknown route. */
    public boolean admits(String method, String path) {
        return scope.serves(isCheckIn(method, path));
    }

    public APIGatewayV2HTTPResponse handle(Request request) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> variables = route.pattern().match(request.path());
            if (variables == null) continue;
            pathKnown = true;
            if (route.takes(request.method())) return route.action().apply(request, variables);
        }
        return pathKnown ? Response.error(405, null, "Method " + request.method() + " not allowed here.")
                : Response.error(404, null, "No such route.");
    }
}
