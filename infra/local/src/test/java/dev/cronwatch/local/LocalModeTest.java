package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cronwatch.adapters.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local mode as a newcomer and a script use it: real HTTP on loopback, the manual clock, restarts. */
class LocalModeTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dataDir;

    /** Local mode on the data directory, kept across restarts; the manual clock at {@code clock}. */
    private LocalSystem start(Instant clock) throws Exception {
        return new LocalSystem(LocalOptions.parse("--port", "0", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", clock.toString()), QUIET);
    }

    /** Local mode in memory, the manual clock at T0, with further options. */
    private LocalSystem startInMemory(PrintStream console, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--in-memory", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", T0.toString()));
        args.addAll(List.of(options));
        return new LocalSystem(LocalOptions.parse(args.toArray(String[]::new)), console);
    }

    private static Instant h(double hours) {
        return T0.plus(Duration.ofSeconds((long) (hours * 3600)));
    }

    private static void move(LocalApi api, Instant now) {
        assertThat(api.moveClock(now).status()).isEqualTo(200);
    }

    @Test
    void aMonitorsLifeAlertsOnceForEachTransitionInOrder() throws Exception {
        try (LocalSystem system = start(T0)) {
            LocalApi api = new LocalApi(system.credentials());
            LocalControls controls = system.controls();
            String config = "{\"schedule\": \"0 * * * *\", \"checkin_margin\": 5, \"max_runtime\": 30,"
                    + " \"failure_issue_threshold\": 2, \"recovery_threshold\": 2}";
            api.checkIn("job", "{\"status\": \"ok\", \"monitor_config\": " + config + "}");
            move(api, h(2.1));                                     // misses 01:00 and 02:00: opens
            controls.setTime(h(2.2));
            api.checkIn("job", "{\"status\": \"ok\"}");
            move(api, h(3));
            api.checkIn("job", "{\"status\": \"ok\"}");             // second OK in a row: recovers
            move(api, h(4));
            api.checkIn("job", "{\"status\": \"in_progress\"}");
            move(api, h(5));                                       // times out at 04:30
            api.checkIn("job", "{\"status\": \"in_progress\"}");
            move(api, h(5.6));                                     // times out at 05:30: opens
            api.checkIn("job", "{\"status\": \"ok\"}");
            move(api, h(6));
            api.checkIn("job", "{\"status\": \"ok\"}");             // recovers
            move(api, h(7));
            api.checkIn("job", "{\"status\": \"error\"}");
            move(api, h(8));
            api.checkIn("job", "{\"status\": \"error\"}");          // second error: opens
            move(api, h(9));
            api.checkIn("job", "{\"status\": \"ok\"}");
            move(api, h(10));
            api.checkIn("job", "{\"status\": \"ok\"}");             // recovers
            move(api, h(10.1));

            List<Map<String, Object>> alerts = api.notifications();
            assertThat(alerts).extracting(a -> EndToEndSuite.attributes(a).get("type") + "/"
                    + EndToEndSuite.attributes(a).get("reason")).containsExactly(
                    "incident.opened/missed", "incident.resolved/missed",
                    "incident.opened/timeout", "incident.resolved/timeout",
                    "incident.opened/error", "incident.resolved/error");
            assertThat(alerts.get(0).get("subject")).asString().startsWith("cronwatch: job [production] failing");
            assertThat(Json.parseObject((String) alerts.get(0).get("message"))).containsEntry("type", "incident.opened");
            assertThat(api.incidents("job")).hasSize(3).allSatisfy(i -> assertThat(i.get("dateResolved")).isNotNull());
        }
    }

    /**
     * The story of the issue "Never silenced": a client sends its heartbeat twice, 20 seconds apart
     * (an SDK retrying after a timeout), then the job stops. The retry is the same request within the
     * minute, so the queue keeps it once; it must hold nothing back. Three hours later the monitor has
     * its 18 misses, an incident and its alert, exactly as a twin that sent one heartbeat.
     */
    @Test
    void aHeartbeatSentTwiceTwentySecondsApart_stillAlertsWhenTheJobStops() throws Exception {
        Instant start = T0.minusSeconds(30);
        String heartbeat = "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":\"*/10 * * * *\",\"checkin_margin\":1}}";
        try (LocalSystem system = start(start)) {
            LocalApi api = new LocalApi(system.credentials());
            api.relay("stall", "", heartbeat);
            system.controls().setTime(start.plusSeconds(20));
            api.relay("stall", "", heartbeat);
            api.relay("twin", "", heartbeat);

            move(api, start.plus(Duration.ofHours(3)));

            for (String slug : List.of("stall", "twin")) {
                List<Object> statuses = api.checkIns(slug).stream().map(c -> c.get("status")).toList();
                assertThat(statuses).as("check-ins of %s, newest first", slug).hasSize(19).endsWith("ok")
                        .containsOnly("missed", "ok").filteredOn("missed"::equals).hasSize(18);
                assertThat(api.incidents(slug)).as("incidents of %s", slug).singleElement()
                        .satisfies(i -> assertThat(i.get("dateResolved")).isNull());
            }
            assertThat(api.notifications()).extracting(n -> EndToEndSuite.attributes(n).get("monitor") + " "
                    + EndToEndSuite.attributes(n).get("type"))
                    .containsExactlyInAnyOrder("stall incident.opened", "twin incident.opened");
        }
    }

    /**
     * A settings change that is not a new schedule keeps the pending deadline (as Sentry does): at
     * 13:02, the 13:00 check-in of an hourly monitor with a 5-minute margin is late; a new margin of
     * 10 sent alone keeps 13:00 expected, moves the deadline to 13:10, and 13:00 is missed then.
     */
    @Test
    void aNewMarginThroughTheApi_keepsTheLateSlot_andMissesItAtTheNewDeadline() throws Exception {
        Instant noon = T0.plus(Duration.ofHours(12));
        try (LocalSystem system = start(noon)) {
            LocalApi api = new LocalApi(system.credentials());
            api.checkIn("hourly", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\", \"checkin_margin\": 5}}");
            move(api, noon.plus(Duration.ofMinutes(62)));
            assertThat(api.environment("hourly", "production")).containsEntry("nextCheckIn", "2026-01-01T13:00:00Z")
                    .containsEntry("nextCheckInLatest", "2026-01-01T13:05:00Z");

            LocalApi.Response changed = api.send("PUT", "/api/0/organizations/" + api.organization() + "/monitors/hourly/",
                    Map.of("Authorization", "Bearer " + api.token()), "{\"config\": {\"checkin_margin\": 10}}");
            assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
            assertThat(api.environment("hourly", "production")).containsEntry("nextCheckIn", "2026-01-01T13:00:00Z")
                    .containsEntry("nextCheckInLatest", "2026-01-01T13:10:00Z");
            assertThat(api.monitor("hourly").get("config")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("schedule", "0 * * * *").containsEntry("checkin_margin", 10);

            move(api, noon.plus(Duration.ofMinutes(69)));
            assertThat(api.checkIns("hourly")).extracting(c -> c.get("status")).containsExactly("ok");
            move(api, noon.plus(Duration.ofMinutes(70)));
            assertThat(api.checkIns("hourly")).first().satisfies(c -> assertThat(c)
                    .containsEntry("status", "missed").containsEntry("dateAdded", "2026-01-01T13:00:00Z"));
            assertThat(api.environment("hourly", "production")).containsEntry("nextCheckIn", "2026-01-01T14:00:00Z");
        }
    }

    @Test
    void aRestartKeepsMonitorsCheckInsIncidentsAndCredentials() throws Exception {
        LocalCredentials first;
        try (LocalSystem system = start(T0)) {
            first = system.credentials();
            LocalApi api = new LocalApi(first);
            api.checkIn("kept", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
            move(api, h(1.1));
            assertThat(api.incidents("kept")).hasSize(1);
        }
        Map<String, Object> file = Json.parseObject(Files.readString(dataDir.resolve("local.json")));
        assertThat(file).containsKeys("baseUrl", "organization", "projectId", "dsn", "publicKey", "token")
                .containsEntry("token", first.token());
        try (LocalSystem system = start(h(1.1))) {
            LocalApi api = new LocalApi(system.credentials());
            assertThat(system.credentials().publicKey()).isEqualTo(first.publicKey());
            assertThat(api.checkIns("kept")).extracting(c -> c.get("status")).containsExactly("missed", "ok");
            assertThat(api.incidents("kept")).singleElement().satisfies(i -> assertThat(i.get("dateResolved")).isNull());
            api.checkIn("kept", "{\"status\": \"ok\"}");
            move(api, h(1.2));
            assertThat(api.incidents("kept").get(0).get("dateResolved")).isNotNull();
        }
    }

    @Test
    void theManualClockTicksOnlyDueMinutesAndNeverGoesBack() throws Exception {
        try (LocalSystem system = start(T0)) {
            LocalApi api = new LocalApi(system.credentials());
            LocalApi.Response year = api.moveClock(T0.plus(Duration.ofDays(365)));
            assertThat(year.status()).isEqualTo(200);
            assertThat(year.object()).containsEntry("now", "2027-01-01T00:00:00Z").containsEntry("ticks", 0);
            LocalApi.Response back = api.moveClock(T0);
            assertThat(back.status()).isEqualTo(400);
            assertThat(back.object()).containsEntry("field", "now");
            // hourly with a 1-minute margin: 3 hours and a minute ahead holds 3 deadlines, so 3 ticks
            api.checkIn("hourly", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
            LocalApi.Response three = api.moveClock(T0.plus(Duration.ofDays(365)).plus(Duration.ofMinutes(181)));
            assertThat(three.object()).containsEntry("ticks", 3);
            assertThat(api.checkIns("hourly")).extracting(c -> c.get("status")).containsExactly("missed", "missed", "missed", "ok");
        }
    }

    @Test
    void alertsArePostedToTheWebhook() throws Exception {
        try (Webhook hook = new Webhook(204); LocalSystem system = startInMemory(QUIET, "--webhook", hook.url())) {
            LocalApi api = new LocalApi(system.credentials());
            api.checkIn("hooked", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
            move(api, h(1.1));
            assertThat(hook.posted).singleElement().satisfies(body -> {
                Map<String, Object> json = Json.parseObject(body);
                assertThat(json).containsKeys("subject", "message", "attributes");
                assertThat((String) json.get("subject")).contains("hooked [production] failing");
            });
        }
    }

    @Test
    void slackWebhooksGetTextInSlacksMarkup_withALinkToTheMonitor() throws Exception {
        try (Webhook hook = new Webhook(200);
             LocalSystem system = startInMemory(QUIET, "--webhook", hook.url(), "--webhook-format", "slack")) {
            LocalApi api = new LocalApi(system.credentials());
            api.checkIn("db-dump", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\","
                    + " \"timezone\": \"America/New_York\"}}");
            move(api, h(1.1));
            String link = system.credentials().baseUrl() + "/#/organizations/local/monitors/db-dump?environment=production";
            assertThat(hook.posted).singleElement().satisfies(body -> assertThat(Json.parseObject(body)).containsOnlyKeys("text")
                    .containsEntry("text", "*\uD83D\uDD34 db-dump [production] is failing*\n"
                            + "A missed check-in was detected.\n"
                            + "Failing since 2026-01-01 01:00:00 UTC (2025-12-31 20:00:00 EST).\n"
                            + "Last success 2026-01-01 00:00:00 UTC (2025-12-31 19:00:00 EST).\n"
                            + "Schedule `every hour at :00` in America/New_York.\n"
                            + "<" + link + "|Open the monitor>"));
            Map<String, Object> kept = api.notifications().get(0);
            assertThat((String) kept.get("text")).startsWith("db-dump [production] is failing: A missed check-in was detected")
                    .contains("Open the monitor: " + link);
            assertThat(Json.parseObject((String) kept.get("message"))).containsEntry("dashboardUrl", link)
                    .containsEntry("source", "custom");
        }
    }

    /** One alert per transition: a webhook that fails in any way (a URL the HTTP client refuses) repeats nothing. */
    @Test
    void aFailingWebhook_publishesTheAlertOnce() throws Exception {
        LocalOptions parsed = LocalOptions.parse("--port", "0", "--in-memory", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", T0.toString());
        // past the options' own check, as a URL the HTTP client still refuses would be
        LocalOptions options = new LocalOptions(parsed.port(), parsed.dataDir(), parsed.inMemory(), parsed.manualClock(),
                parsed.start(), java.net.URI.create("notaurl"), parsed.rateLimitPerMinute(), parsed.webhookFormat(),
                parsed.workers(), parsed.allowedHosts());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LocalSystem system = new LocalSystem(options, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            LocalApi api = new LocalApi(system.credentials());
            api.checkIn("hooked", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
            move(api, h(1.1));

            assertThat(api.notifications()).hasSize(1);
            List<String> console = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(console).filteredOn(l -> l.startsWith("*** ALERT")).hasSize(1);
            assertThat(console).filteredOn(l -> l.startsWith("webhook notaurl failed: ")).hasSize(1);
        }
    }

    @Test
    void webhookFormatIsJsonOrSlack_andGoesWithAWebhook() {
        assertThat(LocalOptions.parse("--in-memory").webhookFormat()).isEqualTo(Notifications.Format.JSON);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalOptions.parse("--webhook", "http://x", "--webhook-format", "teams"))
                .hasMessageContaining("json or slack");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalOptions.parse("--webhook-format", "slack"))
                .hasMessageContaining("goes with --webhook");
    }

    @Test
    void allowHostIsRepeatable_andTakesAHostNameWithAnOptionalPort() {
        assertThat(LocalOptions.parse("--in-memory").allowedHosts()).isEmpty();
        assertThat(LocalOptions.parse("--allow-host", "cronwatch.test", "--allow-host", "Tunnel.Example:8443").allowedHosts())
                .containsExactly("cronwatch.test", "tunnel.example:8443");
        for (String bad : List.of("", "http://cronwatch.test", "a b", "host:port", "*.example")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalOptions.parse("--allow-host", bad))
                    .as(bad).hasMessageContaining("--allow-host");
        }
    }

    @Test
    void aCheckInForAMistypedSlug_printsOneWarning_andIsListedForTheOrganization() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InjectedFaults faults = new InjectedFaults();
        LocalOptions options = LocalOptions.parse("--port", "0", "--in-memory", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", T0.toString());
        try (LocalSystem system = new LocalSystem(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                Emulators.start(options.dataDir(), options.inMemory()), FaultSeam.of(faults))) {
            LocalApi api = new LocalApi(system.credentials());
            faults.deliverEveryBatchTwice(true); // a redelivery records the same error again
            api.checkIn("nightly-backup", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
            // two monitors are two FIFO groups, applied in any order: the suggestion needs the monitor first
            system.controls().drainQueue();
            String dropped = api.checkIn("nightly-bakup", "{\"status\": \"ok\"}");   // the typo in a crontab line
            system.controls().drainQueue();

            List<String> warnings = out.toString(StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("! ")).toList();
            assertThat(warnings).containsExactly("! dropped check-in " + dropped + " for local/nightly-bakup: MONITOR_NOT_FOUND"
                    + " {suggestion=nightly-backup} (GET /api/0/organizations/local/processing-errors/)");
            assertThat(api.organizationProcessingErrors()).singleElement().satisfies(e -> assertThat(e)
                    .containsEntry("monitor", "nightly-bakup").containsEntry("name", "MONITOR_NOT_FOUND")
                    .containsEntry("checkInId", dropped)
                    .containsEntry("data", Map.of("suggestion", "nightly-backup"))); // the dashboard's "did you mean"
            assertThat(api.checkIns("nightly-backup")).hasSize(1);
        }
    }

    @Test
    void stoppingAppliesEveryAcceptedCheckInFirst() throws Exception {
        try (LocalSystem system = start(T0)) {
            system.controls().pauseProcessor(true); // accepted, still in the queue when the stop comes
            new LocalApi(system.credentials()).checkIn("late", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        }
        try (LocalSystem system = start(T0)) {
            assertThat(new LocalApi(system.credentials()).checkIns("late")).extracting(c -> c.get("status")).containsExactly("ok");
        }
    }

    @Test
    void credentialsAreReadableByTheirOwnerOnly() throws Exception {
        Path file = dataDir.resolve("local.json");
        Files.createDirectories(dataDir);
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        try (LocalSystem system = start(T0)) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(Json.parseObject(Files.readString(file))).containsEntry("token", system.credentials().token());
        }
    }

    /** dynamodb.db holds every organization's DSN keys and token hashes: no other user of the machine reads it. */
    @Test
    void theDataDirectoryAndItsFilesAreTheOwnersOnly_madeSoAndMadeSoAgainOnEveryStart() throws Exception {
        Path fresh = dataDir.resolve("fresh");
        LocalOptions options = LocalOptions.parse("--port", "0", "--data-dir", fresh.toString(),
                "--clock", "manual", "--start", T0.toString());
        List<Path> files = List.of(fresh.resolve(Emulators.DATABASE_FILE), fresh.resolve(DataDirLock.FILE),
                fresh.resolve(LocalCredentials.FILE));
        try (LocalSystem system = new LocalSystem(options, QUIET)) {
            assertThat(permissions(fresh)).isEqualTo("rwx------");
            assertThat(files).allSatisfy(f -> assertThat(permissions(f)).as("%s", f.getFileName()).isEqualTo("rw-------"));
        }
        Files.setPosixFilePermissions(fresh, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path file : files) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (LocalSystem system = new LocalSystem(options, QUIET)) {
            assertThat(permissions(fresh)).isEqualTo("rwx------");
            assertThat(files).allSatisfy(f -> assertThat(permissions(f)).as("%s", f.getFileName()).isEqualTo("rw-------"));
        }
    }

    private static String permissions(Path path) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anotherOrganizationIsOneCallAway_withTheCredentialsLocalJsonHolds() throws Exception {
        try (LocalSystem system = start(T0)) {
            LocalApi api = new LocalApi(system.credentials());
            LocalApi.Response created = api.send("POST", "/_local/organizations", Map.of(), "{\"name\": \"acme\"}");
            assertThat(created.status()).isEqualTo(201);
            Map<String, Object> acme = created.object();
            assertThat(acme).containsOnlyKeys("baseUrl", "organization", "projectId", "projectSlug", "dsn", "publicKey", "token",
                            "pingKey", "apiKey")
                    .containsEntry("organization", "acme").containsEntry("baseUrl", system.credentials().baseUrl());
            LocalApi other = new LocalApi(new LocalCredentials((String) acme.get("baseUrl"), "acme",
                    (String) acme.get("projectId"), (String) acme.get("projectSlug"), (String) acme.get("dsn"),
                    (String) acme.get("publicKey"), (String) acme.get("token"), (String) acme.get("pingKey"),
                    (String) acme.get("apiKey")));
            other.checkIn("theirs", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
            system.controls().drainQueue();
            assertThat(other.checkIns("theirs")).hasSize(1);
            assertThat(api.send("GET", "/api/0/organizations/acme/monitors/theirs/", Map.of("Authorization",
                    "Bearer " + system.credentials().token()), null).status()).isEqualTo(404);

            assertThat(api.send("POST", "/_local/organizations", Map.of(), "{\"name\": \"acme\"}").status()).isEqualTo(409);
            assertThat(api.send("POST", "/_local/organizations", Map.of(), "{\"name\": \"local\"}").status()).isEqualTo(409);
            for (String bad : List.of("{\"name\": \"Acme#1\"}", "{}", "not json", "{\"name\": 7}")) {
                LocalApi.Response r = api.send("POST", "/_local/organizations", Map.of(), bad);
                assertThat(r.status()).as(bad).isEqualTo(400);
                assertThat(r.object()).containsEntry("field", "name");
            }
        }
    }

    @Test
    void aKeyRevokedThroughTheApiStaysRevokedAcrossARestart() throws Exception {
        LocalCredentials first;
        try (LocalSystem system = start(T0)) {
            first = system.credentials();
            LocalApi.Response revoked = new LocalApi(first).send("DELETE", "/api/0/projects/local/1/keys/" + first.publicKey() + "/",
                    Map.of("Authorization", "Bearer " + first.token()), null);
            assertThat(revoked.status()).isEqualTo(204);
        }
        try (LocalSystem system = start(T0)) {
            LocalCredentials second = system.credentials();
            assertThat(second.publicKey()).isNotEqualTo(first.publicKey());
            assertThat(new LocalApi(second).send("POST", "/api/0/organizations/local/monitors/job/checkins/",
                    Map.of("Authorization", "DSN " + first.dsn()), "{\"status\": \"ok\"}").status()).isEqualTo(401);
            new LocalApi(second).checkIn("job", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        }
    }

    @Test
    void aTokenRevokedThroughTheApi_isRefusedAtOnce_andReplacedAtTheNextStart() throws Exception {
        LocalCredentials first;
        try (LocalSystem system = start(T0)) {
            first = system.credentials();
            LocalApi api = new LocalApi(first);
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + first.token());
            LocalApi.Response listed = api.send("GET", "/api/0/organizations/local/tokens/", bearer, null);
            assertThat(listed.status()).isEqualTo(200);
            assertThat(LocalApi.list(listed.body())).singleElement().satisfies(t -> assertThat(t).containsEntry("name", "local.json"));
            String id = (String) LocalApi.list(listed.body()).get(0).get("id");
            assertThat(api.send("DELETE", "/api/0/organizations/local/tokens/" + id + "/", bearer, null).status()).isEqualTo(204);
            LocalApi.Response refused = api.send("GET", "/api/0/organizations/local/monitors/", bearer, null);
            assertThat(refused.status()).isEqualTo(401);
            assertThat((String) refused.object().get("detail")).contains("revoked");
        }
        try (LocalSystem system = start(T0)) {
            LocalCredentials second = system.credentials();
            assertThat(second.token()).isNotEqualTo(first.token());
            assertThat(new LocalApi(second).send("GET", "/api/0/organizations/local/monitors/",
                    Map.of("Authorization", "Bearer " + second.token()), null).status()).isEqualTo(200);
        }
    }

    /** A webhook receiver on a free loopback port: keeps every body posted to it, answers with {@code status}. */
    private static final class Webhook implements AutoCloseable {
        final List<String> posted = Collections.synchronizedList(new ArrayList<>());
        private final HttpServer server;

        Webhook(int status) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
