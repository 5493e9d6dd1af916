package dev.cronwatch.handlers;

import static dev.cronwatch.handlers.HttpEvents.unknownRoute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.sqs.SqsShardTicks;
import dev.cronwatch.core.port.Metric;
import dev.cronwatch.core.queue.ShardTick;
import dev.cronwatch.handlers.http.HttpRoutes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two HTTP functions of the deployed stack: each serves its own routes and answers every other
 * one as unknown, so a request API Gateway sends to the wrong one is refused, never served with the
 * other's rights. And the metrics the HTTP and clock handlers report.
 */
class FunctionSplitTest {
    static final String KEY = InMemorySystem.KEY;
    static final String DSN = InMemorySystem.DSN;
    static final String MONITORS = "/api/0/organizations/acme/monitors/";

    final InMemorySystem system = InMemorySystem.seeded();

    static APIGatewayV2HTTPResponse call(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                         String method, String pathAndQuery, Map<String, String> headers, String body) {
        return handler.handleRequest(HttpEvents.event(method, pathAndQuery, headers, body), null);
    }

    ClockHandler clockHandler() {
        ProcessorEvents judgedHere = new ProcessorMetrics(system.metrics, system.clock);
        return new ClockHandler(system.clockService, ClockHandler.workersInThisThread(
                system.clockService, system.metrics, judgedHere), system.clock, java.time.Duration.ZERO,
                system.metrics, judgedHere);
    }

