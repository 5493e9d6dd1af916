package dev.cronwatch.local;

import dev.cronwatch.adapters.alert.AlertRenderer;
import dev.cronwatch.adapters.alert.RenderedAlert;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.alert.AlertBody;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.port.AlertPublisher;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local mode's stand-in for the SNS topic: each alert is printed, kept for
 * {@code GET /_local/notifications} as {@code {"subject","message","attributes","text"}} (the message
 * being the JSON text SQS and Lambda subscribers receive, the text what an email says), and
 * optionally POSTed to a webhook, either in that form or as a Slack incoming webhook takes it.
 */
public final class Notifications implements AlertPublisher {
    /** What the webhook receives. */
    public enum Format {
        /** The kept notification, {@code {"subject","message","attributes","text"}}. */
        JSON,
        /** {@code {"text"}} in Slack's mrkdwn, as an incoming webhook takes it. */
        SLACK
    }

    private static final Duration WEBHOOK_CONNECT = Duration.ofSeconds(2);
    private static final Duration WEBHOOK_ANSWER = Duration.ofSeconds(5);

    private final List<Map<String, Object>> published = new ArrayList<>();
    private final PrintStream console;
    private final URI webhook;
    private final Format format;
    private final HttpClient http;
    private volatile AlertRenderer renderer = new AlertRenderer(null);

    public Notifications(PrintStream console, URI webhook, Format format) {
        this.console = console;
        this.webhook = webhook;
        this.format = format;
        this.http = webhook == null ? null : HttpClient.newBuilder().connectTimeout(WEBHOOK_CONNECT).build();
    }

    /** Alerts link to the dashboard here from now on (known once the gateway has its port). */
    void linkTo(String publicUrl) {
        renderer = new AlertRenderer(publicUrl);
    }

    @Override
    public void publish(PendingAlert alert) {
        RenderedAlert rendered = renderer.render(alert.message().body());
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("subject", rendered.subject());
        notification.put("message", Json.write(rendered.json()));
        notification.put("attributes", alert.message().attributes());
        notification.put("text", rendered.text());
        synchronized (this) {
            published.add(notification);
        }
        AlertBody body = alert.message().body();
        console.printf("%n*** ALERT %s%n    %s%n    incident %s, started %s%s%s%n%n", alert.type().wireName(),
                rendered.subject(), body.incidentId(), body.dateStarted(),
                body.dateResolved() == null ? "" : ", resolved " + body.dateResolved(),
                rendered.link() == null ? "" : "\n    " + rendered.link());
        if (webhook != null) postToWebhook(format == Format.SLACK ? slack(rendered) : notification);
    }

    public synchronized List<Map<String, Object>> all() {
        return List.copyOf(published);
    }

    /** Slack mrkdwn: the title in bold, the summary lines, the link; {@code & < >} escaped as Slack requires. */
    static Map<String, Object> slack(RenderedAlert rendered) {
        StringBuilder text = new StringBuilder("*").append(escape(rendered.title())).append('*');
        for (String line : rendered.summary()) text.append('\n').append(escape(line));
        if (rendered.link() != null) text.append("\n<").append(rendered.link()).append("|Open the monitor>");
        return Map.of("text", text.toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * A best-effort copy of an alert already printed and kept: whatever goes wrong here is said once
     * and goes no further, since a failure out of {@link #publish} would make the outbox publish the
     * alert again.
     */
    private void postToWebhook(Map<String, Object> payload) {
        try {
            HttpRequest request = HttpRequest.newBuilder(webhook).timeout(WEBHOOK_ANSWER)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(payload))).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) console.println("webhook " + webhook + " answered " + response.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            console.println("webhook " + webhook + " failed: " + reason(e) + " (the alert is printed and listed all the same)");
        }
    }

    /** What went wrong, in words: the HTTP client's connection failures carry no message of their own. */
    private String reason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host " + webhook.getHost();
            }
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection to " + webhook.getAuthority() + " within " + WEBHOOK_CONNECT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) return "no answer within " + WEBHOOK_ANSWER.toSeconds() + " s";
        if (e instanceof ConnectException) return "could not connect to " + webhook.getAuthority();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) return t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        return e.getClass().getSimpleName();
    }
}
