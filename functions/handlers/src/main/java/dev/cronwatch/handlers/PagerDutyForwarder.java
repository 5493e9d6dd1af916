package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.pagerduty.PagerDutyClient;
import dev.cronwatch.adapters.pagerduty.PagerDutyEvents;
import dev.cronwatch.adapters.pagerduty.SsmRoutingKey;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribed to the alert topic (optional, see template.yaml): an opened incident becomes a PagerDuty
 * trigger, its resolution a resolve with the same dedup key. Messages that are not incident alerts
 * are skipped. When PagerDuty cannot be reached the invocation fails: Lambda retries it, and the
 * failure shows in the function's errors and logs.
 */
public final class PagerDutyForwarder implements RequestHandler<SNSEvent, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(PagerDutyForwarder.class);

    private final Supplier<String> routingKey;
    private final PagerDutyClient pagerDuty;

    /** For Lambda: settings from the environment, the routing key from SSM on first use. */
    public PagerDutyForwarder() {
        this(Settings.pagerDuty(System.getenv()));
    }

    private PagerDutyForwarder(Settings.PagerDuty settings) {
        this(SsmRoutingKey.forAws(settings),
                PagerDutyClient.standard(settings.eventsUrl()));
    }

    public PagerDutyForwarder(Supplier<String> routingKey, PagerDutyClient pagerDuty) {
        this.routingKey = routingKey;
        this.pagerDuty = pagerDuty;
    }

    @Override
    public Void handleRequest(SNSEvent event, Context context) {
        for (SNSEvent.SNSRecord record : event.getRecords()) {
            forward(record.getSNS().getMessageId(), record.getSNS().getMessage());
        }
        return null;
    }

    private void forward(String messageId, String message) {
        Map<String, Object> alert;
        try {
            alert = Json.parseObject(message);
        } catch (Json.MalformedJsonException e) {
            LOG.warn("skipped SNS message {}: not JSON", messageId);
            return;
        }
        Optional<Map<String, Object>> pagerDutyEvent = PagerDutyEvents.fromAlert(alert, routingKey.get());
        if (pagerDutyEvent.isEmpty()) {
            LOG.info("skipped SNS message {}: not an incident alert", messageId);
            return;
        }
        pagerDuty.send(pagerDutyEvent.get());
        LOG.info("forwarded {} of incident {} to PagerDuty as {}", alert.get("type"), alert.get("incidentId"),
                pagerDutyEvent.get().get("event_action"));
    }
}
