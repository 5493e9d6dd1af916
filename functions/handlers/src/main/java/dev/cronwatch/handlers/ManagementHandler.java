package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.handlers.http.HttpRoutes;
import dev.cronwatch.handlers.usecases.ManagementServices;

/**
 * The management function: monitors, projects and keys (bearer tokens) and the dashboard; every
 * check-in route answers 404 here (the ingest function serves those).
 */
public final class ManagementHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApiHandler http;
    /** Held for as long as the handler lives: CRaC holds its resources weakly. Null when not built by Lambda. */
    private final CheckpointHooks snapStart;

    /**
     * Lambda's. With SnapStart, primed before the snapshot (a management request's path) and given fresh
     * randomness and credentials after each restore ({@link Wiring#afterRestore}).
     */
    public ManagementHandler() {
        Wiring wiring = Wiring.instance();
        this.http = serving(ManagementServices.of(wiring.ports()));
        this.snapStart = CheckpointHooks.register(http::prime, wiring::afterRestore);
    }

    public ManagementHandler(ManagementServices services) {
        this.http = serving(services);
        this.snapStart = null;
    }

    private static HttpApiHandler serving(ManagementServices services) {
        return new HttpApiHandler(HttpRoutes.management(services), services.metrics());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handleRequest(event, context);
    }
}
