package dev.cronwatch.local;

import dev.cronwatch.core.testing.MachineTools;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromedriver (the test command installs them), headless, in a fresh
 * profile. The flags keep it off the network: on a closed machine it would otherwise wait on
 * Google's hosts (sync, component updates, QUIC probes).
 */
final class HeadlessChromium implements AutoCloseable {
    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Skips the test where chromium or its driver is not installed, except under CI, where that fails
     * it ({@link MachineTools}): CI's test command installs them.
     */
    static HeadlessChromium startOrSkip(int width, int height) throws IOException {
        File browser = executable("CHROMIUM", "/usr/bin/chromium");
        File chromedriver = executable("CHROMEDRIVER", "/usr/bin/chromedriver");
        MachineTools.require(browser != null && chromedriver != null,
                "chromium or chromium-driver (infra/bin/install-chromium installs them with apt-get)");
        Path profile = Files.createTempDirectory("cronwatch-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(30))
                .withEnvironment(java.util.Map.of("TZ", "UTC")) // exact times read the same on every machine
                .withLogFile(Path.of("target", "chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(15));
        return new HeadlessChromium(driver, profile);
    }

    private static File executable(String variable, String fallback) {
        String configured = System.getenv(variable);
        File file = new File(configured == null || configured.isBlank() ? fallback : configured);
        return file.canExecute() ? file : null;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** What the page wrote to its console since the last call: script errors and policy violations show here. */
    java.util.List<String> consoleMessages() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
