package dev.cronwatch.core.rules;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static dev.cronwatch.core.fakes.Scenario.interval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/spec.md §8.3: a catch-up after downtime is bounded, whatever the gap. The newest 60 missed
 * slots get a check-in each, the older ones share one that says how many it stands for, the
 * environment alerts once, and its next deadline is the first one after the tick.
 */
class GapCatchUpTest {
    private static final Instant STOPPED = Instant.parse("2025-02-04T10:00:00Z");

    private static List<CheckIn> missed(Scenario s) {
        return s.checkIns().stream().filter(c -> c.status() == CheckInStatus.MISSED)
                .sorted(Comparator.comparing(CheckIn::dateAdded)).toList();
    }

    private static long slotsMissed(Scenario s) {
        return missed(s).stream().mapToLong(CheckIn::slots).sum();
    }

    @Test
    void aFiveMinuteMonitor306DaysBehind_catchesUpInOneTick_with61CheckInsAndOneAlert() {
        Scenario s = new Scenario(crontab("*/5 * * * *"));
        s.send("ok", STOPPED.toString());
        Instant restarted = STOPPED.plus(Duration.ofDays(306)).plusSeconds(120);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        var tick = s.tick(restarted);
        long cpuMs = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000;
        System.out.printf("catch-up of a */5 monitor 306 days behind: one tick, %d ms of CPU%n", cpuMs);

        // every slot from 10:05 on the first day up to 10:00 today, whose margin ended at 10:01
        long slots = Duration.ofDays(306).toMinutes() / 5;
        List<CheckIn> missed = missed(s);
        assertThat(missed).hasSize(ClockRules.MAX_MISSES_WRITTEN + 1);
        assertThat(slotsMissed(s)).isEqualTo(slots);
        assertThat(missed.get(0)).satisfies(gap -> {
            assertThat(gap.dateAdded()).isEqualTo(STOPPED.plusSeconds(300));
            assertThat(gap.expectedTime()).isEqualTo(STOPPED.plusSeconds(300));
            assertThat(gap.slots()).isEqualTo(slots - ClockRules.MAX_MISSES_WRITTEN);
        });
        assertThat(missed.subList(1, missed.size())).allSatisfy(m -> assertThat(m.slots()).isEqualTo(1))
                .extracting(CheckIn::dateAdded).startsWith(restarted.minusSeconds(120).minus(Duration.ofMinutes(5 * 59)))
                .endsWith(restarted.minusSeconds(120));
        assertThat(s.checkIns()).hasSize(1 + 61);
        assertThat(tick.due()).isEqualTo(1);

        assertThat(s.env().nextCheckIn()).isEqualTo(restarted.minusSeconds(120).plusSeconds(300));
        assertThat(s.env().nextCheckInLatest()).isAfter(restarted);
        assertThat(s.env().lastCheckIn()).isEqualTo(STOPPED);
        assertThat(s.alerts()).singleElement().satisfies(a -> assertThat(a.type()).isEqualTo(AlertType.OPENED));
        assertThat(s.incidents()).singleElement()
                .satisfies(i -> assertThat(i.dateStarted()).isEqualTo(STOPPED.plusSeconds(300)));

        assertThat(s.tick(restarted).due()).as("nothing is left due").isZero();
        assertThat(s.checkIns()).hasSize(62);
    }

    @Test
    void sixtyMissedSlots_areEachWritten_sixtyTwoShareTheOldestTwo() {
        Scenario exact = new Scenario(crontab("* * * * *"));
        exact.send("ok", "2020-01-01T10:00:00Z");
        exact.tick("2020-01-01T11:01:00Z"); // slots 10:01 … 11:00
        assertThat(missed(exact)).hasSize(60).allSatisfy(m -> assertThat(m.slots()).isEqualTo(1));

        Scenario over = new Scenario(crontab("* * * * *"));
        over.send("ok", "2020-01-01T10:00:00Z");
        over.tick("2020-01-01T11:03:00Z"); // slots 10:01 … 11:02
        List<CheckIn> missed = missed(over);
        assertThat(missed).hasSize(61);
        assertThat(missed.get(0).dateAdded()).isEqualTo(Instant.parse("2020-01-01T10:01:00Z"));
        assertThat(missed.get(0).slots()).isEqualTo(2);
        assertThat(missed.get(1).dateAdded()).isEqualTo(Instant.parse("2020-01-01T10:03:00Z"));
        assertThat(over.env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T11:03:00Z"));
    }

    @Test
    void theFailureThreshold_countsTheSlotsAGapStandsFor() {
        Scenario s = new Scenario(crontab("*/5 * * * *", "failure_issue_threshold", 720));
        s.send("ok", STOPPED.toString());
        s.tick(STOPPED.plus(Duration.ofDays(30)));

        assertThat(s.env().status()).isEqualTo(EnvironmentStatus.ERROR);
        assertThat(s.incidents()).singleElement().satisfies(i -> {
            assertThat(i.dateStarted()).isEqualTo(STOPPED.plusSeconds(300));
            assertThat(i.failureReason()).isEqualTo((30 * 288 - 1 - 60) + " missed check-ins detected");
        });
        assertThat(s.alerts()).hasSize(1);
    }

    @Test
    void aLongMargin_countsTheMissesJudgingEveryMinuteWouldHaveWritten() {
        // each miss covers the slots within its margin: one miss per 90 minutes of an hourly job, as
        // marksOneMissAndJumpsToCurrentSlot_whenMarginLongerThanGap shows for a single one
        Scenario s = new Scenario(crontab("0 * * * *", "checkin_margin", 90));
        s.send("ok", "2020-01-01T10:00:00Z");
        Scenario twin = new Scenario(crontab("0 * * * *", "checkin_margin", 90));
        twin.send("ok", "2020-01-01T10:00:00Z");
        // every half hour judges each deadline at its own minute, as ticking every minute would
        for (Instant t = Instant.parse("2020-01-01T10:30:00Z"); !t.isAfter(Instant.parse("2020-01-08T10:00:00Z"));
             t = t.plusSeconds(1800)) {
            twin.tick(t);
        }

        s.tick("2020-01-08T10:00:00Z");

        assertThat(missed(twin)).hasSizeGreaterThan(ClockRules.MAX_MISSES_WRITTEN);
        assertThat(missed(s)).hasSizeLessThanOrEqualTo(ClockRules.MAX_MISSES_WRITTEN + 1);
        assertThat(slotsMissed(s)).isEqualTo(missed(twin).size());
        assertThat(s.env().nextCheckIn()).isEqualTo(twin.env().nextCheckIn());
    }

    @Test
    void anIntervalMonitor_staysOnItsSeriesAfterTheGap() {
        Scenario s = new Scenario(interval(2, "hour"));
        s.send("ok", "2020-01-01T01:30:00Z");
        s.tick("2020-03-01T00:00:00Z");

        assertThat(missed(s)).hasSize(61).allSatisfy(m -> assertThat(m.dateAdded().toString()).endsWith(":30:00Z"));
        assertThat(slotsMissed(s)).isEqualTo(Duration.between(Instant.parse("2020-01-01T01:30:00Z"),
                Instant.parse("2020-02-29T23:30:00Z")).toHours() / 2);
        assertThat(s.env().nextCheckIn()).isEqualTo(Instant.parse("2020-03-01T01:30:00Z"));
    }
}
