package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.handlers.http.HttpScope;

/**
 * The management function: monitors, projects and keys (bearer tokens) and the dashboard; every
 * check-in route answers 404 here (the ingest function serves those).
 */
public final class ManagementHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApiHandler http;

    public ManagementHandler() {
        this(Wiring.instance().services());
    }

    public ManagementHandler(Services services) {
        this.http = new HttpApiHandler(services, HttpScope.MANAGEMENT);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handleRequest(event, context);
    }
}
