package dev.cronwatch.handlers;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.sun.net.httpserver.HttpServer;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.pagerduty.PagerDutyClient;
import dev.cronwatch.adapters.alert.AlertRenderer;
import dev.cronwatch.adapters.alert.PlainText;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.fakes.Scenario;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The forwarder against a stand-in for PagerDuty's Events API on a loopback port. */
class PagerDutyForwarderTest {
    static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdef012345";

    HttpServer pagerDuty;
    final List<Map<String, Object>> received = Collections.synchronizedList(new ArrayList<>());
    /** Status codes to answer, in order; 202 once they run out. */
    final Deque<Integer> answers = new ArrayDeque<>();

    @BeforeEach
    void start() throws IOException {
        pagerDuty = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pagerDuty.createContext("/v2/enqueue", exchange -> {
            received.add(Json.parseObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Integer status;
            synchronized (answers) {
                status = answers.poll();
            }
            byte[] body = (status == null || status == 202
                    ? "{\"status\":\"success\",\"message\":\"Event processed\"}"
                    : "{\"status\":\"error\",\"message\":\"status " + status + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 202 : status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        pagerDuty.start();
    }

    @AfterEach
    void stop() {
        pagerDuty.stop(0);
    }

    PagerDutyForwarder forwarder(URI url) {
        return new PagerDutyForwarder(() -> ROUTING_KEY, new PagerDutyClient(HttpClient.newHttpClient(), url, 4,
                Duration.ofMillis(1)));
    }

    PagerDutyForwarder forwarder() {
        return forwarder(URI.create("http://127.0.0.1:" + pagerDuty.getAddress().getPort() + "/v2/enqueue"));
    }

    /** What the Lambda protocol receives for an alert: the JSON form, as SnsAlertPublisher sends it. */
    static SNSEvent delivered(PendingAlert alert) {
        String json = Json.write(new AlertRenderer("https://cron.example.com").render(alert.message().body()).json());
        return sns(json);
    }

    static SNSEvent sns(String message) {
        return new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord()
                .withSns(new SNSEvent.SNS().withMessageId("m-" + message.hashCode()).withMessage(message))));
    }

    /** 09:00 ok, the 10:00 run missed (opens), 10:30 ok (resolves). */
    static List<PendingAlert> missedThenRecovered() {
        Scenario s = new Scenario(crontab("0 * * * *", "timezone", "Europe/Riga"));
        s.send("ok", "2020-01-01T09:00:00Z");
        s.tick("2020-01-01T10:01:00Z");
        s.send("ok", "2020-01-01T10:30:00Z");
        assertThat(s.alerts()).hasSize(2);
        return s.alerts();
    }

    @Test
    void anOpenedIncidentTriggers_andItsResolutionResolves_underOneDedupKey() {
        List<PendingAlert> alerts = missedThenRecovered();
        PagerDutyForwarder forwarder = forwarder();
        forwarder.handleRequest(delivered(alerts.get(0)), null);
        forwarder.handleRequest(delivered(alerts.get(1)), null);

        assertThat(received).hasSize(2);
        Map<String, Object> trigger = received.get(0);
        Map<String, Object> resolve = received.get(1);
        String dedupKey = "cronwatch-" + alerts.get(0).incidentId();
        assertThat(trigger).containsEntry("routing_key", ROUTING_KEY).containsEntry("event_action", "trigger")
                .containsEntry("dedup_key", dedupKey)
                .containsEntry("client_url", "https://cron.example.com/#/organizations/acme/monitors/job?environment=production");
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) trigger.get("payload");
        assertThat(payload).containsEntry("summary", "job [production] failing: A missed check-in was detected")
                .containsEntry("source", "acme/job").containsEntry("severity", "critical")
                .containsEntry("timestamp", "2020-01-01T10:00:00Z").containsEntry("component", "job")
                .containsEntry("group", "production").containsEntry("class", "missed");
        assertThat(resolve).containsOnlyKeys("routing_key", "dedup_key", "event_action")
                .containsEntry("event_action", "resolve").containsEntry("dedup_key", dedupKey);
    }

    /** PagerDuty's summary and group are read by people (and posted to Slack by its integration): shown by the one rule. */
    @Test
    void hostileNames_areShownInTheSummary_notInterpreted() {
        String hostile = "<!channel> @here [click](https://evil.example)\n" + "x".repeat(2000);
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.checkIn("ok", "2020-01-01T09:00:00Z").env(hostile).send();
        s.tick("2020-01-01T10:01:00Z");
        forwarder().handleRequest(delivered(s.alerts().get(0)), null);

        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) received.get(0).get("payload");
        String shown = PlainText.shown(hostile);
        assertThat(payload).containsEntry("summary", "job [" + shown + "] failing: A missed check-in was detected")
                .containsEntry("group", shown);
        assertThat((String) payload.get("summary")).hasSizeLessThanOrEqualTo(1024)
                .doesNotContain("<").doesNotContain("@").doesNotContain("](").doesNotContain("\n");
    }

    @Test
    void serverErrorsAndRateLimits_areRetried_untilPagerDutyTakesTheEvent() {
        answers.addAll(List.of(500, 429, 503));
        forwarder().handleRequest(delivered(missedThenRecovered().get(0)), null);
        assertThat(received).hasSize(4).extracting(e -> e.get("event_action")).containsOnly("trigger");
        assertThat(received).extracting(e -> e.get("dedup_key")).containsOnly(received.get(0).get("dedup_key"));
    }

    @Test
    void givingUp_failsTheInvocation_soLambdaRetriesIt() {
        answers.addAll(List.of(500, 500, 500, 500, 500));
        SNSEvent event = delivered(missedThenRecovered().get(0));
        assertThatThrownBy(() -> forwarder().handleRequest(event, null))
                .isInstanceOf(PagerDutyClient.PagerDutyException.class).hasMessageContaining("after 4 attempts")
                .hasMessageContaining("500").hasMessageNotContaining(ROUTING_KEY);
        assertThat(received).hasSize(4);
    }

    @Test
    void aRefusedEvent_isNotRetried() {
        answers.add(400);
        SNSEvent event = delivered(missedThenRecovered().get(0));
        assertThatThrownBy(() -> forwarder().handleRequest(event, null))
                .isInstanceOf(PagerDutyClient.PagerDutyException.class).hasMessageContaining("not retried");
        assertThat(received).hasSize(1);
    }

    @Test
    void anUnreachablePagerDuty_isRetriedThenFailsLoudly() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SNSEvent event = delivered(missedThenRecovered().get(0));
        assertThatThrownBy(() -> forwarder(URI.create("http://127.0.0.1:" + closedPort + "/v2/enqueue")).handleRequest(event, null))
                .isInstanceOf(PagerDutyClient.PagerDutyException.class).hasMessageContaining("not reached");
    }

    @Test
    void messagesThatAreNotIncidentAlerts_areSkipped() {
        forwarder().handleRequest(sns("{\"AlarmName\":\"cronwatch-DeadLetterAlarm\",\"NewStateValue\":\"ALARM\"}"), null);
        forwarder().handleRequest(sns("not json at all"), null);
        assertThat(received).isEmpty();
    }
}
