package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.sqs.QueueMessageCodec;
import dev.cronwatch.core.ingest.CheckInCommand;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.validation.FieldError;
import java.time.Instant;
import java.util.Map;

/**
 * What a SnapStart checkpoint runs through the routes before its snapshot, so that restored copies
 * find a request's classes loaded: a sample request of each kind the function serves, up to its
 * lookup (a DynamoDB read of a key or token that does not exist) and its refusal, a check-in
 * encoded as the queue takes it, and the dashboard's page. Nothing is queued, stored or counted.
 */
public final class Priming {
    private static final String ORGANIZATION = "snapstart-priming";
    private static final String SAMPLE_ID = "00000000-0000-4000-8000-000000000001";
    private static final DsnKey UNKNOWN_KEY = new DsnKey("0".repeat(32), ORGANIZATION, "1");
    private static final String CHECK_IN = "{\"status\": \"ok\", \"environment\": \"production\", \"duration\": 1.5,"
            + " \"monitor_config\": {\"schedule\": {\"type\": \"crontab\", \"value\": \"0 * * * *\"},"
            + " \"checkin_margin\": 5, \"max_runtime\": 30, \"timezone\": \"Europe/Riga\"}}";

    private Priming() {
    }

    public static void run(HttpRoutes routes, HttpScope scope) {
        if (scope != HttpScope.MANAGEMENT) {
            CheckInCommand command = CheckInPayload.command(UNKNOWN_KEY, "priming", null, Json.parseObject(CHECK_IN), false);
            new QueueMessageCodec().encode(command.toMessage(SAMPLE_ID, SAMPLE_ID, Instant.EPOCH));
            refused(routes, event("POST", "/api/0/organizations/" + ORGANIZATION + "/monitors/priming/checkins/",
                    Map.of("authorization", "DSN " + UNKNOWN_KEY.dsn("https", "priming.invalid"),
                            "content-type", "application/json"), CHECK_IN));
        }
        if (scope != HttpScope.INGEST) {
            refused(routes, event("GET", "/api/0/organizations/" + ORGANIZATION + "/monitors/",
                    Map.of("authorization", "Bearer priming-" + "0".repeat(40)), null));
            routes.handle(Request.of(event("GET", "/", Map.of(), null))); // the dashboard's files, read once
        }
    }

    private static void refused(HttpRoutes routes, APIGatewayV2HTTPEvent event) {
        try {
            routes.handle(Request.of(event));
        } catch (FieldError expected) {
            // unknown credentials: the lookup was made, which is what priming is for
        }
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> headers, String body) {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build();
        return APIGatewayV2HTTPEvent.builder().withRawPath(path).withRawQueryString("").withHeaders(headers)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http)
                        .withRequestId("priming").build())
                .withBody(body).build();
    }
}
