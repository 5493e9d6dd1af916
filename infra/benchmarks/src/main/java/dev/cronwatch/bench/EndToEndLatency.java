package dev.cronwatch.bench;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.local.LocalCredentials;
import dev.cronwatch.local.LocalOptions;
import dev.cronwatch.local.LocalSystem;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Local mode, real clock: a check-in accepted over HTTP, then the management API polled until it
 * shows that check-in. Check-ins are sent at a fixed rate, one at a time.
 */
final class EndToEndLatency {
    private final Report report;
    private final HttpClient http = HttpClient.newHttpClient();

    EndToEndLatency(Report report) {
        this.report = report;
    }

    void run(int checkIns, int perSecond) throws Exception {
        report.section("3. End-to-end latency in local mode: HTTP check-in accepted -> visible through the API");
        var dataDir = Files.createTempDirectory("cronwatch-bench");
        try (LocalSystem system = new LocalSystem(LocalOptions.parse("--port", "0", "--in-memory", "--data-dir",
                dataDir.toString(), "--rate-limit", "1000000"), new PrintStream(OutputStream.nullOutputStream()))) {
            LocalCredentials c = system.credentials();
            String checkInsUrl = c.baseUrl() + "/api/0/organizations/" + c.organization() + "/monitors/latency/checkins/";
            String first = checkIn(c, checkInsUrl, "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"* * * * *\"}}");
            awaitVisible(c, checkInsUrl, first);
            int warmUp = Math.min(200, checkIns / 5);
            long[] acceptMicros = new long[checkIns];
            long[] visibleMicros = new long[checkIns];
            long interval = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            for (int i = -warmUp; i < checkIns; i++) {
                while (System.nanoTime() < next) Thread.onSpinWait();
                next += interval;
                long sent = System.nanoTime();
                String id = checkIn(c, checkInsUrl, "{\"status\": \"ok\"}");
                long accepted = System.nanoTime();
                awaitVisible(c, checkInsUrl, id);
                long visible = System.nanoTime();
                if (i >= 0) {
                    acceptMicros[i] = (accepted - sent) / 1000;
                    visibleMicros[i] = (visible - accepted) / 1000;
                }
            }
            Arrays.sort(acceptMicros);
            Arrays.sort(visibleMicros);
            report.line("%,d check-ins at %d/s after %d warm-up", checkIns, perSecond, warmUp);
            report.figure("HTTP accept p50", percentile(acceptMicros, 50), "ms", null);
            report.figure("accepted -> visible p50", percentile(visibleMicros, 50), "ms", null);
            report.figure("accepted -> visible p99", percentile(visibleMicros, 99), "ms",
                    percentile(visibleMicros, 99) < 50 ? "target < 50 ms: met" : "target < 50 ms: NOT met");
            report.figure("accepted -> visible max", visibleMicros[visibleMicros.length - 1] / 1000.0, "ms", null);
        }
    }

    private static double percentile(long[] sortedMicros, int p) {
        int index = (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, index)] / 1000.0;
    }

    private String checkIn(LocalCredentials c, String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "DSN " + c.dsn()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) throw new IllegalStateException("check-in answered " + response.body());
        return (String) Json.parseObject(response.body()).get("id");
    }

    @SuppressWarnings("unchecked")
    private void awaitVisible(LocalCredentials c, String url, String id) throws Exception {
        HttpRequest newest = HttpRequest.newBuilder(URI.create(url + "?per_page=1"))
                .header("Authorization", "Bearer " + c.token()).GET().build();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(newest, HttpResponse.BodyHandlers.ofString());
            // Until the processor has applied the upserting check-in, the monitor does not exist (404).
            if (response.statusCode() != 200) continue;
            List<Object> page = Json.parseArray(response.body());
            if (!page.isEmpty() && id.equals(((Map<String, Object>) page.get(0)).get("id"))) return;
        }
        throw new IllegalStateException("check-in " + id + " not visible after 10 s");
    }
}
