package dev.cronwatch.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.fakes.StoreFaults;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.ProcessorService.MessageOutcome.Kind;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The processor's optimistic commit against another writer: between the processor's read and its
 * commit, someone else (here the management API muting the environment) changes the environment.
 * The commit must then fail and the message be decided again on the fresh state, so that neither
 * write is lost; and a run of conflicts must end in a loud failure that leaves nothing half-written,
 * for the queue to deliver the message again.
 */
class ConflictRetryTest {
    private static final MonitorKey JOB = new MonitorKey(Scenario.ORG, "job");

    private final InMemoryMonitorStore memory = new InMemoryMonitorStore();
    private final ManualClock clock = ManualClock.at("2020-01-01T10:00:00Z");
    private final RecordingPublisher publisher = new RecordingPublisher();
    private int conflictsToMake;

    /** Before each commit of an existing environment, while conflicts are left to make, another writer flips its mute. */
    private final WholeStore store = StoreFaults.wrap(memory, new StoreFaults.Hooks() {
        @Override
        public void beforeCommit(Changes changes) {
            MonitorEnvironment mine = changes.environment();
            if (conflictsToMake == 0 || mine == null || mine.version() == 0) return;
            conflictsToMake--;
            MonitorEnvironment now = memory.environment(mine.monitor(), mine.name()).orElseThrow();
            assertThat(memory.commit(Changes.of(now.withMuted(!now.muted())))).isTrue();
        }
    });
    private final ProcessorService processor = new ProcessorService(store, new CheckInRules(6, 10_000),
            new AlertDispatcher(store, publisher, clock), clock);

    private CheckInMessage checkIn(String id, String status, String at) {
        clock.set(Instant.parse(at));
        return new CheckInMessage(id, JOB, Scenario.PROJECT, UUID.nameUUIDFromBytes(id.getBytes()).toString(), true,
                CheckInStatus.fromWire(status), null, null,
                Scenario.crontab("0 * * * *"), Instant.parse(at));
    }

    private MonitorEnvironment env() {
        return memory.environment(JOB, "production").orElseThrow();
    }

    @Test
    void oneConflict_isDecidedAgainOnTheFreshState_andAppliedOnce() {
        processor.apply(checkIn("m1", "ok", "2020-01-01T10:00:05Z"), "1");
        conflictsToMake = 1;

        var applied = processor.apply(checkIn("m2", "error", "2020-01-01T10:30:00Z"), "2");

        assertThat(applied.kind()).isEqualTo(Kind.APPLIED);
        assertThat(memory.rejectedCommits()).as("the first commit lost the race").isEqualTo(1);
        assertThat(memory.allCheckIns(JOB)).extracting(CheckIn::status).containsExactly(CheckInStatus.OK, CheckInStatus.ERROR);
        assertThat(env().muted()).as("the other writer's change is kept").isTrue();
        assertThat(env().lastSequence()).isEqualTo("2");
        assertThat(memory.incidents(JOB, null, 10_000).items()).hasSize(1);
        assertThat(publisher.published()).as("decided again on the fresh state: muted, so no alert").isEmpty();
        assertThat(processor.apply(checkIn("m2", "error", "2020-01-01T10:30:00Z"), "2").kind()).isEqualTo(Kind.DUPLICATE);
    }

    @Test
    void aJudgementInAConflict_missesTheSlotOnce() {
        processor.apply(checkIn("m1", "ok", "2020-01-01T10:00:05Z"), "1");
        conflictsToMake = 1;
        clock.set(Instant.parse("2020-01-01T11:01:03Z"));

        var judged = processor.apply(new Judgement(JOB, "production", Instant.parse("2020-01-01T11:01:00Z"),
                Instant.parse("2020-01-01T11:01:00Z")), "2");

        assertThat(judged.kind()).isEqualTo(Kind.JUDGED);
        assertThat(memory.allCheckIns(JOB)).extracting(CheckIn::status).containsExactly(CheckInStatus.OK, CheckInStatus.MISSED);
        assertThat(env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T12:00:00Z"));
        assertThat(env().muted()).isTrue();
    }

    @Test
    void fiveConflictsInARow_failLoudly_writeNothing_andTheRedeliveryAppliesIt() {
        processor.apply(checkIn("m1", "ok", "2020-01-01T10:00:05Z"), "1");
        conflictsToMake = OnConflict.MAX_ATTEMPTS;
        CheckInMessage second = checkIn("m2", "error", "2020-01-01T10:30:00Z");

        assertThatThrownBy(() -> processor.apply(second, "2"))
                .isInstanceOf(ConcurrentChangeException.class).hasMessageContaining("5 conflicting writes in a row");
        assertThat(memory.rejectedCommits()).isEqualTo(OnConflict.MAX_ATTEMPTS);
        assertThat(memory.allCheckIns(JOB)).extracting(CheckIn::status).containsExactly(CheckInStatus.OK);
        assertThat(memory.incidents(JOB, null, 10_000).items()).isEmpty();
        assertThat(memory.outbox()).isEmpty();
        assertThat(env().lastSequence()).isEqualTo("1");

        var redelivered = processor.apply(second, "2");
        assertThat(redelivered.kind()).isEqualTo(Kind.APPLIED);
        assertThat(memory.allCheckIns(JOB)).extracting(CheckIn::status).containsExactly(CheckInStatus.OK, CheckInStatus.ERROR);
        assertThat(memory.incidents(JOB, null, 10_000).items()).hasSize(1);
    }
}
