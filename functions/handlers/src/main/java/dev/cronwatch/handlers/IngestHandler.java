package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.handlers.http.HttpScope;

/**
 * The ingest function: check-ins in Sentry's three forms, authenticated by DSN. Its role cannot delete,
 * nor write organizations, projects, keys or tokens; every other route answers 404 here.
 */
public final class IngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApiHandler http;

    public IngestHandler() {
        this(Wiring.instance().services());
    }

    public IngestHandler(Services services) {
        this.http = new HttpApiHandler(services, HttpScope.INGEST);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handleRequest(event, context);
    }
}
