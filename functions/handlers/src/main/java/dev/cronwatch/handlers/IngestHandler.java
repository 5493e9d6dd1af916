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
    /** Held for as long as the handler lives: CRaC holds its resources weakly. Null when not built by Lambda. */
    private final CheckpointHooks snapStart;

    /**
     * Lambda's. With SnapStart, primed before the snapshot (a check-in's path, the SQS client built) and
     * given fresh randomness and credentials after each restore ({@link Wiring#afterRestore}).
     */
    public IngestHandler() {
        Wiring wiring = Wiring.instance();
        this.http = new HttpApiHandler(wiring.services(), HttpScope.INGEST);
        this.snapStart = CheckpointHooks.register(() -> {
            wiring.connections().buildSqs(); // built, not called: a call would queue something
            http.prime();
        }, wiring::afterRestore);
    }

    public IngestHandler(Services services) {
        this.http = new HttpApiHandler(services, HttpScope.INGEST);
        this.snapStart = null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handleRequest(event, context);
    }
}
