package dev.cronwatch.handlers.http;

/**
 * Which requests a function serves. The deployed API sends check-ins to the ingest function and the
 * rest to the management function, whose role alone may write tenants or delete; each function also
 * refuses, as an unknown route, what the other serves, whatever API Gateway's routing does.
 * Local mode serves everything in one handler. {@link HttpRoutes} says which routes are check-ins.
 */
public enum HttpScope {
    ALL, INGEST, MANAGEMENT;

    boolean serves(boolean checkIn) {
        return switch (this) {
            case ALL -> true;
            case INGEST -> checkIn;
            case MANAGEMENT -> !checkIn;
        };
    }
}
