package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.alert.AlertRenderer;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.sns.SnsAlertPublisher;
import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** An alert waiting in the outbox across a deploy is delivered by the new code, its JSON unchanged. */
class StoredAlertTest {
    static final MonitorKey KEY = new MonitorKey("acme", "nightly-backup");

    /** The body as stored: the spec's JSON, field by field in its order. */
    static final String BODY = """
            {"type":"incident.opened","incidentId":"2eb11541-bde5-31ef-98e9-dc03d365059d","organization":"acme",\
            "project":"1","monitor":{"slug":"nightly-backup","name":"Nightly backup","schedule":"0 2 * * *",\
            "timezone":"Europe/Riga"},"environment":"production","reason":"missed",\
            "failureReason":"A missed check-in was detected","dateStarted":"2026-01-02T00:00:00Z","dateResolved":null,\
            "lastSuccessfulCheckIn":"2026-01-01T00:00:04Z","checkIns":[{"id":"f7e7","status":"missed",\
            "dateAdded":"2026-01-02T00:00:00Z","expectedTime":"2026-01-02T00:00:00Z"}]}""";

    /** An outbox entry as written before the alert body was a record: with a subject of its own. */
    static final String WRITTEN_BEFORE = """
            {"id":"2eb11541-bde5-31ef-98e9-dc03d365059d:incident.opened",\
            "incidentId":"2eb11541-bde5-31ef-98e9-dc03d365059d","type":"OPENED",\
            "subject":"cronwatch: Nightly backup [production] failing: A missed check-in was detected",\
            "body":%s,"attributes":{"type":"incident.opened","organization":"acme","project":"1",\
            "monitor":"nightly-backup","environment":"production","reason":"missed"},"createdAt":"2026-01-02T00:05:00Z"}"""
            .formatted(BODY);

    @Test
    void anAlertWrittenBeforeTheRecord_isDelivered_withTheSameJson() {
        PendingAlert stored = Documents.alert(KEY, WRITTEN_BEFORE, 0, Instant.parse("2026-01-02T00:05:00Z"));
        assertThat(stored.type()).isEqualTo(AlertType.OPENED);
        assertThat(Json.write(Json.parseObject(Documents.alert(stored)).get(StoredName.BODY.key))).as("written again").isEqualTo(BODY);

        List<PublishRequest> published = new ArrayList<>();
        new SnsAlertPublisher(capturing(published), "arn:aws:sns:eu-north-1:1:alerts", new AlertRenderer(null)).publish(stored);

        assertThat(published).singleElement().satisfies(request -> {
            assertThat(request.subject()).isEqualTo("cronwatch: Nightly backup [production] failing: A missed check-in was detected");
            assertThat(request.messageAttributes().get("monitor").stringValue()).isEqualTo("nightly-backup");
            String json = (String) Json.parseObject(request.message()).get("default");
            assertThat(json).startsWith(BODY.substring(0, BODY.length() - 1) + ",\"dashboardUrl\":null,");
        });
    }

    private static SnsClient capturing(List<PublishRequest> into) {
        return new SnsClient() {
            @Override
            public PublishResponse publish(PublishRequest request) {
                into.add(request);
                return PublishResponse.builder().messageId("m").build();
            }

            @Override
            public String serviceName() {
                return "sns";
            }

            @Override
            public void close() {
            }
        };
    }
}
