package dev.cronwatch.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.ingest.CheckInCommand;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.queue.CheckInMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** docs/spec.md §3 "Ids": a new run's id is made once, at receipt, from the injected supplier, and is final. */
class IngestServiceTest {
    final RecordingQueue queue = new RecordingQueue();
    final List<UUID> drawn = new ArrayList<>();
    final Supplier<UUID> ids = () -> {
        UUID id = new UUID(0, drawn.size() + 1);
        drawn.add(id);
        return id;
    };
    final IngestService ingest = new IngestService(queue, ManualClock.at("2026-01-01T00:00:00Z"), ids);

    static CheckInCommand command(String checkInId) {
        return new CheckInCommand("acme", "1", "backup", checkInId, CheckInStatus.IN_PROGRESS, null, null, null);
    }

    @Test
    void aNewRunGetsOneIdFromTheSupplier_andTheClientIsToldTheIdTheMessageCarries() {
        String told = ingest.startRun(command(null));

        CheckInMessage queued = queue.messages().get(0);
        assertThat(queued.checkInId()).isEqualTo(told);
        assertThat(queued.latest()).as("a new run, not the newest in progress").isFalse();
        assertThat(drawn).hasSize(2).extracting(UUID::toString).contains(told).contains(queued.messageId());
    }

    @Test
    void aCheckInNamingItsRunDrawsNoRunId() {
        String id = "11111111-2222-4333-8444-555555555555";

        assertThat(ingest.accept(command(id))).isEqualTo(id);
        assertThat(drawn).as("the message's id only").hasSize(1);
    }

    @Test
    void latestMayStartARun_soItsMessageCarriesARunIdMadeOnce() {
        ingest.accept(command("latest"));

        CheckInMessage queued = queue.messages().get(0);
        assertThat(queued.latest()).isTrue();
        assertThat(drawn).hasSize(2).extracting(UUID::toString).contains(queued.checkInId());
    }
}
