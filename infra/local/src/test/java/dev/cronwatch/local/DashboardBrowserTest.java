package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.adapters.dynamo.DynamoWholeStore;
import dev.cronwatch.core.fakes.WholeStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser against local mode with the manual clock: a user signs in to an
 * empty organization, runs the first-run panel's curl line and creates an OnCalendar monitor with its
 * form, seeing its next runs; then, with a day of history, reads the dropped check-ins (a mistyped
 * slug, the rate limit), filters by project, reads the 7-day timeline with its axis and a failure as
 * wide as it lasted, sees a job turn failing after a miss, opens it, finds the MISSED check-in on its
 * timeline, mutes it, gets a bad crontab refused beside its field, fixes it, runs the setup help's
 * curl and crontab lines as pasted into a shell, deletes another monitor after confirming, picks the
 * environment the setup lines are for, mutes and deletes environments whose stored names are not
 * safe in a URL, reads a monitor in a phone-sized window, and signs out. Screenshots of both pages go
 * to {@code target/} (copies in {@code docs/} illustrate the README).
 */
class DashboardBrowserTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    static final Duration WAIT = Duration.ofSeconds(20);
    /** Hours of history before the user signs in. */
    static final int HOURS = 18;
    static final Instant SIGN_IN = T0.plus(Duration.ofHours(HOURS - 1)).plus(Duration.ofMinutes(36));

    @TempDir
    Path dataDir;

    @Test
    @Timeout(300)
    void signInSeeAMissOpenMuteEditAndSignOut() throws Exception {
        try (LocalSystem system = atStartOfDay(); HeadlessChromium chromium = HeadlessChromium.startOrSkip(1280, 1000)) {
            LocalApi api = new LocalApi(system.credentials());
            ChromeDriver driver = chromium.driver();
            String token = system.credentials().token();
            try {
                driver.get(system.credentials().baseUrl() + "/");
                WebElement tokenInput = await(driver, d -> d.findElement(By.id("token")));
                tokenInput.sendKeys(token, Keys.ENTER); // the keyboard alone signs in

                firstRun(driver, api, system);
                seedJobs(api, system.controls());
                driver.findElement(By.linkText("← All monitors")).click();

                WebElement backup = awaitRow(driver, "nightly-backup", "state-ok");
                assertThat(backup.getText()).contains("every hour at :00, Europe/Riga", "OK");
                assertThat(row(driver, "queue-drain").getText()).contains("Waiting for first check-in");
                assertThat(row(driver, "legacy-sync").getText()).contains("Paused");
                assertThat(row(driver, "monthly-invoices").getText()).contains("In progress");
                assertThat(row(driver, "report-mailer").getText()).contains("Failing: error reported");

                // the next hour passes without a check-in: the miss is judged at the end of its 5-minute margin
                assertThat(api.moveClock(T0.plus(Duration.ofHours(HOURS)).plus(Duration.ofMinutes(6))).status()).isEqualTo(200);
                driver.findElement(By.cssSelector("button[aria-label='Refresh now']")).click();
                backup = awaitRow(driver, "nightly-backup", "state-failing");
                assertThat(backup.getText()).contains("Failing: missed check-in", "A missed check-in was detected");
                await(driver, d -> "loaded".equals(row(d, "nightly-backup").getDomAttribute("data-timeline")));
                assertThat(driver.findElements(By.cssSelector(".monitors > li")).get(0).getDomAttribute("data-slug"))
                        .as("worst first").isIn("nightly-backup", "report-mailer");
                pickAProject(driver, api);
                timelines(driver);
                WebElement dropped = droppedCheckIns(driver);
                fullPageScreenshot(driver, "dashboard-monitors.png");

                // the mistyped slug's page shows why its check-ins were dropped, and leads to the right one
                dropped.findElement(By.linkText("nightly-bakup")).click();
                WebElement title = await(driver, d -> d.findElement(By.id("monitor-title")));
                assertThat(title.getText()).isEqualTo("No monitor \"nightly-bakup\"");
                assertThat(driver.findElement(By.id("main")).getText())
                        .contains("no monitor `nightly-bakup`; did you mean `nightly-backup`?")
                        .doesNotContain("It may have been deleted");
                driver.findElement(By.linkText("Open nightly-backup")).click();
                WebElement production = await(driver, d -> d.findElement(By.cssSelector(
                        ".envs-table tr[data-environment='production'] .strip")));
                await(driver, d -> !production.findElements(By.cssSelector("rect.mark-missed")).isEmpty());
                assertThat(production.getDomAttribute("aria-label")).contains("1 missed", HOURS + " ok");
                assertThat(production.findElement(By.cssSelector("rect.mark-missed title")).getAttribute("textContent"))
                        .contains("2026-01-01 " + HOURS + ":00:00", "missed");
                await(driver, d -> d.findElement(By.cssSelector("table.check-ins")).getText().contains("missed"));

                driver.findElement(By.id("mute-monitor")).click();
                await(driver, d -> d.findElement(By.id("mute-monitor")).getText().contains("Unmute"));
                assertThat(driver.findElement(By.cssSelector(".monitor-header .badge")).getText()).contains("Muted");
                assertThat(api.monitor("nightly-backup")).containsEntry("isMuted", true);
                await(driver, d -> "loaded".equals(d.findElement(By.id("main")).getDomAttribute("data-timeline")));
                fullPageScreenshot(driver, "dashboard-monitor.png");

                WebElement schedule = driver.findElement(By.id("f-config.schedule"));
                schedule.clear();
                schedule.sendKeys("0 * * *");
                driver.findElement(By.id("save-config")).click();
                WebElement error = await(driver, d -> {
                    WebElement e = d.findElement(By.id("err-config.schedule"));
                    return e.getText().isBlank() ? null : e;
                });
                assertThat(error.getText()).containsIgnoringCase("5 field");
                assertThat(driver.findElement(By.id("f-config.schedule")).getDomAttribute("aria-invalid")).isEqualTo("true");
                assertThat(config(api)).containsEntry("schedule", "0 * * * *");

                schedule = driver.findElement(By.id("f-config.schedule"));
                schedule.clear();
                schedule.sendKeys("30 * * * *");
                driver.findElement(By.id("save-config")).click();
                await(driver, d -> d.findElement(By.id("config-status")).getText().contains("Saved"));
                assertThat(driver.findElement(By.id("err-config.schedule")).getText()).isBlank();
                assertThat(config(api)).containsEntry("schedule", "30 * * * *");
                assertThat(driver.findElement(By.cssSelector(".monitor-header .meta")).getText())
                        .contains("every hour at :30, Europe/Riga");

                // the setup lines work as copied (this deployment lists no DSN key, so the placeholders are filled in)
                String heartbeat = text(driver, "setup-heartbeat").replace("<DSN>", system.credentials().dsn());
                shell(heartbeat);
                assertThat(api.moveClock(T0.plus(Duration.ofHours(HOURS)).plus(Duration.ofMinutes(7))).status()).isEqualTo(200);
                String[] crontab = text(driver, "setup-crontab").lines().filter(l -> !l.startsWith("#")).findFirst()
                        .orElseThrow().split(" ", 6);
                assertThat(String.join(" ", List.of(crontab).subList(0, 5))).isEqualTo("30 * * * *");
                shell(crontab[5].replace("your-command", "true").replace("<PUBLIC_KEY>", system.credentials().publicKey()));
                assertThat(api.moveClock(T0.plus(Duration.ofHours(HOURS)).plus(Duration.ofMinutes(8))).status()).isEqualTo(200);
                assertThat(api.checkIns("nightly-backup").subList(0, 3)).extracting(c -> c.get("status") + " " + c.get("dateAdded"))
                        .containsExactly("ok 2026-01-01T18:07:00Z", "ok 2026-01-01T18:06:00Z", "missed 2026-01-01T18:00:00Z");

                driver.findElement(By.linkText("← All monitors")).click();
                awaitRow(driver, "queue-drain", "state-waiting").findElement(By.linkText("Queue drain")).click();
                await(driver, d -> d.findElement(By.id("delete-monitor"))).click();
                WebElement dialog = await(driver, d -> d.findElement(By.cssSelector("dialog#confirm[open]")));
                assertThat(dialog.getText()).contains("Delete Queue drain?");
                dialog.findElement(By.id("confirm-ok")).click();
                await(driver, d -> !d.findElements(By.cssSelector(".monitors > li[data-slug='nightly-backup']")).isEmpty()
                        && d.findElements(By.cssSelector(".monitors > li[data-slug='queue-drain']")).isEmpty());
                assertThat(api.send("GET", monitorPath(api, "queue-drain"), bearer(api), null).status()).isEqualTo(404);
                backup = awaitRow(driver, "nightly-backup", "is-muted");
                backup.findElement(By.linkText("Nightly backup")).click();
                await(driver, d -> d.findElement(By.id("mute-monitor")));

                setupForEachEnvironment(driver);
                unsafeEnvironmentNames(driver, api, system.controls());

                driver.manage().window().setSize(new Dimension(380, 800)); // a phone: nothing wider than the window
                assertThat(driver.executeScript("return document.documentElement.scrollWidth"))
                        .as("wider than the window: %s", driver.executeScript("return [...document.querySelectorAll('body *')]"
                                + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                                + ".slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' '"
                                + " + Math.round(e.getBoundingClientRect().right))"))
                        .isEqualTo(driver.executeScript("return document.documentElement.clientWidth"));

                driver.findElement(By.id("sign-out")).click();
                await(driver, d -> d.findElement(By.id("token")));
                assertThat(driver.executeScript("return sessionStorage.length")).isEqualTo(0L);
                assertThat(driver.getCurrentUrl()).doesNotContain(token);
                driver.navigate().refresh();
                await(driver, d -> d.findElement(By.id("token")));
                // No script error and no policy violation; refused requests (the bad crontab's 400, the
                // optional projects listing's 404) are the only lines, and were checked above.
                assertThat(chromium.consoleMessages()).allSatisfy(line ->
                        assertThat(line).contains("Failed to load resource: the server responded with a status of 4"));
            } catch (RuntimeException | AssertionError e) {
                screenshot(driver, "dashboard-failure.png");
                Files.writeString(target().resolve("dashboard-failure.html"), driver.getPageSource());
                throw e;
            }
        }
    }

    /** Local mode in memory, its manual clock at {@link #T0}. */
    private LocalSystem atStartOfDay() throws Exception {
        return new LocalSystem(LocalOptions.parse("--port", "0", "--in-memory", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", T0.toString()), QUIET);
    }

    /** A simple check's configuration form shows its timeout and grace in seconds, and saving keeps it simple. */
    @Test
    @Timeout(120)
    void aSimpleChecksConfigForm_showsItsTimeoutAndGrace_andSavingKeepsItSimple() throws Exception {
        try (LocalSystem system = atStartOfDay(); HeadlessChromium chromium = HeadlessChromium.startOrSkip(1280, 1000)) {
            LocalCredentials c = system.credentials();
            LocalApi api = new LocalApi(c);
            ChromeDriver driver = signedInWithACheckMadeByAPing(system, chromium);
            driver.get(c.baseUrl() + "/#/monitors/hc-nightly");

            WebElement timeout = await(driver, d -> d.findElement(By.id("f-simple-timeout")));
            assertThat(new Select(driver.findElement(By.id("f-config.schedule_type"))).getFirstSelectedOption().getText())
                    .isEqualTo("simple");
            assertThat(timeout.isDisplayed()).isTrue();
            assertThat(timeout.getDomProperty("value")).isEqualTo("86400");
            assertThat(driver.findElement(By.id("f-config.schedule")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("f-config.grace")).getDomProperty("value")).isEqualTo("3600");
            assertThat(driver.findElements(By.id("f-config.checkin_margin"))).isEmpty();
            await(driver, d -> d.findElement(By.id("words-schedule")).getText().equals("every day, UTC"));
            assertThat(driver.findElement(By.id("err-config.schedule")).getText()).isBlank();

            timeout.clear();
            timeout.sendKeys("7200");
            await(driver, d -> d.findElement(By.id("words-schedule")).getText().equals("every 2 hours, UTC"));
            WebElement grace = driver.findElement(By.id("f-config.grace"));
            grace.clear();
            grace.sendKeys("600");
            driver.findElement(By.id("save-config")).click();
            await(driver, d -> d.findElement(By.id("config-status")).getText().contains("Saved"));
            assertThat(config(api, "hc-nightly")).containsEntry("schedule_type", "simple").containsEntry("schedule", 7200)
                    .containsEntry("grace", 600);
            assertThat(driver.findElement(By.id("err-config.schedule")).getText()).isBlank();
        }
    }

    /**
     * Check-ins whose {@code monitor_config} is invalid (the commonest newcomer error): "Show why" and
     * the slug's page name the field, the API's words and the fix, drawn as text even when the words
     * quote markup a DSN holder sent.
     */
    @Test
    @Timeout(120)
    void anInvalidMonitorConfig_showsItsFieldTheApisWordsAndTheFix_asText() throws Exception {
        try (LocalSystem system = atStartOfDay(); HeadlessChromium chromium = HeadlessChromium.startOrSkip(1280, 1000)) {
            LocalApi api = new LocalApi(system.credentials());
            api.checkIn("nightly-backup", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\","
                    + " \"timezone\": \"Europe/Berln\"}}");
            api.checkIn("db-vacuum", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\","
                    + " \"timezone\": \"<img src=x onerror=alert(1)>\"}}");
            system.controls().drainQueue();
            ChromeDriver driver = signedIn(system, chromium);
            WebElement banner = await(driver, d -> d.findElement(By.cssSelector(".dropped-banner:not([hidden])")));
            banner.findElement(By.tagName("summary")).click();
            assertThat(banner.findElement(By.cssSelector("li[data-monitor='nightly-backup']")).getText()).contains(
                    "monitor_config.timezone: \"Europe/Berln\" is not a time zone name. Did you mean Europe/Berlin?",
                    "correct monitor_config.timezone in the job's check-in");

            driver.get(system.credentials().baseUrl() + "/#/monitors/db-vacuum");
            WebElement dropped = await(driver, d -> d.findElement(By.cssSelector("#main li[data-error='MONITOR_INVALID_CONFIG']")));
            assertThat(dropped.getText()).contains("monitor_config.timezone: \"<img src=x onerror=alert(1)>\" is not a time zone name",
                    "correct monitor_config.timezone in the job's check-in");
            assertThat(driver.findElements(By.cssSelector("#main img"))).isEmpty();
        }
    }

    /** Check {@code hc-nightly} made by its first ping ({@code ?create=1}), and the dashboard signed in, listing it. */
    private static ChromeDriver signedInWithACheckMadeByAPing(LocalSystem system, HeadlessChromium chromium) throws Exception {
        LocalCredentials c = system.credentials();
        shell("curl -fsS -o /dev/null " + c.baseUrl() + "/ping/" + c.pingKey() + "/hc-nightly?create=1");
        system.controls().drainQueue();
        ChromeDriver driver = signedIn(system, chromium);
        awaitRow(driver, "hc-nightly", "state-ok");
        return driver;
    }

    /** The dashboard, signed in with local mode's token. */
    private static ChromeDriver signedIn(LocalSystem system, HeadlessChromium chromium) {
        ChromeDriver driver = chromium.driver();
        driver.get(system.credentials().baseUrl() + "/");
        await(driver, d -> d.findElement(By.id("token"))).sendKeys(system.credentials().token(), Keys.ENTER);
        return driver;
    }

    /** A Healthchecks check's setup help offers its ping URLs by code and by slug, with the project's ping key. */
    @Test
    @Timeout(120)
    void aHealthchecksChecksSetupHelp_offersItsPingUrlsByCodeAndBySlug() throws Exception {
        try (LocalSystem system = atStartOfDay(); HeadlessChromium chromium = HeadlessChromium.startOrSkip(1280, 1000)) {
            LocalCredentials c = system.credentials();
            ChromeDriver driver = signedInWithACheckMadeByAPing(system, chromium);
            driver.get(c.baseUrl() + "/#/monitors/hc-nightly/setup");

            String bySlug = c.baseUrl() + "/ping/" + c.pingKey() + "/hc-nightly";
            await(driver, d -> text(d, "setup-healthchecks-slug").contains(bySlug + "/start") ? true : null);
            assertThat(text(driver, "setup-healthchecks-slug")).contains(bySlug + "/$?", bySlug + "/fail")
                    .doesNotContain("<PING_KEY>");
            assertThat(text(driver, "setup-healthchecks")).contains("/ping/", "/start", "/$?");
            assertThat(driver.findElements(By.id("setup-python"))).isEmpty();
        }
    }

    /**
     * Eighteen hours of a small organization, from midnight: a job per state the list shows. Each
     * check-in is sent at its time; moving the clock to the sign-in time then applies them all and
     * judges every deadline in between, in order.
     */
    static void seedJobs(LocalApi api, LocalControls controls) {
        List<Map.Entry<Instant, Runnable>> events = new ArrayList<>();
        for (int hour = 0; hour < HOURS; hour++) {
            Instant start = T0.plus(Duration.ofHours(hour)).plusSeconds(5);
            String config = hour == 0 ? ", \"monitor_config\": {\"schedule\": \"0 * * * *\", \"checkin_margin\": 5,"
                    + " \"max_runtime\": 30, \"timezone\": \"Europe/Riga\"}" : "";
            events.add(Map.entry(start, () -> api.checkIn("nightly-backup", "{\"status\": \"in_progress\"" + config + "}")));
            events.add(Map.entry(start.plusSeconds(70 + 9L * (hour % 7) * (hour % 5)),
                    () -> api.update("nightly-backup", "latest", "{\"status\": \"ok\"}")));
        }
        events.add(Map.entry(T0.plusSeconds(600), (Management) () -> rename(api, "nightly-backup", "Nightly backup")));
        for (String env : List.of("production", "staging")) {
            events.add(Map.entry(T0.plus(Duration.ofMinutes(150)).plusSeconds(840), () -> api.checkIn("db-vacuum",
                    "{\"status\": \"ok\", \"duration\": 840000, \"environment\": \"" + env + "\", \"monitor_config\":"
                            + " {\"schedule\": \"30 2 * * *\", \"checkin_margin\": 30}}")));
        }
        events.add(Map.entry(T0.plus(Duration.ofMinutes(170)), (Management) () -> rename(api, "db-vacuum", "Database vacuum")));
        int halfHours = 2 * HOURS - 1;
        for (int half = 0; half <= halfHours; half++) {
            String status = half == halfHours ? "error" : "ok";
            long duration = 8000 + 1000L * (half % 4);
            events.add(Map.entry(T0.plus(Duration.ofMinutes(30L * half)).plusSeconds(20), () -> api.checkIn("report-mailer",
                    "{\"status\": \"" + status + "\", \"duration\": " + duration + ", \"monitor_config\":"
                            + " {\"schedule\": \"*/30 * * * *\", \"checkin_margin\": 2}}")));
        }
        for (int third = 0; third < 3 * HOURS - 1; third++) {
            events.add(Map.entry(T0.plus(Duration.ofMinutes(20L * third)).plusSeconds(30), () -> api.checkIn("cache-warm",
                    "{\"status\": \"ok\", \"duration\": 2500, \"monitor_config\": {\"schedule\": [20, \"minute\"],"
                            + " \"checkin_margin\": 3}}")));
        }
        events.add(Map.entry(T0.plusSeconds(40), () -> api.checkIn("legacy-sync",
                "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}")));
        events.add(Map.entry(T0.plusSeconds(50), (Management) () -> assertThat(api.send("PUT", monitorPath(api, "legacy-sync"),
                bearer(api), "{\"status\": \"disabled\"}").status()).isEqualTo(200)));
        events.add(Map.entry(T0.plus(Duration.ofHours(HOURS - 1)).plusSeconds(10), () -> api.checkIn("monthly-invoices",
                "{\"status\": \"in_progress\", \"monitor_config\": {\"schedule\": \"0 " + (HOURS - 1)
                        + " 1 * *\", \"max_runtime\": 180}}")));
        events.add(Map.entry(T0.plusSeconds(300), (Management) () -> {
            Map<String, Object> billing = api.send("POST", "/api/0/organizations/" + api.organization() + "/projects/",
                    bearer(api), "{\"name\": \"Billing\"}").object();
            assertThat(api.send("POST", "/api/0/organizations/" + api.organization() + "/monitors/", bearer(api),
                    "{\"project\": \"" + billing.get("id") + "\", \"name\": \"Invoice export\", \"slug\": \"invoice-export\","
                            + " \"config\": {\"schedule\": \"0 6 * * *\"}}").status()).isEqualTo(201);
        }));
        // dropped: a slug one letter off, and a seventh check-in in one minute (the default limit is 6)
        events.add(Map.entry(SIGN_IN.minusSeconds(600), () -> api.checkIn("nightly-bakup", "{\"status\": \"ok\"}")));
        for (int i = 1; i <= 7; i++) {
            events.add(Map.entry(SIGN_IN.minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES).plusSeconds(i), () -> api.checkIn("cache-warm",
                    "{\"status\": \"ok\", \"duration\": 2500}")));
        }
        events.add(Map.entry(SIGN_IN.minusSeconds(60), (Management) () -> assertThat(api.send("PUT",
                monitorPath(api, "cache-warm"), bearer(api), "{\"isMuted\": true}").status()).isEqualTo(200)));
        events.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        for (var event : events) {
            controls.setTime(event.getKey()); // received then; every deadline is judged by the move below
            if (event.getValue() instanceof Management) controls.drainQueue(); // the monitor exists by now
            event.getValue().run();
        }
        assertThat(api.moveClock(SIGN_IN).status()).isEqualTo(200);
    }

    /**
     * An empty organization shows its DSN, a curl line that creates a monitor (run here as pasted)
     * and a form that creates one, with the schedule in words as it is typed: "Queue drain".
     */
    private static void firstRun(ChromeDriver driver, LocalApi api, LocalSystem system) throws Exception {
        await(driver, d -> d.findElement(By.id("first-run")));
        assertThat(driver.findElement(By.cssSelector(".counts")).getText()).isEqualTo("0 monitors");
        assertThat(text(driver, "first-run-dsn")).isEqualTo(system.credentials().dsn());
        // a part the panel leaves out must not be rendered as the word "null"
        assertThat(text(driver, "first-run")).doesNotContain("null").doesNotContain("undefined");
        assertThat(text(driver, "first-run-cli")).contains("sentry-cli monitors run -s '0 * * * *' my-job -- your-command");
        shell(text(driver, "first-run-curl"));
        system.controls().drainQueue();
        assertThat(api.monitor("my-job")).containsEntry("status", "active");
        assertThat(api.send("DELETE", monitorPath(api, "my-job"), bearer(api), null).status()).isLessThan(300);

        driver.findElement(By.id("new-f-name")).sendKeys("Queue drain");
        WebElement schedule = driver.findElement(By.id("new-f-config.schedule"));
        schedule.clear();
        schedule.sendKeys("*/30 * * * *");
        await(driver, d -> d.findElement(By.id("new-words-schedule")).getText().equals("every 30 minutes, UTC"));
        awaitNextRuns(driver, "new-", "2026-01-01 00:30:00 UTC", "2026-01-01 01:00:00 UTC", "2026-01-01 01:30:00 UTC",
                "2026-01-01 02:00:00 UTC", "2026-01-01 02:30:00 UTC");

        // OnCalendar: a refusal of the preview beside the field as it is typed, then the words and the next runs in the zone
        new Select(driver.findElement(By.id("new-f-config.schedule_type"))).selectByValue("oncalendar");
        driver.findElement(By.id("new-f-config.timezone")).sendKeys("Europe/Riga");
        WebElement calendar = driver.findElement(By.id("new-f-oncalendar"));
        calendar.sendKeys("Mon..Fri 25:00");
        assertThat(fieldError(driver, "new-err-config.schedule")).contains("Bad time");
        assertThat(calendar.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("new-next-runs")).isDisplayed()).isFalse();
        calendar.clear();
        calendar.sendKeys("Mon..Fri 09:00");
        await(driver, d -> d.findElement(By.id("new-words-schedule")).getText().equals("at 09:00, Monday to Friday, Europe/Riga"));
        awaitNextRuns(driver, "new-", "2026-01-01 09:00:00 GMT+2", "2026-01-02 09:00:00 GMT+2", "2026-01-05 09:00:00 GMT+2",
                "2026-01-06 09:00:00 GMT+2", "2026-01-07 09:00:00 GMT+2");
        assertThat(driver.findElement(By.id("new-err-config.schedule")).getText()).isBlank();
        assertThat(calendar.getDomAttribute("aria-invalid")).isNull();
        driver.findElement(By.id("new-f-config.checkin_margin")).sendKeys("5");
        driver.findElement(By.id("create-monitor")).click();
        await(driver, d -> d.findElement(By.id("monitor-title")).getText().equals("Queue drain"));
        assertThat(config(api, "queue-drain")).containsEntry("schedule_type", "oncalendar").containsEntry("schedule", "Mon..Fri 09:00")
                .containsEntry("timezone", "Europe/Riga").containsEntry("checkin_margin", 5);
        // its configuration form reads it back as OnCalendar, with the same next runs
        assertThat(new Select(driver.findElement(By.id("f-config.schedule_type"))).getFirstSelectedOption().getText())
                .isEqualTo("oncalendar");
        assertThat(driver.findElement(By.id("f-oncalendar")).getDomProperty("value")).isEqualTo("Mon..Fri 09:00");
        awaitNextRuns(driver, "", "2026-01-01 09:00:00 GMT+2", "2026-01-02 09:00:00 GMT+2", "2026-01-05 09:00:00 GMT+2",
                "2026-01-06 09:00:00 GMT+2", "2026-01-07 09:00:00 GMT+2");
    }

    /** The form's next runs, as the preview route counts them, once they read {@code expected}. */
    private static void awaitNextRuns(ChromeDriver driver, String prefix, String... expected) {
        Function<WebDriver, List<String>> shown = d -> d.findElements(By.cssSelector("ol[id='" + prefix + "next-runs'] > li"))
                .stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList();
        try {
            await(driver, d -> shown.apply(d).equals(List.of(expected)));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(shown.apply(driver)).containsExactly(expected);
        }
    }

    private static String fieldError(ChromeDriver driver, String id) {
        return await(driver, d -> {
            String text = d.findElement(By.id(id)).getText();
            return text.isBlank() ? null : text;
        });
    }

    /**
     * The setup lines are for production until another of the monitor's environments is picked in
     * the selector that names the one shown; then every line is for that one.
     */
    private static void setupForEachEnvironment(ChromeDriver driver) {
        driver.get(driver.getCurrentUrl().replaceAll("#.*", "") + "#/monitors/db-vacuum/setup");
        Select shown = new Select(await(driver, d -> d.findElement(By.id("setup-environment"))));
        assertThat(driver.findElement(By.cssSelector("label[for='setup-environment']")).getText()).isEqualTo("Environment shown");
        assertThat(shown.getOptions()).extracting(WebElement::getText).containsExactly("production", "staging");
        assertThat(shown.getFirstSelectedOption().getText()).isEqualTo("production");
        Map<String, String> staging = Map.of("setup-two-step", "\"environment\": \"staging\"",
                "setup-heartbeat", "\"environment\": \"staging\"", "setup-crontab", "&environment=staging",
                "setup-cli", "-e 'staging'", "setup-python", "environment=\"staging\"", "setup-node", "environment: \"staging\"");
        for (String id : staging.keySet()) {
            assertThat(text(driver, id)).as("%s for production", id).doesNotContain("environment").doesNotContain("staging");
        }
        shown.selectByVisibleText("staging");
        assertThat(shown.getFirstSelectedOption().getText()).isEqualTo("staging");
        await(driver, d -> text(d, "setup-node").contains("staging"));
        staging.forEach((id, line) -> assertThat(text(driver, id)).as("%s for staging", id).contains(line));
        assertThat(text(driver, "setup-two-step").split("\"environment\": \"staging\"", -1)).as("both steps").hasSize(3);
    }

    /** The Project filter lists the projects by name and shows only the picked one's monitors. */
    private static void pickAProject(ChromeDriver driver, LocalApi api) {
        String billing = String.valueOf(api.monitor("invoice-export").get("project"));
        Select project = new Select(driver.findElement(By.id("project-filter")));
        await(driver, d -> project.getOptions().stream().anyMatch(o -> o.getText().equals("Billing")));
        assertThat(project.getOptions()).extracting(WebElement::getText).doesNotContain("[object HTMLOptionElement]")
                .allSatisfy(text -> assertThat(text).doesNotContain("[object"));
        project.selectByValue(billing);
        await(driver, d -> d.findElements(By.cssSelector(".monitors > li")).size() == 1);
        assertThat(driver.findElement(By.cssSelector(".monitors > li")).getDomAttribute("data-slug")).isEqualTo("invoice-export");
        assertThat(driver.findElement(By.cssSelector(".counts")).getText()).contains("showing 1");
        project.selectByValue("");
        await(driver, d -> d.findElements(By.cssSelector(".monitors > li")).size() == 8);
    }

    /**
     * A run of failures is shaded from its first failure to now, as wide as it lasted; the 7-day
     * strips have a time axis (a tick each midnight); and 8 monitors fit on a 900-pixel screen at
     * 1280 px even with it.
     */
    private static void timelines(ChromeDriver driver) {
        WebElement missed = await(driver, d -> row(d, "nightly-backup").findElement(By.cssSelector("rect.failure-run")));
        assertThat(missed.getDomAttribute("data-from")).isEqualTo("2026-01-01T18:00:00.000Z");
        assertThat(missed.getDomAttribute("data-to")).startsWith("2026-01-01T18:06");
        WebElement error = row(driver, "report-mailer").findElement(By.cssSelector("rect.failure-run"));
        assertThat(error.getDomAttribute("data-from")).startsWith("2026-01-01T17:30");
        assertThat(Double.parseDouble(error.getDomAttribute("width"))).as("36 minutes of 24 hours, of 1000")
                .isCloseTo(25, org.assertj.core.data.Offset.offset(1.0));

        driver.findElement(By.cssSelector("button.window[data-window='7d']")).click();
        await(driver, d -> !row(d, "nightly-backup").findElements(By.cssSelector(".strip.with-axis text.tick")).isEmpty());
        assertThat(row(driver, "nightly-backup").findElements(By.cssSelector(".strip text.tick"))).extracting(WebElement::getText)
                .as("each midnight inside the window, in the reader's zone (UTC)")
                .containsExactly("Fri 26", "Sat 27", "Sun 28", "Mon 29", "Tue 30", "Wed 31", "Thu 1");

        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(1280, 900));
        Object span = driver.executeScript("const rows = document.querySelectorAll('.monitors > li');"
                + " return rows[7].getBoundingClientRect().bottom - rows[0].getBoundingClientRect().top;");
        System.out.printf("8 monitors (one with two environments) span %.0f px at 1280 px wide, 7-day strips%n",
                ((Number) span).doubleValue());
        assertThat(((Number) span).doubleValue()).as("8 monitors, 7-day strips with their axis").isLessThanOrEqualTo(900);
        driver.manage().window().setSize(before);
    }

    /** The banner counts the organization's dropped check-ins and says each cause with its fix. */
    private static WebElement droppedCheckIns(ChromeDriver driver) {
        WebElement banner = await(driver, d -> d.findElement(By.cssSelector(".dropped-banner:not([hidden])")));
        assertThat(banner.getText()).contains("2 check-ins were dropped");
        banner.findElement(By.tagName("summary")).click();
        assertThat(banner.findElement(By.cssSelector("li[data-monitor='nightly-bakup']")).getText())
                .contains("no monitor `nightly-bakup`; did you mean `nightly-backup`?");
        assertThat(banner.findElement(By.cssSelector("li[data-monitor='cache-warm']")).getText())
                .contains("rate limit: 6 per minute per environment");
        return banner;
    }

    /**
     * Environments stored with names a URL would resolve or split (written to the store directly:
     * the API refuses them now): each action reaches its own environment, or is refused with a
     * message, and never the monitor.
     */
    private static void unsafeEnvironmentNames(ChromeDriver driver, LocalApi api, LocalControls controls) {
        WholeStore store = DynamoWholeStore.of(controls.ports().stores(), controls.backends().dynamoDb(),
                controls.backends().table());
        MonitorKey key = new MonitorKey(api.organization(), "db-vacuum");
        List<String> names = List.of("..", ".", "a/b", "%2e%2e", "?x", "#y");
        for (String name : names) {
            Monitor monitor = store.monitor(key).orElseThrow();
            assertThat(store.commit(Changes.of(monitor.withEnvironment(name))
                    .withEnvironment(MonitorEnvironment.create(key, name, SIGN_IN)))).isTrue();
        }
        driver.get(driver.getCurrentUrl().replaceAll("#.*", "") + "#/monitors/db-vacuum");
        for (String name : List.of("..", ".")) {
            environmentAction(driver, "Mute environment " + name);
            assertThat(actionError(driver)).contains("\"" + name + "\"");
            environmentAction(driver, "Delete environment " + name);
            driver.findElement(By.cssSelector("dialog#confirm[open] #confirm-ok")).click();
            assertThat(actionError(driver)).contains("\"" + name + "\"");
        }
        assertThat(api.monitor("db-vacuum")).as("the monitor survives").containsEntry("isMuted", false);
        // the API's rule for environment names refuses to mute one with a slash (it may still be deleted)
        environmentAction(driver, "Mute environment a/b");
        assertThat(actionError(driver)).contains("cannot contain \"/\"");
        environmentAction(driver, "Mute environment ?x");
        await(driver, d -> d.findElement(By.cssSelector(".action-status")).getText().equals("?x muted."));
        for (String name : List.of("%2e%2e", "#y")) {
            environmentAction(driver, "Delete environment " + name);
            driver.findElement(By.cssSelector("dialog#confirm[open] #confirm-ok")).click();
            await(driver, d -> d.findElement(By.cssSelector(".action-status")).getText().equals("Environment " + name + " deleted."));
        }
        Map<String, Object> monitor = api.monitor("db-vacuum");
        assertThat(monitor).containsEntry("isMuted", false);
        assertThat(LocalApi.list(monitor.get("environments"))).extracting(e -> e.get("name") + " " + e.get("isMuted"))
                .containsExactlyInAnyOrder("production false", "staging false", ".. false", ". false", "a/b false", "?x true");
    }

    private static void environmentAction(ChromeDriver driver, String label) {
        await(driver, d -> d.findElement(By.cssSelector("button[aria-label='" + label + "']"))).click();
    }

    private static String actionError(ChromeDriver driver) {
        return await(driver, d -> {
            WebElement message = d.findElement(By.cssSelector(".action-status.error"));
            return message.getText().isBlank() ? null : message.getText();
        });
    }

    /** A management API call: it needs the check-ins sent before it applied. */
    private interface Management extends Runnable {
    }

    private static void rename(LocalApi api, String slug, String name) {
        assertThat(api.send("PUT", monitorPath(api, slug), bearer(api), "{\"name\": \"" + name + "\"}").status())
                .isEqualTo(200);
    }

    private static String monitorPath(LocalApi api, String slug) {
        return "/api/0/organizations/" + api.organization() + "/monitors/" + slug + "/";
    }

    private static Map<String, String> bearer(LocalApi api) {
        return Map.of("Authorization", "Bearer " + api.token());
    }

    private static Map<String, Object> config(LocalApi api) {
        return config(api, "nightly-backup");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(LocalApi api, String slug) {
        return (Map<String, Object>) api.monitor(slug).get("config");
    }

    private static String text(WebDriver driver, String id) {
        return await(driver, d -> {
            String text = d.findElement(By.id(id)).getAttribute("textContent");
            return text.isBlank() ? null : text;
        });
    }

    /** A line as a user pastes it into a shell; it must succeed within 20 seconds. */
    private static void shell(String line) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", line).redirectErrorStream(true).start();
        boolean done = process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.destroyForcibly();
        assertThat(done && process.exitValue() == 0).as("%s%n-> %s", line, output).isTrue();
    }

    private static WebElement row(WebDriver driver, String slug) {
        return driver.findElement(By.cssSelector(".monitors > li[data-slug='" + slug + "']"));
    }

    private static WebElement awaitRow(WebDriver driver, String slug, String stateClass) {
        return await(driver, d -> {
            List<WebElement> rows = d.findElements(By.cssSelector(".monitors > li[data-slug='" + slug + "']." + stateClass));
            return rows.isEmpty() ? null : rows.get(0);
        });
    }

    /** Waits at most {@link #WAIT} for a non-null, non-false answer; stale or missing elements are retried. */
    private static <T> T await(WebDriver driver, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).until(d -> {
            try {
                return condition.apply(d);
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
                return null;
            }
        });
    }

    private static void screenshot(ChromeDriver driver, String name) throws Exception {
        Path file = target().resolve(name);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The whole page: the window made as tall as the document, then put back. */
    private static void fullPageScreenshot(ChromeDriver driver, String name) throws Exception {
        Dimension before = driver.manage().window().getSize();
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(6000, height + 140)));
        screenshot(driver, name);
        driver.manage().window().setSize(before);
    }

    private static Path target() throws Exception {
        Path target = Path.of("target");
        Files.createDirectories(target);
        return target;
    }
}
