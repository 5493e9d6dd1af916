package dev.cronwatch.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.healthchecks.BadgeStatus;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.ProcessorService.MessageOutcome.Kind;
import dev.cronwatch.core.time.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The badge entry is written after the processor's commit (docs/spec.md §14.5): when that write fails,
 * the queue's redelivery of the message, a duplicate, writes it again from the stored state.
 */
class ProcessorBadgeRetryTest {
    private static final MonitorKey JOB = new MonitorKey(Scenario.ORG, "job");

    private final InMemoryMonitorStore store = new InMemoryMonitorStore();
    private final ManualClock clock = ManualClock.at("2020-01-01T10:00:00Z");
    private final List<BadgeStatus.CheckState> told = new ArrayList<>();
    private int failuresToMake;

    private final BadgeStateListener badges = (monitor, environments) -> {
        if (failuresToMake > 0) {
            failuresToMake--;
            throw new IllegalStateException("the badge entry's write failed");
        }
        told.add(BadgeService.state(environments));
    };
    private final ProcessorService processor = new ProcessorService(store, new CheckInRules(6, 10_000),
            new AlertDispatcher(store, new RecordingPublisher(), clock), clock, badges);

    private CheckInMessage checkIn(String id, String status, String at) {
        clock.set(Instant.parse(at));
        return new CheckInMessage(id, JOB, Scenario.PROJECT, UUID.nameUUIDFromBytes(id.getBytes()).toString(), true,
                CheckInStatus.fromWire(status), null, null, Scenario.crontab("0 * * * *"), Instant.parse(at));
    }

    @Test
    void aBadgeWriteThatFailedAfterTheCommit_isWrittenByTheRedelivery() {
        processor.apply(checkIn("m1", "ok", "2020-01-01T10:00:00Z"), "1");
        CheckInMessage failed = checkIn("m2", "error", "2020-01-01T10:01:00Z");
        failuresToMake = 1;
        assertThatThrownBy(() -> processor.apply(failed, "2")).hasMessageContaining("badge entry");
        assertThat(told).isEmpty();

        assertThat(processor.apply(failed, "2").kind()).isEqualTo(Kind.DUPLICATE);

        assertThat(told).containsExactly(BadgeStatus.CheckState.DOWN);
    }

    @Test
    void anAppliedMessageThatChangesNoBadge_tellsNothing() {
        processor.apply(checkIn("m1", "ok", "2020-01-01T10:00:00Z"), "1");
        processor.apply(checkIn("m2", "ok", "2020-01-01T10:01:00Z"), "2");
        assertThat(told).isEmpty();
    }
}
