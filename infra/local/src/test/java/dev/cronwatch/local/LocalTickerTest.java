package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.handlers.ClockHandler;
import dev.cronwatch.handlers.ProcessorEvents;
import dev.cronwatch.handlers.usecases.JudgingServices;
import dev.cronwatch.handlers.usecases.Limits;
import dev.cronwatch.handlers.usecases.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Local mode's real-clock ticker, on a clock the test moves and a console it reads. */
class LocalTickerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final ManualClock clock = new ManualClock(T0);
    private final LocalTicker ticker;

    LocalTickerTest() {
        InMemoryMonitorStore store = new InMemoryMonitorStore();
        ClockService clockService = JudgingServices.clock(Ports.of(store.stores(), new InMemoryTenantDirectory().tenants(),
                new RecordingQueue(clock), new RecordingPublisher(), clock, UUID::randomUUID, Limits.DEFAULTS));
        ClockHandler clockHandler = new ClockHandler(clockService, ClockHandler.workersInThisThread(
                clockService, Metrics.NONE, ProcessorEvents.NONE), clock, Duration.ZERO, Metrics.NONE,
                ProcessorEvents.NONE);
        ticker = new LocalTicker(clockHandler, store, store, clock, null, console);
    }

    private void tickAt(String time) {
        clock.set(Instant.parse("2026-01-01T" + time + "Z"));
        ticker.tickNow();
    }

    private List<String> console() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void ticksOnTimeOrLessThanAMinuteLate_sayNothing() {
        tickAt("00:00:01");
        tickAt("00:01:01");
        tickAt("00:02:59"); // the 00:02 tick, 58 s late
        tickAt("00:03:01");
        assertThat(console()).isEmpty();
    }

    @Test
    void aTickMoreThanAMinuteLate_warnsOnce() {
        tickAt("00:00:01");
        tickAt("00:01:01");
        tickAt("00:03:02"); // due at 00:02:01: 61 s late, the minute 00:02 never ticked
        tickAt("00:04:01");
        assertThat(console()).containsExactly("cronwatch: WARNING the clock is late: last tick 2026-01-01T00:01:00Z,"
                + " now 2026-01-01T00:03:02Z (was the machine asleep?)");
    }

    @Test
    void aMachineAsleepForAnHour_warnsWhenItWakes() {
        tickAt("00:00:01");
        tickAt("01:00:05");
        assertThat(console()).singleElement().asString().contains("the clock is late: last tick 2026-01-01T00:00:00Z");
    }
}
