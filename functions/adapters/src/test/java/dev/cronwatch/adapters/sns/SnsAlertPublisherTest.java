package dev.cronwatch.adapters.sns;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.alert.AlertJson;
import dev.cronwatch.adapters.alert.AlertRenderer;
import dev.cronwatch.adapters.alert.PlainText;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.testing.FauxqsFixture;
import dev.cronwatch.core.alert.AlertMessage;
import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.fakes.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Alerts through an SNS API (fauxqs, with MessageStructure and non-SQS subscribers added by our
 * launcher as AWS documents them): each protocol's form, subject, attributes, filter policies, limits.
 */
class SnsAlertPublisherTest {
    static final AlertRenderer RENDERER = new AlertRenderer("https://cron.example.com");
    static FauxqsFixture fauxqs;
    static SnsClient sns;
    static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        fauxqs = FauxqsFixture.start();
        sns = fauxqs.sns();
        sqs = fauxqs.sqs();
    }

    @AfterAll
    static void stop() throws Exception {
        fauxqs.close();
    }

    /** A real alert: composed by the domain for a monitor in Riga that missed its 10:00 run. */
    static PendingAlert missedInRiga() {
        Scenario s = new Scenario(crontab("0 * * * *", "timezone", "Europe/Riga"));
        s.send("ok", "2020-01-01T09:00:00Z");
        s.tick("2020-01-01T10:01:00Z");
        return s.alerts().get(0);
    }

    static PendingAlert alert(String incident, AlertType type, String reason) {
        Map<String, Object> body = Map.of("type", type.wireName(), "incidentId", incident, "reason", reason);
        Map<String, String> attributes = Map.of("type", type.wireName(), "organization", "acme", "project", "1",
                "monitor", "backup", "environment", "production", "reason", reason);
        return PendingAlert.of(incident, new dev.cronwatch.core.monitor.MonitorKey("acme", "backup"), type,
                new AlertMessage(AlertJson.fromMap(body), attributes), Instant.parse("2026-01-01T00:00:00Z"));
    }

    String subscribe(String topicArn, String name, boolean raw, String filterPolicy) {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<String, String> attributes = new HashMap<>(Map.of("RawMessageDelivery", Boolean.toString(raw)));
        if (filterPolicy != null) attributes.put("FilterPolicy", filterPolicy);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn).attributes(attributes));
        return url;
    }

    /**
     * Waits (at most 20 s) for exactly {@code expected} messages, then checks that the queue holds nothing
     * else: the emulator delivers to subscribers within the Publish call, so a message that is not
     * in the queue once the expected ones are in never comes.
     */
    List<Message> receive(String url, int expected) {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 20 && all.size() < expected; i++) {
            all.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages());
        }
        assertThat(all).as("messages received from %s", url).hasSize(expected);
        Map<QueueAttributeName, String> left = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        assertThat(left.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).as("messages left in %s", url).isEqualTo("0");
        assertThat(left.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).as("messages received from %s", url)
                .isEqualTo(Integer.toString(all.size()));
        return all;
    }

    @Test
    void onePublish_eachSubscriberReadsItsOwnForm() throws Exception {
        String topic = sns.createTopic(b -> b.name("per-protocol")).topicArn();
        String rawQueue = subscribe(topic, "raw-json", true, null);
        String envelopeQueue = subscribe(topic, "enveloped-json", false, null);
        sns.subscribe(b -> b.topicArn(topic).protocol("email-json").endpoint("ops@example.com"));
        sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint("oncall@example.com"));
        int before = fauxqs.deliveries().size();

        PendingAlert alert = missedInRiga();
        new SnsAlertPublisher(sns, topic, RENDERER).publish(alert);

        Message raw = receive(rawQueue, 1).get(0);
        Map<String, Object> json = Json.parseObject(raw.body());
        assertThat(json).containsAllEntriesOf(withJsonNumbers(AlertJson.toMap(alert.message().body())))
                .containsEntry("source", "custom").containsEntry("version", "1.0")
                .containsEntry("dashboardUrl", "https://cron.example.com/#/organizations/acme/monitors/job?environment=production");
        assertThat(raw.messageAttributes().get("reason").stringValue()).isEqualTo("missed");
        Map<String, Object> envelope = Json.parseObject(receive(envelopeQueue, 1).get(0).body());
        assertThat(Json.parseObject((String) envelope.get("Message"))).isEqualTo(json);
        assertThat(envelope).containsEntry("Subject", "cronwatch: job [production] failing: A missed check-in was detected");

        List<Map<String, Object>> people = fauxqs.deliveries().subList(before, before + 2);
        Map<String, Object> emailJson = Json.parseObject((String) people.get(0).get("body"));
        String text = (String) emailJson.get("Message");
        assertThat(text).startsWith("job [production] is failing: A missed check-in was detected\n")
                .contains("Failing since 2020-01-01 10:00:00 UTC (2020-01-01 12:00:00 EET)")
                .contains("Open the monitor: https://cron.example.com/#/organizations/acme/monitors/job?environment=production");
        assertThat(emailJson).containsEntry("Subject", "cronwatch: job [production] failing: A missed check-in was detected");
        assertThat(people.get(1)).containsEntry("protocol", "email").containsEntry("body", text);
    }

    @Test
    void subscribersFilterOnTheReasonAttribute() throws Exception {
        String topic = sns.createTopic(b -> b.name("cronwatch-alerts")).topicArn();
        String everything = subscribe(topic, "everything", true, null);
        String missesOnly = subscribe(topic, "misses-only", true, "{\"reason\": [\"missed\"]}");
        SnsAlertPublisher publisher = new SnsAlertPublisher(sns, topic, RENDERER);
        publisher.publish(alert("i-1", AlertType.OPENED, "missed"));
        publisher.publish(alert("i-2", AlertType.OPENED, "error"));
        publisher.publish(alert("i-1", AlertType.RESOLVED, "missed"));

        List<Message> all = receive(everything, 3);
        assertThat(all).hasSize(3);
        assertThat(Json.parseObject(all.get(0).body())).containsEntry("incidentId", "i-1").containsEntry("type", "incident.opened");
        List<Message> misses = receive(missesOnly, 2);
        assertThat(misses).extracting(m -> Json.parseObject(m.body()).get("incidentId")).containsExactlyInAnyOrder("i-1", "i-1");
        assertThat(misses).extracting(m -> Json.parseObject(m.body()).get("type"))
                .containsExactlyInAnyOrder("incident.opened", "incident.resolved");
    }

    @Test
    void subjectsAreCutToWhatSnsAccepts() {
        String long_ = "cronwatch: " + "x".repeat(200) + " ü\nfailing";
        String subject = PlainText.subject(long_);
        assertThat(subject).hasSize(PlainText.MAX_SUBJECT).endsWith("...").matches("[\\x20-\\x7e]+");
        assertThat(PlainText.subject("cronwatch: Zürich-Sicherung [prod\r\n] failing: 💥"))
                .isEqualTo("cronwatch: Zurich-Sicherung [prod  ] failing: ??");
        assertThat(PlainText.subject("\n")).isEqualTo("cronwatch alert");
        String topic = sns.createTopic(b -> b.name("subjects")).topicArn();
        new SnsAlertPublisher(sns, topic, RENDERER).publish(PendingAlert.of("i", new dev.cronwatch.core.monitor.MonitorKey("acme", "backup"), AlertType.OPENED,
                new AlertMessage(AlertJson.fromMap(Map.of("type", "incident.opened", "monitor", Map.of("name", long_))),
                        Map.of("reason", "error")), Instant.EPOCH));
    }

    @Test
    void attributeValuesKeepOnlyWhatSnsAccepts_andEmptyOnesAreLeftOut() throws Exception {
        assertThat(SnsAlertPublisher.attributeValue("prod\u0000\u0007uction\uD800")).isEqualTo("production");
        assertThat(SnsAlertPublisher.attributeValue("dev\tteam ✓ \uD83D\uDE80")).isEqualTo("dev\tteam ✓ \uD83D\uDE80");
        assertThat(SnsAlertPublisher.attributeValue("e".repeat(1000))).hasSize(SnsAlertPublisher.MAX_ATTRIBUTE);
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("type", "incident.opened");
        hostile.put("environment", "\u0000\u0001");
        hostile.put("monitor", "   ");
        hostile.put("reason", null);
        assertThat(SnsAlertPublisher.attributes(hostile)).containsOnlyKeys("type");
        hostile.remove("reason"); // a stored alert has no null attribute

        String topic = sns.createTopic(b -> b.name("hostile")).topicArn();
        String queue = subscribe(topic, "hostile-names", true, null);
        new SnsAlertPublisher(sns, topic, RENDERER).publish(PendingAlert.of("i", new dev.cronwatch.core.monitor.MonitorKey("acme", "backup"), AlertType.OPENED,
                new AlertMessage(AlertJson.fromMap(Map.of("type", "incident.opened")), hostile), Instant.EPOCH));
        assertThat(receive(queue, 1)).singleElement()
                .satisfies(m -> assertThat(m.messageAttributes()).containsOnlyKeys("type"));
    }

    @Test
    void anAlertTooBigForSns_goesOutWithoutItsCheckInList() throws Exception {
        PendingAlert alert = missedInRiga();
        Map<String, Object> body = new LinkedHashMap<>(AlertJson.toMap(alert.message().body()));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(Map.of("id", "check-in-" + "x".repeat(40) + i, "status", "missed",
                    "dateAdded", "2020-01-01T10:00:00Z", "expectedTime", "2020-01-01T10:00:00Z"));
        }
        body.put("checkIns", many);
        AlertMessage huge = new AlertMessage(AlertJson.fromMap(body), alert.message().attributes());
        String topic = sns.createTopic(b -> b.name("huge")).topicArn();
        SnsAlertPublisher publisher = new SnsAlertPublisher(sns, topic, RENDERER);
        assertThat(Json.write(RENDERER.render(huge.body()).json()).length() * 5)
                .as("the untrimmed message would be over the limit").isGreaterThan(SnsAlertPublisher.MAX_MESSAGE_BYTES);

        PublishRequest request = publisher.request(huge);
        assertThat(request.message().getBytes(StandardCharsets.UTF_8).length).isLessThan(SnsAlertPublisher.MAX_MESSAGE_BYTES);
        String queue = subscribe(topic, "huge", true, null);
        publisher.publish(PendingAlert.of("i", new dev.cronwatch.core.monitor.MonitorKey("acme", "backup"), AlertType.OPENED, huge, Instant.EPOCH));
        assertThat(Json.parseObject(receive(queue, 1).get(0).body())).containsEntry("checkIns", List.of())
                .containsEntry("failureReason", "A missed check-in was detected");
    }

    /** What a body looks like after a JSON round trip (the domain's values are already JSON types). */
    private static Map<String, Object> withJsonNumbers(Map<String, Object> body) {
        return Json.parseObject(Json.write(body));
    }
}
