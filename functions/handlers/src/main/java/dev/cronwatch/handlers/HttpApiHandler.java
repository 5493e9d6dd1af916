package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.port.InvalidCursorException;
import dev.cronwatch.core.service.ConcurrentChangeException;
import dev.cronwatch.core.port.Metric;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.port.QueueRefusedException;
import dev.cronwatch.core.service.NotFoundException;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.handlers.http.HttpRoutes;
import dev.cronwatch.handlers.http.HttpScope;
import dev.cronwatch.handlers.http.Priming;
import dev.cronwatch.handlers.http.Request;
import dev.cronwatch.handlers.http.Response;
import dev.cronwatch.handlers.usecases.IngestServices;
import dev.cronwatch.handlers.usecases.ManagementServices;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP function (API Gateway HTTP API, payload 2.0): check-in ingest with DSN keys and the
 * management API with bearer tokens. Everything decidable without state is answered here (4xx naming
 * the field); the rest is the processor's, and shows up as processing errors. Deployed, it runs as two
 * functions of different rights ({@link IngestHandler}, {@link ManagementHandler}), each serving its
 * {@link HttpScope}; local mode serves every route.
 */
public final class HttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger log = LoggerFactory.getLogger(HttpApiHandler.class);
    private final HttpRoutes routes;
    private final Metrics metrics;

    /** Every route (local mode, tests); the deployed functions are {@link IngestHandler} and {@link ManagementHandler}. */
    public HttpApiHandler(IngestServices ingest, ManagementServices management) {
        this(HttpRoutes.all(ingest, management), ingest.metrics());
    }

    HttpApiHandler(HttpRoutes routes, Metrics metrics) {
        this.routes = routes;
        this.metrics = metrics;
    }

    /** Before a SnapStart checkpoint: sample requests of this function's scope, not answered, not counted. */
    void prime() {
        Priming.run(routes, routes.scope());
    }

    /**
     * The one error-mapping boundary. Whatever escapes below, an Error included, becomes a 500 naming a
     * request id that the log line carries too, and the function returns: a caller never sees a dropped
     * connection. (An OutOfMemoryError here is a bug of ours; every input is bounded before it is read.)
     */
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? null
                : event.getRequestContext().getHttp().getMethod();
        LogContext.beginHttp(context, event.getRequestContext() == null ? null : event.getRequestContext().getRequestId(),
                event.getRawPath());
        try {
            APIGatewayV2HTTPResponse response = routes.admits(method, event.getRawPath()) ? respond(event, context)
                    : Response.error(404, null, "No such route.");
            if (response.getStatusCode() >= 400 && routes.isCheckIn(method, event.getRawPath())) {
                metrics.add(Metric.CHECK_INS_REJECTED, 1, rejection(response.getStatusCode()));
            }
            return response;
        } finally {
            metrics.flush();
            LogContext.end();
        }
    }

    static int status(FieldError.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED -> 415;
        };
    }

    /** The Reason dimension: a few fixed words, so a hostile client cannot create metrics. */
    static String rejection(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401, 403 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "internal" : "other";
        };
    }

    private APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return routes.handle(Request.of(event));
        } catch (FieldError e) {
            return Response.error(status(e.kind()), e.field(), e.detail());
        } catch (NotFoundException e) {
            // Sentry's words first, for clients that compare them; then what we can say to this caller
            return Response.error(404, null, e.detail().map(d -> "The requested resource does not exist: " + d)
                    .orElse("The requested resource does not exist."));
        } catch (InvalidCursorException e) {
            return Response.error(400, "cursor", e.getMessage());
        } catch (ConcurrentChangeException e) {
            return Response.error(409, null, "The resource kept changing while it was updated; try again.");
        } catch (QueueRefusedException e) {
            // the only 5xx a valid check-in gets: SQS refused it, or did not answer, through every retry
            return serverError(503, "The queue did not accept this check-in (" + e.getMessage() + "): send it again.",
                    event, context, e);
        } catch (Throwable e) {
            return serverError(500, "Internal error.", event, context, e);
        }
    }

    private static APIGatewayV2HTTPResponse serverError(int status, String detail, APIGatewayV2HTTPEvent event,
                                                        Context context, Throwable e) {
        String requestId = requestId(event, context);
        try {
            log.error("request {} ({} {}) failed", requestId, method(event), event.getRawPath(), e);
        } catch (Throwable logFailed) {
            // the answer matters more than the line: the client still gets the id
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail + " Quote request id " + requestId + " when reporting it.");
        body.put("requestId", requestId);
        return Response.json(status, body);
    }

    /** API Gateway's id (the one its access log shows), else Lambda's, else a new one. */
    private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        if (context != null && context.getAwsRequestId() != null) return context.getAwsRequestId();
        return UUID.randomUUID().toString();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? "?" : event.getRequestContext().getHttp().getMethod();
    }
}
