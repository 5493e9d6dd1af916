package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manual clock skips minutes at which nothing is due, but an alert waiting for its retry is
 * something due: a long move of time retries it at its minute, as the real clock would.
 */
class ManualClockAlertRetryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dataDir;
    LocalSystem system;
    LocalApi api;
    final InjectedFaults faults = new InjectedFaults();

    @BeforeEach
    void start() throws Exception {
        LocalOptions options = LocalOptions.parse("--port", "0", "--in-memory", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", T0.toString());
        system = new LocalSystem(options, new PrintStream(OutputStream.nullOutputStream()),
                Emulators.start(options.dataDir(), options.inMemory()), FaultSeam.of(faults));
        api = new LocalApi(system.credentials());
    }

    @AfterEach
    void stop() {
        system.close();
    }

    @Test
    void anAlertThatFailedToPublish_isRetriedDuringALongMove_atItsRetryMinute() {
        api.checkIn("daily", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 0 * * *\"}}");
        faults.failAlertPublishing(alert -> true);
        assertThat(api.moveClock(Instant.parse("2026-01-02T00:01:00Z")).status()).isEqualTo(200); // the miss
        assertThat(system.controls().notifications()).isEmpty();

        faults.failAlertPublishing(alert -> false);
        // nothing else is due before the next day's deadline: only the retry makes the clock stop earlier
        assertThat(api.moveClock(Instant.parse("2026-01-02T12:00:00Z")).status()).isEqualTo(200);

        assertThat(system.controls().notifications()).singleElement()
                .satisfies(n -> assertThat((String) n.get("subject")).contains("failing"));
    }
}
