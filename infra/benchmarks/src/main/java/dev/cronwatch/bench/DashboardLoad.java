package dev.cronwatch.bench;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.rules.Deadlines;
import dev.cronwatch.local.LocalCredentials;
import dev.cronwatch.local.LocalOptions;
import dev.cronwatch.local.LocalSystem;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium on local mode: what a first visit transfers (page, scripts,
 * styles, icon) and how long an organization of {@code monitors} monitors takes to show, each with
 * a day of hourly check-ins. Chromium's own Performance API measures both, in the page.
 */
final class DashboardLoad {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final Report report;

    DashboardLoad(Report report) {
        this.report = report;
    }

    @SuppressWarnings("unchecked")
    void run(int monitors) throws Exception {
        report.section("6. Dashboard in Chromium: first load, and " + monitors + " monitors shown");
        File browser = new File(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        File chromedriver = new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!browser.canExecute() || !chromedriver.canExecute()) {
            report.line("skipped: chromium and chromedriver are not installed (infra/bin/install-chromium)");
            return;
        }
        Path dataDir = Files.createTempDirectory("cronwatch-bench-dashboard");
        Path profile = Files.createTempDirectory("cronwatch-bench-chromium");
        try (LocalSystem system = new LocalSystem(LocalOptions.parse("--port", "0", "--in-memory", "--data-dir",
                dataDir.toString(), "--clock", "manual", "--start", NOW.toString()), new PrintStream(OutputStream.nullOutputStream()))) {
            LocalCredentials c = system.credentials();
            long seedStart = System.nanoTime();
            seed(system.controls().ports().stores().decisions(), c.organization(), c.projectId(), monitors);
            report.line("seeded %,d monitors with 24 hourly check-ins each in %.1f s", monitors,
                    (System.nanoTime() - seedStart) / 1e9);
            ChromeDriver driver = start(browser, chromedriver, profile);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120), Duration.ofMillis(50));
                driver.get(c.baseUrl() + "/");
                wait.until(d -> !d.findElements(By.id("token")).isEmpty());
                Map<String, Object> first = (Map<String, Object>) driver.executeScript(
                        "const entries = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')];"
                                + "return {files: entries.length, transferred: entries.reduce((s, e) => s + e.transferSize, 0),"
                                + " decoded: entries.reduce((s, e) => s + e.decodedBodySize, 0)};");
                double transferredKb = number(first.get("transferred")) / 1024;
                report.figure("first load transferred (gzip, headers included)", transferredKb, "KB",
                        transferredKb < 200 ? "target < 200 KB: met" : "target < 200 KB: NOT met");
                report.figure("first load decoded size", number(first.get("decoded")) / 1024, "KB",
                        (long) number(first.get("files")) + " files, nothing from another origin");

