package dev.cronwatch.handlers;

import java.util.Map;

/**
 * Runs in a fresh JVM, as Lambda starts the ingest function: {@link IngestHandler}'s no-argument
 * constructor, settings from the environment, one check-in, and prints what it answered.
 */
public final class FirstCheckInMain {
    private FirstCheckInMain() {
    }

    public static void main(String[] args) {
        var event = HttpEvents.event("POST", "/api/0/organizations/acme/monitors/first-after-idle/checkins/",
                Map.of("authorization", "DSN " + System.getenv("TEST_DSN"), "content-type", "application/json"),
                "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        var response = new IngestHandler().handleRequest(event, null);
        System.out.println("ANSWERED " + response.getStatusCode() + " " + response.getBody());
        System.exit(0);
    }
}
