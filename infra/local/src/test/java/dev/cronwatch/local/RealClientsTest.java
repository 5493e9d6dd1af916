package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.dynamo.DynamoWholeStore;
import io.sentry.CheckIn;
import io.sentry.CheckInStatus;
import io.sentry.MonitorConfig;
import io.sentry.MonitorSchedule;
import io.sentry.MonitorScheduleUnit;
import io.sentry.Sentry;
import io.sentry.protocol.SentryId;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients teams already use, unchanged, against a running local server: the curl lines of
 * Sentry's documentation, {@code sentry-cli monitors run}, and the Sentry Java SDK.
 */
class RealClientsTest {
    static final Path SENTRY_CLI = Path.of("../sentry-cli/node_modules/.bin/sentry-cli").toAbsolutePath().normalize();

    @TempDir
    Path dataDir;
    LocalSystem system;
    LocalCredentials c;
    LocalApi api;
    String monitors;

    @BeforeEach
    void start() throws Exception {
        system = new LocalSystem(LocalOptions.parse("--port", "0", "--in-memory", "--data-dir", dataDir.toString()),
                new PrintStream(OutputStream.nullOutputStream()));
        c = system.credentials();
        api = new LocalApi(c);
        monitors = c.baseUrl() + "/api/0/organizations/" + c.organization() + "/monitors/";
    }

    @AfterEach
    void stop() {
        system.close();
    }

    /**
     * Runs a command, returns its standard output; fails the test on a non-zero exit unless expected,
     * and on a command still running after a minute (its output goes to a file, so nothing blocks on it).
     */
    static String run(List<String> command, Map<String, String> env, int expectedExit) throws Exception {
        Path log = Files.createTempFile("cronwatch-client", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            if (!exited) process.destroyForcibly();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(exited).as("%s still running after a minute; it said: %s", command, output).isTrue();
            assertThat(process.exitValue()).as("%s said: %s", command, output).isEqualTo(expectedExit);
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail-with-body"));
        command.addAll(List.of(args));
        return run(command, Map.of(), 0);
    }

    void settle() {
        system.controls().drainQueue();
    }

    @Test
    void theCurlLinesOfSentrysDocumentation() throws Exception {
        String dsnHeader = "Authorization: DSN " + c.dsn();
        String json = "Content-Type: application/json";
        // upsert + two-step: start…
        String started = curl("-X", "POST", monitors + "nightly/checkins/", "--header", dsnHeader, "--header", json,
                "--data-raw", "{\"monitor_config\": {\"schedule\": {\"type\": \"crontab\", \"value\": \"0 2 * * *\"},"
                        + " \"checkin_margin\": 5, \"max_runtime\": 30, \"timezone\": \"America/Los_Angeles\"},"
                        + " \"status\": \"in_progress\"}");
        assertThat(started).contains("\"id\"");
        // …and finish
        curl("-X", "PUT", monitors + "nightly/checkins/latest/", "--header", dsnHeader, "--header", json,
                "--data-raw", "{\"status\": \"ok\"}");
        // failure, in environment dev
        curl("-X", "POST", monitors + "nightly/checkins/", "--header", dsnHeader, "--header", json,
                "--data-raw", "{\"status\": \"error\", \"environment\": \"dev\"}");
        // overlapping jobs: keep each run's id
        String first = id(curl("-X", "POST", monitors + "nightly/checkins/", "--header", dsnHeader, "--header", json,
                "--data-raw", "{\"status\": \"in_progress\"}"));
        String second = id(curl("-X", "POST", monitors + "nightly/checkins/", "--header", dsnHeader, "--header", json,
                "--data-raw", "{\"status\": \"in_progress\"}"));
        curl("-X", "PUT", monitors + "nightly/checkins/" + second + "/", "--header", dsnHeader, "--header", json,
                "--data-raw", "{\"status\": \"ok\"}");
        curl("-X", "PUT", monitors + "nightly/checkins/" + first + "/", "--header", dsnHeader, "--header", json,
                "--data-raw", "{\"status\": \"ok\", \"duration\": 3000}");
        // heartbeat through the relay URL, as a crontab line calls it (its own monitor: the 6 check-ins
        // a minute above are the rate limit of nightly's environment)
        String crons = c.baseUrl() + "/api/" + c.projectId() + "/cron/ping/" + c.publicKey() + "/";
        curl("-X", "POST", crons, "--header", json, "--data-raw",
                "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"*/10 * * * *\"}}");
        curl(crons + "?status=ok");
        settle();
        // attachment of the first run's log
        Path log = dataDir.resolve("job.log");
        Files.writeString(log, "backup done\n");
        curl("-X", "POST", monitors + "nightly/checkins/" + first + "/attachment/", "--header", dsnHeader,
                "--form", "file=@" + log);

        List<Map<String, Object>> checkIns = api.checkIns("nightly");
        assertThat(checkIns).hasSize(4);
        assertThat(api.checkIns("ping")).extracting(ci -> ci.get("status")).containsExactly("ok", "ok");
        assertThat(checkIns).filteredOn(ci -> "dev".equals(ci.get("environment"))).singleElement()
                .satisfies(ci -> assertThat(ci).containsEntry("status", "error"));
        assertThat(checkIns).filteredOn(ci -> first.equals(ci.get("id"))).singleElement()
                .satisfies(ci -> assertThat(ci).containsEntry("status", "ok").containsEntry("duration", 3000));
        assertThat(checkIns).filteredOn(ci -> second.equals(ci.get("id"))).singleElement()
                .satisfies(ci -> assertThat(ci).containsEntry("status", "ok"));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) api.monitor("nightly").get("config");
        assertThat(config).containsEntry("schedule", "0 2 * * *").containsEntry("timezone", "America/Los_Angeles")
                .containsEntry("checkin_margin", 5);
        assertThat(api.environment("nightly", "dev")).containsEntry("status", "error");
        assertThat(DynamoWholeStore.on(system.controls().backends().dynamoDb(), system.controls().backends().table()).attachment(
                new dev.cronwatch.core.monitor.MonitorKey("local", "nightly"), first)).isPresent();
    }

