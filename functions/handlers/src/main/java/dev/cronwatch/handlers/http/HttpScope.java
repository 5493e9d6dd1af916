package dev.cronwatch.handlers.http;

import java.util.List;

/**
 * Which requests a function serves. The deployed API sends check-ins to the ingest function and the
 * rest to the management function, whose role alone may write tenants or delete; each function also
 * refuses, as an unknown route, what the other serves, whatever API Gateway's routing does.
 * Local mode serves everything in one handler.
 */
public enum HttpScope {
    ALL, INGEST, MANAGEMENT;

    private record Route(String method, PathPattern pattern) {
    }

    /** The check-in routes of every form (DSN credentials); the same paths as {@link HttpRoutes}. */
    private static final List<Route> CHECK_INS = List.of(
            new Route("POST", PathPattern.of("/api/0/organizations/{org}/monitors/{slug}/checkins")),
            new Route("PUT", PathPattern.of("/api/0/organizations/{org}/monitors/{slug}/checkins/{id}")),
            new Route("POST", PathPattern.of("/api/0/organizations/{org}/monitors/{slug}/checkins/{id}/attachment")),
            new Route("GET", PathPattern.of("/api/{project}/cron/{slug}/{key}")),
            new Route("POST", PathPattern.of("/api/{project}/cron/{slug}/{key}")),
            new Route("POST", PathPattern.of("/api/{project}/envelope")));

    /** True for a check-in request (authenticated by DSN), whatever its outcome. */
    public static boolean isCheckIn(String method, String path) {
        if (method == null || path == null) return false;
        for (Route route : CHECK_INS) {
            if (route.method().equals(method) && route.pattern().match(path) != null) return true;
        }
        return false;
    }

    public boolean admits(String method, String path) {
        return switch (this) {
            case ALL -> true;
            case INGEST -> isCheckIn(method, path);
            case MANAGEMENT -> !isCheckIn(method, path);
        };
    }
}
