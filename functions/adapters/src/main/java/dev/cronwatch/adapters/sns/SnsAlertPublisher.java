package dev.cronwatch.adapters.sns;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.alert.AlertMessage;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.port.AlertPublisher;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** Alerts to the SNS topic: the JSON body, a subject for email, and attributes for filter policies. */
public final class SnsAlertPublisher implements AlertPublisher {
    /** SNS subjects: at most 100 printable ASCII characters, no line breaks. */
    static final int MAX_SUBJECT = 100;

    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(PendingAlert alert) {
        AlertMessage message = alert.message();
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        message.attributes().forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build());
            }
        });
        sns.publish(PublishRequest.builder().topicArn(topicArn).subject(subject(message.subject()))
                .message(Json.write(message.body())).messageAttributes(attributes).build());
    }

    static String subject(String subject) {
        StringBuilder ascii = new StringBuilder();
        for (char c : subject.toCharArray()) ascii.append(c >= 0x20 && c < 0x7f ? c : '?');
        return ascii.length() <= MAX_SUBJECT ? ascii.toString() : ascii.substring(0, MAX_SUBJECT - 3) + "...";
    }
}
