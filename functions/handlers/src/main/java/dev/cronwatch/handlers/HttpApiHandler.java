package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.service.NotFoundException;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.handlers.http.HttpRoutes;
import dev.cronwatch.handlers.http.Request;
import dev.cronwatch.handlers.http.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP function (API Gateway HTTP API, payload 2.0): check-in ingest with DSN keys and the
 * management API with bearer tokens. Everything decidable without state is answered here (4xx naming
 * the field); the rest is the processor's, and shows up as processing errors.
 */
public final class HttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger log = LoggerFactory.getLogger(HttpApiHandler.class);
    private final HttpRoutes routes;

    public HttpApiHandler() {
        this(Wiring.services());
    }

    public HttpApiHandler(Services services) {
        this.routes = new HttpRoutes(services.ingest(), services.admin(), services.store(), services.tenants(),
                services.clock());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return routes.handle(Request.of(event));
        } catch (FieldError e) {
            return Response.error(e.status(), e.field(), e.detail());
        } catch (NotFoundException e) {
            return Response.error(404, null, "The requested resource does not exist.");
        } catch (RuntimeException e) {
            log.error("{} {} failed", event.getRequestContext() == null ? "?" : event.getRequestContext().getHttp().getMethod(),
                    event.getRawPath(), e);
            return Response.error(500, null, "Internal error.");
        }
    }
}
