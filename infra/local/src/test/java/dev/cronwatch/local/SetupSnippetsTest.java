package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.json.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's setup lines as a user pastes them, against a running local server: the text comes
 * from the page's own script (setup.js, run by Node), and the clients are the real ones, the Sentry
 * SDK for Node.js from npm ({@code infra/sentry-node/install.sh}) and curl from a shell.
 */
class SetupSnippetsTest {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path SETUP_JS = ROOT.resolve("functions/handlers/src/main/resources/dashboard/setup.js");
    static final Path SENTRY_NODE_MODULES = ROOT.resolve("infra/sentry-node/node_modules");

    @TempDir
    Path work;
    LocalSystem system;
    LocalCredentials c;
    LocalApi api;

    @BeforeEach
    void start() throws Exception {
        system = new LocalSystem(LocalOptions.parse("--port", "0", "--in-memory", "--data-dir", work.resolve("data").toString()),
                new PrintStream(OutputStream.nullOutputStream()));
        c = system.credentials();
        api = new LocalApi(c);
    }

    @AfterEach
    void stop() {
        system.close();
    }

    /** What the monitor page shows for this monitor, by the page's own code. */
    Map<String, Object> setupLines(String slug) throws Exception {
        return setupLines(Map.of("slug", slug, "project", c.projectId(), "config", Map.of(
                "schedule_type", "crontab", "schedule", "0 * * * *", "checkin_margin", 5, "max_runtime", 30,
                "timezone", "Europe/Riga")));
    }

    /** The lines for a monitor as the API lists it. */
    Map<String, Object> setupLines(Map<String, Object> monitor) throws Exception {
        return setupLines(monitor, null);
    }

    /** The same, with the project's ping key as the dashboard reads it ({@code GET …/ping-key/}). */
    Map<String, Object> setupLines(Map<String, Object> monitor, String pingKey) throws Exception {
        Map<String, Object> given = new java.util.HashMap<>(Map.of("organization", c.organization(), "monitor", monitor,
                "environment", "production", "dsn", c.dsn(), "origin", c.baseUrl()));
        if (pingKey != null) given.put("pingKey", pingKey);
        String input = Json.write(given);
        String script = "import {setupLines} from " + Json.write(SETUP_JS.toUri().toString()) + ";"
                + " process.stdout.write(JSON.stringify(setupLines(JSON.parse(process.argv[1]))));";
        return Json.parseObject(RealClientsTest.run(List.of("node", "--input-type=module", "-e", script, input), Map.of(), 0));
    }

    @Test
    void theNodeSnippetRunsAsPastedWithTheRealSdk() throws Exception {
        assertThat(SENTRY_NODE_MODULES.resolve("@sentry/node")).as("run infra/sentry-node/install.sh").exists();
        String snippet = (String) setupLines("node-job").get("node");
        // the file the user saves, beside an installed @sentry/node
        Path job = work.resolve("job.mjs");
        Files.writeString(job, snippet, StandardCharsets.UTF_8);
        Files.createSymbolicLink(work.resolve("node_modules"), SENTRY_NODE_MODULES);

        // The SDK sends a run's two check-ins at once, and the monitor is made by the first one (it
        // carries the schedule): the very first run's "ok" may arrive before it and be dropped, as on
        // Sentry. From the second run on, both are applied in either order.
        RealClientsTest.run(List.of("node", job.toString()), Map.of(), 0);
        system.controls().drainQueue();
        RealClientsTest.run(List.of("node", job.toString()), Map.of(), 0);
        system.controls().drainQueue();

        assertThat(api.checkIns("node-job").get(0)).containsEntry("status", "ok").containsEntry("environment", "production");
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) api.monitor("node-job").get("config");
        assertThat(config).containsEntry("schedule", "0 * * * *").containsEntry("checkin_margin", 5)
                .containsEntry("max_runtime", 30).containsEntry("timezone", "Europe/Riga");
    }

    @Test
    void theCrontabLinesCommandChecksInAndPrintsNothing() throws Exception {
        api.checkIn("cron-job", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": {\"type\": \"crontab\", \"value\": \"0 * * * *\"}}}");
        system.controls().drainQueue();
        String crontab = (String) setupLines("cron-job").get("crontab");
        // cron runs what follows the five schedule fields of the line (the line above it is a comment)
        String entry = crontab.lines().reduce((first, second) -> second).orElseThrow();
        String command = entry.split(" ", 6)[5];
        assertThat(command).startsWith("your-command ");

        for (String job : List.of("true", "false")) {
            String printed = RealClientsTest.run(List.of("bash", "-c", command.replace("your-command", job)), Map.of(), 0);
            assertThat(printed).as("what cron would mail after `%s`", job).isEmpty();
        }
        system.controls().drainQueue();

        assertThat(api.checkIns("cron-job")).extracting(ci -> ci.get("status")).containsExactly("error", "ok", "ok");
    }

    @Test
    void theHealthchecksLinesPingTheCheckAsPasted() throws Exception {
        RealClientsTest.run(List.of("curl", "-fsS", "-o", "/dev/null", c.baseUrl() + "/ping/" + c.pingKey() + "/hc-job?create=1"),
                Map.of(), 0);
        system.controls().drainQueue();
        String lines = (String) setupLines(api.monitor("hc-job")).get("healthchecks");
        List<String> commands = lines.lines().filter(l -> !l.startsWith("#") && !l.startsWith("ExecStopPost")).toList();
        assertThat(commands).hasSize(4);
        for (String command : commands) {
            String printed = RealClientsTest.run(List.of("bash", "-c", command.replace("your-command", "true")), Map.of(), 0);
            assertThat(printed).as(command).doesNotContain("not found");
        }
        RealClientsTest.run(List.of("bash", "-c", commands.get(2).replace("your-command", "false")), Map.of(), 0);
        system.controls().drainQueue();

        assertThat(api.checkIns("hc-job")).extracting(ci -> ci.get("status")).contains("ok", "error");
    }

    @Test
    void aHealthchecksChecksSlugLines_withTheProjectsPingKey_pingIt() throws Exception {
        RealClientsTest.run(List.of("curl", "-fsS", "-o", "/dev/null", c.baseUrl() + "/ping/" + c.pingKey() + "/hc-slug?create=1"),
                Map.of(), 0);
        system.controls().drainQueue();
        String pingKey = (String) Json.parseObject(RealClientsTest.run(List.of("curl", "-fsS", "--header",
                "Authorization: Bearer " + c.token(), c.baseUrl() + "/api/0/projects/" + c.organization() + "/"
                        + c.projectId() + "/ping-key/"), Map.of(), 0)).get("pingKey");
        assertThat(pingKey).isEqualTo(c.pingKey());
        String lines = (String) setupLines(api.monitor("hc-slug"), pingKey).get("healthchecksBySlug");
        assertThat(lines).contains("/ping/" + pingKey + "/hc-slug/start", "/hc-slug/$?", "/hc-slug/fail");
        List<String> commands = lines.lines().filter(l -> !l.startsWith("#")).toList();
        for (String command : commands) {
            String printed = RealClientsTest.run(List.of("bash", "-c", command.replace("your-command", "true")), Map.of(), 0);
            assertThat(printed).as(command).doesNotContain("not found");
        }
        String exitStatus = commands.stream().filter(l -> l.endsWith("/$?")).findFirst().orElseThrow();
        RealClientsTest.run(List.of("bash", "-c", exitStatus.replace("your-command", "false")), Map.of(), 0);
        system.controls().drainQueue();
        assertThat(api.checkIns("hc-slug")).extracting(ci -> ci.get("status")).contains("ok", "error");
    }
}
