package dev.cronwatch.adapters.sns;

import dev.cronwatch.adapters.alert.AlertRenderer;
import dev.cronwatch.adapters.alert.RenderedAlert;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.alert.AlertMessage;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.port.AlertPublisher;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Alerts to the SNS topic, one publish per transition with a message per protocol
 * ({@code MessageStructure: json}): people subscribed by email read a text, programs (SQS, Lambda,
 * HTTP(S), and AWS Chatbot, which subscribes over HTTPS) get the JSON, SMS a single line. Attributes
 * carry the names filter policies match on. Everything user-chosen is fitted to what SNS accepts (the
 * subject by the renderer, {@link dev.cronwatch.adapters.alert.PlainText#subject}), so no monitor or
 * environment name can make a publish fail.
 */
public final class SnsAlertPublisher implements AlertPublisher {
    /** SNS's limit on a message, attributes included. */
    static final int MAX_MESSAGE_BYTES = 262_144;
    /** Far more than any attribute we send needs; keeps a pathological value from eating the message's room. */
    static final int MAX_ATTRIBUTE = 256;

    private final Supplier<SnsClient> sns;
    private final String topicArn;
    private final AlertRenderer renderer;

    public SnsAlertPublisher(SnsClient sns, String topicArn, AlertRenderer renderer) {
        this(() -> sns, topicArn, renderer);
    }

    /** The client is asked for at the first publish: a process that raises no alert never builds one. */
    public SnsAlertPublisher(Supplier<SnsClient> sns, String topicArn, AlertRenderer renderer) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.renderer = renderer;
    }

    @Override
    public void publish(PendingAlert alert) {
        sns.get().publish(request(alert.message()));
    }

    PublishRequest request(AlertMessage message) {
        Map<String, MessageAttributeValue> attributes = attributes(message.attributes());
        int attributeBytes = 0;
        for (var e : attributes.entrySet()) attributeBytes += utf8(e.getKey()) + utf8("String") + utf8(e.getValue().stringValue());
        RenderedAlert rendered = renderer.render(message.body());
        String structured = structured(rendered);
        if (utf8(structured) + attributeBytes > MAX_MESSAGE_BYTES) {
            // only the check-in list can grow this far; the alert is sent without it rather than not at all
            structured = structured(renderer.render(message.body().withCheckIns(List.of())));
        }
        // the rendered subject is already what SNS takes: ASCII, one line, under 100 characters
        return PublishRequest.builder().topicArn(topicArn).subject(rendered.subject())
                .messageStructure("json").message(structured).messageAttributes(attributes).build();
    }

    private static String structured(RenderedAlert rendered) {
        // SNS sends "default" to every protocol not named here: sqs, lambda, http, https and the rest
        Map<String, String> perProtocol = new LinkedHashMap<>();
        perProtocol.put("default", Json.write(rendered.json()));
        perProtocol.put("email", rendered.text());
        perProtocol.put("email-json", rendered.text());
        perProtocol.put("sms", rendered.link() == null ? rendered.subject() : rendered.subject() + " " + rendered.link());
        return Json.write(perProtocol);
    }

    /** Empty values are left out (SNS refuses them); the rest keep only characters SNS and SQS accept. */
    static Map<String, MessageAttributeValue> attributes(Map<String, String> values) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            String clean = attributeValue(value);
            if (!clean.isEmpty()) {
                attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(clean).build());
            }
        });
        return attributes;
    }

    /**
     * The characters SQS (and so SNS, which delivers to it) allow in attribute values: tab, line
     * feed, carriage return, and U+0020 up to U+10FFFF without surrogates, U+FFFE and U+FFFF.
     */
    static String attributeValue(String value) {
        if (value == null) return "";
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(cp -> {
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
            if (allowed && out.length() < MAX_ATTRIBUTE) out.appendCodePoint(cp);
        });
        return out.toString().strip();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
