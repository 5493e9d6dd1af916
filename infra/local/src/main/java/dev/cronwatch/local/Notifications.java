package dev.cronwatch.local;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.port.AlertPublisher;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local mode's stand-in for the SNS topic: each alert is printed, kept for
 * {@code GET /_local/notifications} as {@code {"subject","message","attributes"}} (the message being
 * the JSON text SNS subscribers receive), and optionally POSTed to a webhook.
 */
public final class Notifications implements AlertPublisher {
    private final List<Map<String, Object>> published = new ArrayList<>();
    private final PrintStream console;
    private final URI webhook;
    private final HttpClient http;

    public Notifications(PrintStream console, URI webhook) {
        this.console = console;
        this.webhook = webhook;
        this.http = webhook == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @Override
    public void publish(PendingAlert alert) {
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("subject", alert.message().subject());
        notification.put("message", Json.write(alert.message().body()));
        notification.put("attributes", alert.message().attributes());
        synchronized (this) {
            published.add(notification);
        }
        Map<String, Object> body = alert.message().body();
        console.printf("%n*** ALERT %s%n    %s%n    incident %s, started %s%s%n%n", alert.type().wireName(),
                alert.message().subject(), body.get("incidentId"), body.get("dateStarted"),
                body.get("dateResolved") == null ? "" : ", resolved " + body.get("dateResolved"));
        if (webhook != null) postToWebhook(notification);
    }

    public synchronized List<Map<String, Object>> all() {
        return List.copyOf(published);
    }

    private void postToWebhook(Map<String, Object> notification) {
        try {
            HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(notification))).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) console.println("webhook answered " + response.statusCode());
        } catch (java.io.IOException e) {
            console.println("webhook " + webhook + " not reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
