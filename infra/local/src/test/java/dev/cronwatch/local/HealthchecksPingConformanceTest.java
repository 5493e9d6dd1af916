package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.LoggedPing;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorKey;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Healthchecks' ping URLs and state rules (docs/spec.md §14.1 and §14.2),
 * one test per rule, against local mode on the manual clock, with real curl lines as Healthchecks'
 * docs give them ({@code -fsS -m 10 --retry 5}, {@code --data-raw "$output"}, {@code /$?}).
 */
class HealthchecksPingConformanceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final String UNKNOWN_CODE = "0f0f0f0f-0000-4000-8000-000000000000";

    @TempDir
    Path dataDir;
    private LocalSystem system;
    private LocalApi api;
    private String base;

    @BeforeEach
    void start() throws Exception {
        system = new LocalSystem(LocalOptions.parse("--port", "0", "--in-memory", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", T0.toString(), "--rate-limit", "20"), QUIET);
        api = new LocalApi(system.credentials());
        base = system.credentials().baseUrl() + "/ping/";
    }

    @AfterEach
    void stop() {
        system.close();
    }

    /** What curl got: status, headers (lower-case names) and body. */
    record Reply(int status, Map<String, String> headers, String body, int exit) {
    }

    /** curl with the arguments given, {@code -i} added so the answer's headers are read too. */
    private Reply curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-i"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dataDir, "curl", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(out.toFile()).start();
        int exit = process.waitFor();
        String text = Files.readString(out, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) return new Reply(0, Map.of(), text, exit);
        String[] head = text.substring(0, split).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
        }
        return new Reply(Integer.parseInt(head[0].split(" ")[1]), headers, text.substring(split + 4), exit);
    }

    private String slugUrl(String slug) {
        return base + system.credentials().pingKey() + "/" + slug;
    }

    /** A check made by {@code ?create=1}, and its ping URL by code. */
    private String created(String slug) throws Exception {
        assertThat(curl(slugUrl(slug) + "?create=1").status()).isEqualTo(201);
        system.controls().drainQueue();
        return base + monitor(slug).ping().pingCode();
    }

    private Monitor monitor(String slug) {
        return system.controls().ports().stores().management()
                .monitor(new MonitorKey(system.credentials().organization(), slug)).orElseThrow();
    }

    private Map<String, Object> production(String slug) {
        Map<String, Object> monitor = api.send("GET", "/api/0/organizations/local/monitors/" + slug + "/",
                Map.of("Authorization", "Bearer " + system.credentials().token()), null).object();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> environments = (List<Map<String, Object>>) monitor.get("environments");
        return environments.get(0);
    }

    private List<String> subjects() {
        return api.notifications().stream().map(n -> (String) n.get("subject")).toList();
    }

    private void move(Instant to) {
        assertThat(api.moveClock(to).status()).isEqualTo(200);
    }

    // ---- §1.1, §1.3: URL forms and answers ----

    @Test
    void uuidForm_answers200OK_withCorsAndBodyLimit() throws Exception {
        String url = created("backup");
        Reply reply = curl("-m", "10", "--retry", "5", url);
        assertAnswered(reply, 200, "OK");
        assertThat(reply.headers()).containsEntry("access-control-allow-origin", "*")
                .containsEntry("ping-body-limit", "102400");
    }

    @Test
    void uuidForm_takesATrailingSlash() throws Exception {
        assertThat(curl(created("backup") + "/").body()).isEqualTo("OK");
    }

    @Test
    void uuidForm_takesStartFailLogAndExitStatuses() throws Exception {
        String url = created("backup");
        for (String suffix : List.of("/start", "/fail", "/log", "/0", "/1", "/007", "/255")) {
            assertThat(curl(url + suffix).body()).as(suffix).isEqualTo("OK");
        }
    }

    @Test
    void exitStatusAbove255_isInvalidUrlFormat_butAnUnknownCodeIsNotFoundFirst() throws Exception {
        String url = created("backup");
        Reply refused = curl(url + "/256");
        assertAnswered(refused, 400, "invalid url format");
        assertThat(refused.headers()).doesNotContainKey("access-control-allow-origin");
        assertThat(curl(base + UNKNOWN_CODE + "/300").status()).isEqualTo(404);
        assertThat(curl(url + "/-1").status()).isEqualTo(404);
    }

    @Test
    void unknownOrUpperCaseUuid_isNotFound() throws Exception {
        String url = created("backup");
        assertAnswered(curl(base + UNKNOWN_CODE), 404, "not found");
        assertThat(curl(url.toUpperCase(Locale.ROOT).replace("HTTP://", "http://").replace("/PING/", "/ping/")).status())
                .isEqualTo(404);
    }

    @Test
    void slugForm_isNotFoundWithoutCreate_createdWithCreate_thenOK() throws Exception {
        assertThat(curl(slugUrl("nightly")).body()).isEqualTo("not found");
        assertAnswered(curl(slugUrl("nightly") + "?create=1"), 201, "Created");
        system.controls().drainQueue();
        assertThat(curl(slugUrl("nightly") + "/start").body()).isEqualTo("OK");
        Monitor monitor = monitor("nightly");
        assertThat(monitor.config().graceSeconds()).isEqualTo(3600);
        assertThat(monitor.config().schedule().wireValue()).isEqualTo(86400L);
    }

    @Test
    void slugForm_refusesAnUpperCaseSlug_andATrailingSlash_andAnUnknownKey() throws Exception {
        assertAnswered(curl(slugUrl("Nightly") + "?create=1"), 400, "invalid url format");
        assertThat(curl(slugUrl("nightly") + "/?create=1").status()).isEqualTo(404);
        assertThat(curl(base + "abcdefghijklmnopqrstuv/nightly?create=1").body()).isEqualTo("not found");
    }

    @Test
    void malformedRid_isInvalidUuidFormat_andNothingIsRecorded() throws Exception {
        String url = created("backup");
        assertAnswered(curl(url + "?rid=not-a-uuid"), 400, "invalid uuid format");
        system.controls().drainQueue();
        assertThat(api.checkIns("backup")).hasSize(1);
    }

    @Test
    void anyMethodPings() throws Exception {
        String url = created("backup");
        for (String method : List.of("GET", "POST", "PUT", "OPTIONS", "DELETE")) {
            assertThat(curl("-X", method, url + "/log").body()).as(method).isEqualTo("OK");
        }
        assertThat(curl("-I", url + "/log").status()).isEqualTo(200);
        system.controls().drainQueue();
        assertThat(loggedPings(monitor("backup").key())).extracting(p -> p.ping().method())
                .containsExactlyInAnyOrder("GET", "POST", "PUT", "OPTIONS", "DELETE", "HEAD");
    }

    @Test
    void theBodyIsKeptWithMethodUserAgentAndAddress() throws Exception {
        String url = created("backup");
        String output = "rsync: 12 files\nall done";
        assertThat(curl("-fsS", "-m", "10", "--retry", "5", "--data-raw", output, url + "/log").body()).isEqualTo("OK");
        system.controls().drainQueue();
        MonitorKey key = monitor("backup").key();
        List<LoggedPing> logged = loggedPings(key);
        assertThat(logged).singleElement().satisfies(p -> {
            assertThat(p.ping().method()).isEqualTo("POST");
            assertThat(p.ping().userAgent()).startsWith("curl/");
            assertThat(p.ping().remoteAddr()).isEqualTo("127.0.0.1");
        });
        Attachment body = attachment(key, logged.get(0).id());
        assertThat(new String(body.content(), StandardCharsets.UTF_8)).isEqualTo(output);
    }

    @Test
    void aBodyOver100KB_isCutNotRefused() throws Exception {
        String url = created("backup");
        Path big = dataDir.resolve("big.txt");
        Files.writeString(big, "x".repeat(150 * 1024));
        assertThat(curl("--data-binary", "@" + big, url + "/log").body()).isEqualTo("OK");
        system.controls().drainQueue();
        MonitorKey key = monitor("backup").key();
        assertThat(attachment(key, loggedPings(key).get(0).id()).content()).hasSize(102_400);
    }

    @Test
    void pastTheRateLimit_answers200RateLimited_never429() throws Exception {
        String url = created("backup");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 25; i++) bodies.add(curl(url + "/log").body());
        assertThat(bodies).last().isEqualTo("OK (rate-limited)");
        assertThat(bodies).doesNotContain("Too Many Requests");
    }

    // ---- §2: state rules, through the manual clock ----

    @Test
    void simpleCheck_goesDownAtLastPingPlusTimeoutPlusGrace_withOneAlert() throws Exception {
        String url = created("backup"); // one day, an hour's grace, from its first ping at T0
        move(T0.plus(Duration.ofHours(24)).plusSeconds(3599));
        assertThat(subjects()).isEmpty();
        move(T0.plus(Duration.ofHours(25)).plusSeconds(60));
        assertThat(subjects()).containsExactly("cronwatch: backup [production] failing: A missed check-in was detected");
        assertThat(curl(url).body()).isEqualTo("OK");
        move(T0.plus(Duration.ofHours(25)).plusSeconds(120));
        assertThat(subjects()).last().isEqualTo("cronwatch: backup [production] recovered");
    }

    @Test
    void startArmsGrace_andARunThatNeverEndsIsDown() throws Exception {
        String url = created("backup");
        move(T0.plusSeconds(600));
        assertThat(curl(url + "/start").body()).isEqualTo("OK");
        move(T0.plusSeconds(600 + 3540));
        assertThat(subjects()).isEmpty();
        move(T0.plusSeconds(600 + 3660));
        assertThat(subjects()).singleElement().asString().contains("failing");
    }

    @Test
    void startDoesNotMoveTheNextDueTime() throws Exception {
        String url = created("backup");
        assertKeepsBackupsNextDueTime(() -> curl(url + "/start"));
    }

    private static void assertAnswered(Reply reply, int status, String body) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.body()).isEqualTo(body);
    }

    /** What {@code ping} sends at T0 + 10 min leaves backup's next due time where it was. */
    private void assertKeepsBackupsNextDueTime(Callable<?> ping) throws Exception {
        system.controls().drainQueue();
        Object due = production("backup").get("nextCheckIn");
        move(T0.plusSeconds(600));
        ping.call();
        move(T0.plusSeconds(660));
        assertThat(production("backup").get("nextCheckIn")).isEqualTo(due);
    }

    @Test
    void exitStatusOfTheJob_failIsDownAtOnce() throws Exception {
        String url = created("backup");
        move(T0.plusSeconds(600));
        Process job = new ProcessBuilder("sh", "-c", "false; curl -fsS -m 10 --retry 5 -o /dev/null " + url + "/$?")
                .start();
        assertThat(job.waitFor()).isZero();
        move(T0.plusSeconds(660));
        assertThat(subjects()).singleElement().asString().contains("failing");
    }

    @Test
    void logChangesNothing() throws Exception {
        String url = created("backup");
        assertKeepsBackupsNextDueTime(() -> curl("--data-raw", "half way", url + "/log"));
        assertThat(subjects()).isEmpty();
    }

    @Test
    void newToUp_sendsNothing_andTheCheckIsListedWithSentryMonitors() throws Exception {
        created("backup");
        move(T0.plusSeconds(60));
        assertThat(subjects()).isEmpty();
        assertThat(production("backup").get("status")).isEqualTo("ok");
    }

    private List<LoggedPing> loggedPings(MonitorKey key) {
        return system.controls().ports().stores().management().loggedPings(key, 100);
    }

    private Attachment attachment(MonitorKey key, String id) {
        return system.controls().ports().stores().management().attachment(key, id).orElseThrow();
    }
}
