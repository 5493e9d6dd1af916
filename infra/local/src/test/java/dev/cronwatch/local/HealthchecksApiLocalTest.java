package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.json.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Healthchecks' API v3 and badges (docs/spec.md §14.4, §14.5) against local mode on the manual
 * clock, with the curl lines of Healthchecks' API docs and local.json's {@code apiKey}.
 */
class HealthchecksApiLocalTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dataDir;
    private LocalSystem system;
    private String root;
    private String apiKey;

    @BeforeEach
    void start() throws Exception {
        system = new LocalSystem(LocalOptions.parse("--port", "0", "--in-memory", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", T0.toString()), QUIET);
        root = system.credentials().baseUrl();
        apiKey = (String) Json.parseObject(Files.readString(dataDir.resolve("local.json"))).get("apiKey");
    }

    @AfterEach
    void stop() {
        system.close();
    }

    private String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dataDir, "curl", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor()).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void theDocsCreateListPauseAndPingCalls_workWithLocalJsonsApiKey() throws Exception {
        Map<String, Object> created = Json.parseObject(curl(root + "/api/v3/checks/", "--header", "X-Api-Key: " + apiKey,
                "--data", "{\"name\": \"Backups\", \"tags\": \"prod www\", \"timeout\": 3600, \"grace\": 60}"));
        assertThat(created).containsEntry("status", "new").containsEntry("timeout", 3600);
        String pingUrl = (String) created.get("ping_url");
        assertThat(pingUrl).startsWith(root + "/ping/");

        assertThat(curl("-fsS", "-m", "10", "--retry", "5", pingUrl)).isEqualTo("OK");
        system.controls().drainQueue();
        Map<String, Object> listed = Json.parseObject(curl("--header", "X-Api-Key: " + apiKey, root + "/api/v3/checks/"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) listed.get("checks");
        assertThat(checks).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("status", "up").containsEntry("n_pings", 1));

        Map<String, Object> paused = Json.parseObject(curl(created.get("pause_url") + "", "--request", "POST",
                "--header", "X-Api-Key: " + apiKey, "--data", ""));
        assertThat(paused).containsEntry("status", "paused");
    }

    /** The docs' "keyword filtering" with the output sent as the body, then read back from the ping log. */
    @Test
    @SuppressWarnings("unchecked")
    void keywordFilters_readTheOutputCurlSends_andThePingLogServesIt() throws Exception {
        Map<String, Object> created = Json.parseObject(curl(root + "/api/v3/checks/", "--header", "X-Api-Key: " + apiKey,
                "--data", "{\"name\": \"Backups\", \"filter_http_body\": true, \"success_kw\": \"finished\", "
                        + "\"failure_kw\": \"ERROR,FATAL\"}"));
        String pingUrl = (String) created.get("ping_url");
        String output = "rsync: 12 files\nFATAL: disk full";
        assertThat(curl("-fsS", "-m", "10", "--retry", "5", "--data-raw", output, pingUrl)).isEqualTo("OK");
        system.controls().drainQueue();
        assertThat(Json.parseObject(curl("--header", "X-Api-Key: " + apiKey, (String) created.get("update_url"))))
                .containsEntry("status", "down").containsEntry("filter_http_body", true);

        List<Map<String, Object>> pings = (List<Map<String, Object>>) Json.parseObject(curl("--header",
                "X-Api-Key: " + apiKey, created.get("update_url") + "/pings/")).get("pings");
        assertThat(pings).singleElement().satisfies(p -> assertThat(p).containsEntry("type", "fail").containsEntry("n", 1)
                .containsEntry("method", "POST"));
        assertThat(curl("--header", "X-Api-Key: " + apiKey, (String) pings.get(0).get("body_url"))).isEqualTo(output);
    }

    @Test
    @SuppressWarnings("unchecked")
    void badges_listedWithTheApiKey_areServedWithoutIt() throws Exception {
        curl(root + "/api/v3/checks/", "--header", "X-Api-Key: " + apiKey, "--data", "{\"name\": \"db\", \"tags\": \"prod\"}");
        Map<String, Object> badges = (Map<String, Object>) Json.parseObject(
                curl("--header", "X-Api-Key: " + apiKey, root + "/api/v3/badges/")).get("badges");
        String svg = ((Map<String, String>) badges.get("prod")).get("svg");
        assertThat(curl(svg)).startsWith("<svg").contains(">prod</text>").contains(">up</text>");
        assertThat(Json.parseObject(curl(((Map<String, String>) badges.get("*")).get("shields"))))
                .containsEntry("message", "up").containsEntry("schemaVersion", 1);
    }
}