    /** EventBridge's event for the minute the clock stands at. */
    Map<String, Object> scheduledNow() {
        return Map.of("time", system.clock.instant().toString());
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            POST   | /api/0/organizations/acme/monitors/backup/checkins/                     | ingest
            PUT    | /api/0/organizations/acme/monitors/backup/checkins/latest/              | ingest
            POST   | /api/0/organizations/acme/monitors/backup/checkins/latest/attachment/   | ingest
            GET    | /api/1/cron/backup/0123456789abcdef0123456789abcdef/                    | ingest
            POST   | /api/1/cron/backup/0123456789abcdef0123456789abcdef/                    | ingest
            POST   | /api/1/envelope/                                                        | ingest
            GET    | /api/0/organizations/acme/monitors/                                     | management
            POST   | /api/0/organizations/acme/monitors/                                     | management
            GET    | /api/0/organizations/acme/monitors/backup/                              | management
            PUT    | /api/0/organizations/acme/monitors/backup/                              | management
            DELETE | /api/0/organizations/acme/monitors/backup/                              | management
            GET    | /api/0/organizations/acme/monitors/backup/checkins/                     | management
            GET    | /api/0/organizations/acme/monitors/backup/incidents/                    | management
            GET    | /api/0/organizations/acme/monitors/backup/processing-errors/            | management
            DELETE | /api/0/organizations/acme/monitors/backup/checkins/                     | management
            GET    | /                                                                       | management
            """)
    void eachFunctionServesItsRoutesAndRefusesTheOthers(String method, String path, String owner) {
        var ingest = new IngestHandler(system.ingest());
        var management = new ManagementHandler(system.management());
        var served = owner.equals("ingest") ? ingest : management;
        var refusing = owner.equals("ingest") ? management : ingest;
        assertThat(unknownRoute(call(served, method, path, Map.of(), null))).as("served by " + owner).isFalse();
        assertThat(unknownRoute(call(refusing, method, path, Map.of(), null))).as("refused by the other").isTrue();
        assertThat(unknownRoute(call(new HttpApiHandler(system.ingest(), system.management()), method, path, Map.of(), null)))
                .as("local mode serves every route").isFalse();
    }

    /**
     * Issue 29: the ingest function's table holds its check-ins alone, so its cold start defines none of
     * the other routes' lambda classes; local mode's holds every route.
     */
    @Test
    void theIngestFunctionBuildsOnlyTheCheckInRoutes() {
        HttpRoutes ingest = HttpRoutes.ingest(system.ingest());
        HttpRoutes every = HttpRoutes.all(system.ingest(), system.management());

        assertThat(ingest.table()).isNotEmpty().allSatisfy(route -> {
            String[] parts = route.split(" ", 2);
            String method = parts[0].equals("ANY") ? "GET" : parts[0];
            assertThat(every.isCheckIn(method, parts[1].replaceAll("\\{[^}]+}", "x"))).as(route).isTrue();
        });
        assertThat(every.table()).containsAll(ingest.table()).contains("GET /api/0/organizations/{org}/monitors");
    }

    @Test
    void theManagementFunctionNeverQueuesACheckIn() {
        var r = call(new ManagementHandler(system.management()), "POST", MONITORS + "backup/checkins/",
                Map.of("authorization", "DSN " + DSN), "{\"status\": \"ok\"}");
        assertThat(unknownRoute(r)).isTrue();
        assertThat(system.queue.messages()).isEmpty();
    }

    @Test
    void countsEveryCheckInAcceptedAndEveryRejectionByAFixedReason() {
        var ingest = new IngestHandler(system.ingest());
        Map<String, String> dsn = Map.of("authorization", "DSN " + DSN, "content-type", "application/json");
        assertThat(call(ingest, "POST", MONITORS + "backup/checkins/", dsn, "{\"status\": \"ok\"}").getStatusCode())
                .isEqualTo(201);
        StringBuilder envelope = new StringBuilder("{}\n");
        for (String slug : new String[] {"db", "mail", "web"}) {
            String item = "{\"monitor_slug\":\"" + slug + "\",\"status\":\"ok\"}";
            envelope.append("{\"type\":\"check_in\",\"length\":").append(item.getBytes(StandardCharsets.UTF_8).length)
                    .append("}\n").append(item).append('\n');
        }
        assertThat(call(ingest, "POST", "/api/1/envelope/?sentry_key=" + KEY, Map.of(), envelope.toString()).getStatusCode())
                .isIn(200, 202);
        assertThat(system.queue.messages()).hasSize(4);
        assertThat(system.metrics.sum(Metric.CHECK_INS_ACCEPTED)).isEqualTo(4);

        call(ingest, "POST", MONITORS + "backup/checkins/", Map.of("authorization", "DSN http://nope@x/1"), "{}");
        call(ingest, "POST", MONITORS + "backup/checkins/", dsn, "{\"status\": \"running\"}");
        call(ingest, "POST", MONITORS + "backup/checkins/", dsn, "{\"status\": \"running\"}");
        assertThat(system.metrics.sum(Metric.CHECK_INS_REJECTED, "unauthorized")).isEqualTo(1);
        assertThat(system.metrics.sum(Metric.CHECK_INS_REJECTED, "invalid")).isEqualTo(2);
        assertThat(system.metrics.sum(Metric.CHECK_INS_ACCEPTED)).isEqualTo(4);
        // management answers are not check-ins, whatever their status
        call(new ManagementHandler(system.management()), "GET", MONITORS, Map.of(), null);
        assertThat(system.metrics.sum(Metric.CHECK_INS_REJECTED)).isEqualTo(3);
        assertThat(system.metrics.flushes()).isEqualTo(6);
    }

    @Test
    void countsATickOnlyWhenTheTickRan() {
        ClockHandler clockHandler = clockHandler();
        Map<String, Object> event = scheduledNow();
        assertThat(clockHandler.handleRequest(event, null)).containsEntry("failures", 0);
        assertThat(clockHandler.handleRequest(event, null)).containsEntry("failures", 0);
        assertThat(system.metrics.sum(Metric.TICKS)).isEqualTo(2);
        assertThat(system.metrics.flushes()).isEqualTo(2);
    }

    @Test
    void aScheduledTimeThatIsNoInstant_isRefusedNamingTheField_andNothingIsTicked() {
        ClockHandler clockHandler = clockHandler();
        assertThatThrownBy(() -> clockHandler.handleRequest(Map.of("time", "Monday noon"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("time:");
        assertThat(system.metrics.sum(Metric.TICKS)).isZero();
    }

    @Test
    void aMissTheClockJudgedItself_isCountedLikeOneTheProcessorFound() {
        Map<String, String> dsn = Map.of("authorization", "DSN " + DSN, "content-type", "application/json");
        call(new IngestHandler(system.ingest()), "POST", MONITORS + "backup/checkins/", dsn,
                "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        system.process();
        // the 01:00 run is late past 01:01; nothing judged it before 01:30, past the 15-minute bound
        system.clock.set(java.time.Instant.parse("2026-01-01T01:30:00Z"));
        List<ShardTick> handedOver = new ArrayList<>();
        ClockHandler dispatcher = new ClockHandler(system.clockService, handedOver::addAll, system.clock,
                java.time.Duration.ZERO, system.metrics, new ProcessorMetrics(system.metrics, system.clock));
        assertThat(dispatcher.handleRequest(scheduledNow(), null)).containsEntry("failures", 0);
        ClockShardHandler worker = new ClockShardHandler(system.clockService, handedOver::addAll,
                system.metrics, new ProcessorMetrics(system.metrics, system.clock));
        int judgedHere = 0;
        for (int i = 0; i < handedOver.size(); i++) {
            ShardTick work = handedOver.get(i);
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("shard-" + work.shard());
            message.setBody(SqsShardTicks.encode(work));
            SQSEvent event = new SQSEvent();
            event.setRecords(List.of(message));
            judgedHere += (Integer) worker.handleRequest(event, null).get("judgedHere");
        }
        assertThat(judgedHere).isEqualTo(1);
        assertThat(system.metrics.sum(Metric.JUDGEMENTS_DEFERRED)).isEqualTo(1);
        assertThat(system.metrics.sum(Metric.MISSES_DETECTED)).isEqualTo(1);
        assertThat(system.metrics.sum(Metric.INCIDENTS_OPENED)).isEqualTo(1);
    }
}
