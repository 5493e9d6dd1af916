package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story of issue 22: local mode restarted on old data with the real clock, as the README allows.
 * The first tick catches up 306 days of a five-minute job with bounded work: 61 MISSED check-ins,
 * the oldest standing for the rest of the gap, one alert, and the next check-in expected after now.
 */
class RestartOnOldDataTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dataDir;

    @Test
    void aFiveMinuteJob306DaysBehind_catchesUpInTheFirstTick_withBoundedWork() throws Exception {
        Instant minuteThen = Instant.now().minus(Duration.ofDays(306)).truncatedTo(ChronoUnit.MINUTES);
        Instant lastRun = minuteThen.minus(Duration.ofMinutes(minuteThen.atZone(ZoneOffset.UTC).getMinute() % 5));
        try (LocalSystem before = new LocalSystem(LocalOptions.parse("--port", "0", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", lastRun.toString()), QUIET)) {
            new LocalApi(before.credentials()).checkIn("job",
                    "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"*/5 * * * *\"}}");
        }

        try (LocalSystem after = new LocalSystem(LocalOptions.parse("--port", "0", "--data-dir", dataDir.toString()),
                QUIET)) {
            LocalApi api = new LocalApi(after.credentials());
            Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long wallBefore = System.nanoTime();
            after.controls().tickWithoutDraining(minute); // the real clock's first tick, without waiting for it
            after.controls().drainQueue();
            System.out.printf("local mode restarted 306 days behind: the first tick took %d ms of CPU on its thread,"
                            + " %d ms in all%n", (threads.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000,
                    (System.nanoTime() - wallBefore) / 1_000_000);

            List<Map<String, Object>> checkIns = api.checkIns("job");
            List<Map<String, Object>> missed = checkIns.stream().filter(c -> "missed".equals(c.get("status"))).toList();
            assertThat(missed).hasSize(61);
            Map<String, Object> gap = missed.get(missed.size() - 1); // newest first: the gap's check-in is the oldest
            assertThat(gap.get("expectedTime")).isEqualTo(lastRun.plus(Duration.ofMinutes(5)).toString());
            assertThat(((Number) gap.get("missedSlots")).longValue()).isGreaterThan(88_000);
            assertThat(missed.subList(0, 60)).allSatisfy(m -> assertThat(m.get("missedSlots")).isEqualTo(1));
            assertThat(checkIns).filteredOn(c -> "ok".equals(c.get("status")))
                    .singleElement().satisfies(ok -> assertThat(ok.get("missedSlots")).isNull());

            assertThat(api.notifications()).singleElement()
                    .satisfies(n -> assertThat((String) n.get("subject")).contains("failing"));
            Instant next = Instant.parse((String) api.environment("job", "production").get("nextCheckInLatest"));
            assertThat(next).isAfter(minute);
        }
    }
}
