package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.sqs.QueueMessageCodec;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The handlers on events in the exact shapes AWS delivers them (src/test/resources/events, written after
 * the samples AWS publishes for HTTP API payload 2.0, SQS FIFO event source mappings and EventBridge
 * Scheduler), read by the serializer the Java runtime itself uses. The other handler tests build their
 * events with our own code, which could share a misreading with the handlers.
 */
class PublishedEventShapesTest {
    static final MonitorKey BACKUP = new MonitorKey("acme", "nightly-backup");

    final InMemorySystem system = InMemorySystem.seeded();
    final IngestHandler ingest = new IngestHandler(system.ingest());
    final ManagementHandler management = new ManagementHandler(system.management());
    final ProcessorHandler processor = new ProcessorHandler(system.processor, (b, g, d, r) -> {
        throw new AssertionError("nothing here may be dead-lettered: " + r);
    }, ProcessorEvents.NONE, system.metrics);
    final ClockHandler clock = new ClockHandler(system.clockService, ClockHandler.workersInThisThread(
            system.clockService, system.metrics, ProcessorEvents.NONE), system.clock, Duration.ZERO,
            system.metrics, ProcessorEvents.NONE);

    static String fixture(String name) {
        try (InputStream in = PublishedEventShapesTest.class.getResourceAsStream("/events/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T event(Class<T> type, String json) {
        return LambdaEventSerializers.serializerFor(type, PublishedEventShapesTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    static APIGatewayV2HTTPEvent http(String name) {
        return event(APIGatewayV2HTTPEvent.class, fixture(name));
    }

    List<CheckIn> checkIns() {
        return system.store.checkIns(BACKUP, null, null, 20).items();
    }

    /** What the ingest function queued, delivered to the processor as one FIFO batch of the published shape. */
    SQSBatchResponse deliverQueuedAsSqsBatch() {
        List<RecordingQueue.Delivery> queued = system.queue.takeAll();
        assertThat(queued).hasSize(2);
        QueueMessageCodec codec = new QueueMessageCodec();
        String batch = fixture("sqs-fifo-batch.json")
                .replace("\"__BODY_01__\"", Json.write(codec.encode(queued.get(0).message())))
                .replace("\"__BODY_02__\"", Json.write(codec.encode(queued.get(1).message())));
        SQSEvent event = event(SQSEvent.class, batch);
        assertThat(event.getRecords()).extracting(r -> r.getAttributes().get("MessageGroupId"))
                .containsOnly("acme/nightly-backup");
        return processor.handleRequest(event, null);
    }

    @Test
    void anSdksGzippedBase64EnvelopeAndAPutAreAcceptedAndTheProcessorAppliesThemFromAnSqsBatch() {
        APIGatewayV2HTTPResponse started = ingest.handleRequest(http("apigw-v2-envelope-gzip.json"), null);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(200);
        APIGatewayV2HTTPResponse finished = ingest.handleRequest(http("apigw-v2-checkin-put.json"), null);
        assertThat(finished.getStatusCode()).as(finished.getBody()).isEqualTo(202);

        assertThat(deliverQueuedAsSqsBatch().getBatchItemFailures()).isEmpty();
        assertThat(checkIns()).singleElement().satisfies(c -> {
            assertThat(c.id().replace("-", "")).isEqualTo("5b9a0f6c2d3e4f5a8b7c6d5e4f3a2b1c");
            assertThat(c.status()).isEqualTo(CheckInStatus.OK);
            assertThat(c.environment()).isEqualTo("production");
        });
        assertThat(system.store.monitor(BACKUP).orElseThrow().config().timezone()).isEqualTo("Europe/Riga");
    }

    @Test
    void aRelayHeartbeatReadsItsPercentEncodedQueryString() {
        system.checkIn("nightly-backup", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        APIGatewayV2HTTPResponse r = ingest.handleRequest(http("apigw-v2-relay-heartbeat-get.json"), null);
        assertThat(r.getStatusCode()).as(r.getBody()).isBetween(200, 202);
        system.process();
        assertThat(checkIns()).anySatisfy(c -> {
            assertThat(c.environment()).isEqualTo("staging-eu");
            assertThat(c.durationMs()).isEqualTo(1500L); // seconds on this route, as Sentry's relay reads it
        });
    }

    @Test
    void aPostWithoutABodyIsRefusedNamingWhatIsMissingAndQueuesNothing() {
        APIGatewayV2HTTPResponse r = ingest.handleRequest(http("apigw-v2-checkin-post-empty-body.json"), null);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(400);
        assertThat(Json.parseObject(r.getBody())).containsKeys("detail", "field");
        assertThat(system.queue.messages()).isEmpty();
    }

    @Test
    void theManagementApiAnswersThroughTheDefaultRouteWithCookiesAndAnEncodedQuery() {
        system.checkIn("nightly-backup", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        system.checkIn("nightly-backup", "{\"status\": \"ok\", \"environment\": \"staging-eu\"}");
        APIGatewayV2HTTPResponse r = management.handleRequest(http("apigw-v2-management-list.json"), null);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        assertThat(HttpEvents.list(r)).extracting(m -> m.get("environment")).containsExactly("staging-eu");
    }

    @Test
    void theSchedulersInvocationJudgesTheMinuteItWasScheduledFor() {
        system.checkIn("nightly-backup", "{\"status\": \"ok\", \"monitor_config\": "
                + "{\"schedule\": \"0 * * * *\", \"checkin_margin\": 5}}");
        // invoked late: the scheduled minute (01:06) is judged, not the minute it arrived in
        system.clock.set(Instant.parse("2026-01-01T01:09:30Z"));
        clock.handleRequest(Json.parseObject(fixture("scheduler-clock-tick.json")), null);
        system.process();
        assertThat(checkIns()).anySatisfy(c -> {
            assertThat(c.status()).isEqualTo(CheckInStatus.MISSED);
            assertThat(c.expectedTime()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
        });
        assertThat(system.publisher.published()).hasSize(1);
    }
}