    private static String id(String response) {
        return response.replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1").trim();
    }

    @Test
    void sentryCliMonitorsRunWrapsACommand() throws Exception {
        assertThat(SENTRY_CLI).as("run infra/sentry-cli/install.sh").exists();
        Map<String, String> env = Map.of("SENTRY_DSN", c.dsn());
        run(List.of(SENTRY_CLI.toString(), "monitors", "run", "-s", "*/5 * * * *", "--check-in-margin", "5",
                "--max-runtime", "10", "--timezone", "Europe/Riga", "cli-job", "--", "sh", "-c", "sleep 0.2; exit 0"), env, 0);
        run(List.of(SENTRY_CLI.toString(), "monitors", "run", "cli-job", "--", "sh", "-c", "exit 3"), env, 3);
        settle();
        List<Map<String, Object>> checkIns = api.checkIns("cli-job");
        assertThat(checkIns).extracting(ci -> ci.get("status")).containsExactlyInAnyOrder("ok", "error");
        assertThat(checkIns).filteredOn(ci -> "ok".equals(ci.get("status"))).singleElement()
                .satisfies(ci -> assertThat(((Number) ci.get("duration")).longValue()).isGreaterThanOrEqualTo(200));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) api.monitor("cli-job").get("config");
        assertThat(config).containsEntry("schedule", "*/5 * * * *").containsEntry("checkin_margin", 5)
                .containsEntry("max_runtime", 10).containsEntry("timezone", "Europe/Riga");
    }

    @Test
    void theSentryJavaSdkChecksIn() {
        Sentry.init(options -> {
            options.setDsn(c.dsn());
            options.setEnableUncaughtExceptionHandler(false);
            options.setEnableShutdownHook(false);
        });
        try {
            MonitorConfig monitorConfig = new MonitorConfig(MonitorSchedule.interval(2, MonitorScheduleUnit.HOUR));
            monitorConfig.setCheckinMargin(5L);
            monitorConfig.setMaxRuntime(15L);
            monitorConfig.setTimezone("Europe/Riga");
            CheckIn start = new CheckIn("sdk-job", CheckInStatus.IN_PROGRESS);
            start.setMonitorConfig(monitorConfig);
            SentryId id = Sentry.captureCheckIn(start);
            CheckIn done = new CheckIn(id, "sdk-job", CheckInStatus.OK);
            done.setDuration(1.25);
            Sentry.captureCheckIn(done);
            Sentry.flush(10_000);
        } finally {
            Sentry.close();
        }
        settle();
        assertThat(api.checkIns("sdk-job")).singleElement().satisfies(ci -> assertThat(ci)
                .containsEntry("status", "ok").containsEntry("duration", 1250));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) api.monitor("sdk-job").get("config");
        assertThat(config).containsEntry("schedule_type", "interval").containsEntry("schedule", List.of(2, "hour"))
                .containsEntry("timezone", "Europe/Riga");
    }
}
