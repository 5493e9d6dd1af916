package dev.cronwatch.adapters.pagerduty;

import dev.cronwatch.adapters.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to PagerDuty's Events API v2 with the JDK's HTTP client. Rate limiting (429), server
 * errors (5xx) and network failures are retried with doubling waits; anything else PagerDuty refuses
 * (400: a bad event or routing key) will not get better by retrying, and fails at once. Giving up is
 * an exception, never a silent drop: the caller lets the invocation fail, so it is retried and seen.
 */
public final class PagerDutyClient {
    /** PagerDuty's US service region; EU accounts use https://events.eu.pagerduty.com/v2/enqueue. */
    public static final URI EVENTS_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
    private static final Logger LOG = LoggerFactory.getLogger(PagerDutyClient.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_WAIT = Duration.ofSeconds(8);

    private final HttpClient http;
    private final URI url;
    private final int attempts;
    private final Duration firstWait;

    /** @param attempts how many times an event is sent at most; {@code firstWait} doubles after each failure */
    public PagerDutyClient(HttpClient http, URI url, int attempts, Duration firstWait) {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
        this.http = http;
        this.url = url;
        this.attempts = attempts;
        this.firstWait = firstWait;
    }

    /** Five attempts over about 7.5 s of waiting: within a minute-long function even if every call times out. */
    public static PagerDutyClient standard(URI url) {
        return new PagerDutyClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(), url, 5,
                Duration.ofMillis(500));
    }

    /** Returns when PagerDuty accepted the event; throws {@link PagerDutyException} when it never did. */
    public void send(Map<String, Object> event) {
        String body = Json.write(event);
        Duration wait = firstWait;
        String last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                LOG.warn("PagerDuty event {} {}: {}; attempt {} of {} in {} ms", event.get("event_action"),
                        event.get("dedup_key"), last, attempt, attempts, wait.toMillis());
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = "not reached (" + e.getClass().getSimpleName() + ")";
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PagerDutyException("interrupted while sending to PagerDuty");
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) return;
            last = "answered " + status + " " + excerpt(response.body());
            if (status != 429 && status < 500) {
                throw new PagerDutyException("PagerDuty refused the event (" + last + "); not retried");
            }
        }
        throw new PagerDutyException("PagerDuty did not take the event after " + attempts + " attempts (last: " + last + ")");
    }

    private static String excerpt(String body) {
        if (body == null) return "";
        String line = body.replaceAll("[\\r\\n]+", " ");
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PagerDutyException("interrupted while waiting to retry PagerDuty");
        }
    }

    /** PagerDuty did not accept an event. */
    public static final class PagerDutyException extends RuntimeException {
        PagerDutyException(String message) {
            super(message);
        }
    }
}
