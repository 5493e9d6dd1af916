package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.handlers.http.HttpRoutes;
import dev.cronwatch.handlers.usecases.IngestServices;

/**
 * The ingest function: check-ins in Sentry's three forms, authenticated by DSN. Its role cannot delete,
 * nor write organizations, projects, keys or tokens; every other route answers 404 here.
 */
public final class IngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApiHandler http;
    /** Held for as long as the handler lives: CRaC holds its resources weakly. Null when not built by Lambda. */
    private final CheckpointHooks snapStart;

    /**
     * Lambda's. With SnapStart, primed before the snapshot (a check-in's path, the SQS client built) and
     * given fresh randomness and credentials after each restore ({@link Wiring#afterRestore}).
     */
    public IngestHandler() {
        Wiring wiring = Wiring.instance();
        this.http = serving(IngestServices.of(wiring.ports()));
        this.snapStart = CheckpointHooks.register(() -> {
            wiring.connections().buildSqs(); // built, not called: a call would queue something
            http.prime();
        }, wiring::afterRestore);
    }

    public IngestHandler(IngestServices services) {
        this.http = serving(services);
        this.snapStart = null;
    }

    private static HttpApiHandler serving(IngestServices services) {
        return new HttpApiHandler(HttpRoutes.ingest(services), services.metrics());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handleRequest(event, context);
    }
}