                driver.findElement(By.id("token")).sendKeys(c.token(), Keys.ENTER);
                wait.until(d -> String.valueOf(monitors).equals(driver.executeScript("return document.body.dataset.monitorsRendered")));
                Map<String, Object> marks = (Map<String, Object>) driver.executeScript(
                        "const t = (n) => performance.getEntriesByName(n)[0].startTime;"
                                + "return {start: t('cronwatch:summaries-start'), loaded: t('cronwatch:summaries-loaded'),"
                                + " rendered: t('cronwatch:monitors-rendered'),"
                                + " pages: performance.getEntriesByType('resource').filter(e => e.name.includes('/monitor-summaries/')).length,"
                                + " request: ((d) => d[Math.floor(d.length / 2)])(performance.getEntriesByType('resource')"
                                + ".filter(e => e.name.includes('/monitor-summaries/')).map(e => e.duration).sort((a, b) => a - b)),"
                                + " bytes: performance.getEntriesByType('resource').filter(e => e.name.includes('/monitor-summaries/'))"
                                + ".reduce((s, e) => s + e.transferSize, 0)};");
                double start = number(marks.get("start"));
                report.figure("summaries fetched (" + (long) number(marks.get("pages")) + " requests of 100)",
                        number(marks.get("loaded")) - start, "ms", "first page shown as it arrives");
                report.figure("summary request of 100 monitors, median", number(marks.get("request")), "ms",
                        String.format("%.0f KB transferred for all pages", number(marks.get("bytes")) / 1024));
                report.figure("sign-in -> " + monitors + " monitors shown", number(marks.get("rendered")) - start, "ms",
                        "summaries, sort, rows, layout and paint");
                Map<String, Object> rebuild = (Map<String, Object>) driver.executeScript(
                        "const t0 = performance.now(); document.querySelector('[data-window=\"7d\"]').click();"
                                + " document.body.getBoundingClientRect(); const total = performance.now() - t0;"
                                + " const renders = performance.getEntriesByName('cronwatch:render');"
                                + " return {total, script: renders[renders.length - 1].duration};");
                report.figure("rebuild all " + monitors + " rows (script + layout)", number(rebuild.get("total")), "ms",
                        "switching the timeline window");
                report.figure("  of which building the rows (script)", number(rebuild.get("script")), "ms", null);
                Thread.sleep(1500); // let the rows on screen read their timelines
                long timelines = (Long) driver.executeScript("return performance.getEntriesByType('resource')"
                        + ".filter(e => e.name.includes('/checkins/')).length");
                report.figure("timeline requests for the rows on screen", timelines, "requests",
                        "of " + monitors + " monitors: only visible rows read their window");
            } finally {
                driver.quit();
            }
        } finally {
            Dirs.delete(profile);
            Dirs.delete(dataDir);
        }
    }

    private static ChromeDriver start(File browser, File chromedriver, Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(30)).withLogOutput(OutputStream.nullOutputStream()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /**
     * Monitors written straight through the store (the API would take minutes for 1,000): every
     * eleventh failing with an open incident, every 37th paused, every 53rd muted, the rest ok.
     */
    static void seed(DecisionStore store, String organization, String projectId, int count) {
        MonitorConfigParser parser = new MonitorConfigParser("config.");
        String[] zones = {"UTC", "Europe/Riga", "America/New_York", "Asia/Tokyo"};
        for (int i = 0; i < count; i++) {
            MonitorKey key = new MonitorKey(organization, String.format("job-%04d", i));
            MonitorConfig config = parser.parse(Map.of("schedule", (i % 60) + " * * * *", "checkin_margin", 5,
                    "timezone", zones[i % zones.length]));
            Instant created = NOW.minus(Duration.ofDays(30));
            Monitor monitor = new Monitor(key, UUID.randomUUID().toString(), projectId, "Job " + i,
                    i % 37 == 0 ? MonitorStatus.DISABLED : MonitorStatus.ACTIVE, i % 53 == 0, config, created,
                    List.of("production"), 0);
            MonitorEnvironment env = MonitorEnvironment.create(key, "production", created);
            List<CheckIn> checkIns = new ArrayList<>();
            boolean failing = i % 11 == 0;
            for (int h = 24; h >= 1; h--) {
                Instant at = NOW.minus(Duration.ofHours(h)).plusSeconds(60L * (i % 60));
                CheckInStatus status = failing && h == 1 ? CheckInStatus.ERROR : CheckInStatus.OK;
                long duration = 1000L + 37L * ((i + h) % 50);
                CheckIn checkIn = new CheckIn(UUID.randomUUID().toString(), key, projectId, "production", status, at,
                        at.plusMillis(duration), duration, at, null);
                checkIns.add(checkIn);
                env = env.withCheckIn(checkIn, 5);
            }
            CheckIn last = checkIns.get(checkIns.size() - 1);
            Instant next = config.schedule().nextAfter(NOW, config.zone());
            env = env.withTimes(last.dateAdded(), next, Deadlines.latest(config, next));
            List<Incident> incidents = List.of();
            if (failing) {
                Incident incident = new Incident(UUID.randomUUID().toString(), key, "production", last.dateAdded(), null,
                        CheckInStatus.ERROR, "An error check-in was detected", last.id(), null);
                incidents = List.of(incident);
                env = env.withStatus(EnvironmentStatus.ERROR, incident);
            } else {
                env = env.withStatus(EnvironmentStatus.OK, null);
            }
            Changes seeded = new Changes(monitor, env, checkIns, incidents, null, List.of())
                    .withMonitorCount(store.organizationMonitors(key.organization(), monitor.dateCreated())
                            .created(Long.MAX_VALUE, Integer.MAX_VALUE));
            if (!store.commit(seeded)) {
                throw new IllegalStateException("could not seed " + key);
            }
        }
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
