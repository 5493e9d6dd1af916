package dev.cronwatch.adapters.sns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.testing.FauxqsFixture;
import dev.cronwatch.core.alert.AlertMessage;
import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.PendingAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Alerts through a real SNS API (fauxqs): body, subject, attributes, and subscribers' filter policies. */
class SnsAlertPublisherTest {
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

    static PendingAlert alert(String incident, AlertType type, String reason) {
        Map<String, Object> body = Map.of("type", type.wireName(), "incidentId", incident, "reason", reason);
        Map<String, String> attributes = Map.of("type", type.wireName(), "organization", "acme", "project", "1",
                "monitor", "backup", "environment", "production", "reason", reason);
        return PendingAlert.of(incident, new dev.cronwatch.core.monitor.MonitorKey("acme", "backup"), type, new AlertMessage("cronwatch: backup [production] failing: " + reason,
                body, attributes), Instant.parse("2026-01-01T00:00:00Z"));
    }

    String subscribe(String topicArn, String name, String filterPolicy) {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<String, String> attributes = new java.util.HashMap<>(Map.of("RawMessageDelivery", "true"));
        if (filterPolicy != null) attributes.put("FilterPolicy", filterPolicy);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn).attributes(attributes));
        return url;
    }

    List<Message> receive(String url, int expected) throws InterruptedException {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 20 && all.size() < expected; i++) {
            all.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages());
        }
        Thread.sleep(300); // and nothing more arrives
        all.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("All")).messages());
        return all;
    }

    @Test
    void subscribersReceiveTheBodyAndFilterOnReason() throws Exception {
        String topic = sns.createTopic(b -> b.name("cronwatch-alerts")).topicArn();
        String everything = subscribe(topic, "everything", null);
        String missesOnly = subscribe(topic, "misses-only", "{\"reason\": [\"missed\"]}");
        SnsAlertPublisher publisher = new SnsAlertPublisher(sns, topic);
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
        String subject = SnsAlertPublisher.subject(long_);
        assertThat(subject).hasSize(SnsAlertPublisher.MAX_SUBJECT).endsWith("...").matches("[\\x20-\\x7e]+");
        String topic = sns.createTopic(b -> b.name("subjects")).topicArn();
        new SnsAlertPublisher(sns, topic).publish(PendingAlert.of("i", new dev.cronwatch.core.monitor.MonitorKey("acme", "backup"), AlertType.OPENED,
                new AlertMessage(long_, Map.of("type", "incident.opened"), Map.of("reason", "error")), Instant.EPOCH));
    }
}
