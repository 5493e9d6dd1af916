package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorState;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.OrganizationMonitors;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import dev.cronwatch.core.port.DueEntry;
import dev.cronwatch.core.port.HeadPasses;
import dev.cronwatch.core.port.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the processor and the clock read and commit ({@link dev.cronwatch.core.port.DecisionStore}). Run against every
 * implementation: the in-memory fake the core tests use is the reference, and DynamoDB must behave the same way.
 */
abstract class DecisionStoreContract extends StoreContract {
    @Test
    void loadsNothing_whenNothingStored() {
        assertThat(store.load(JOB, "production")).isEqualTo(new MonitorState(null, null, List.of()));
    }

    @Test
    void storesMonitorEnvironmentAndCheckIn_atVersionOne_inOneCommit() {
        Monitor monitor = TestData.monitor(JOB);
        CheckIn checkIn = TestData.checkIn(JOB, "production", "c1", T0);
        MonitorEnvironment env = TestData.environment(JOB, "production", T0.plusSeconds(3600)).withCheckIn(checkIn, 5);

        assertThat(store.commit(changes(monitor, env, List.of(checkIn)))).isTrue();

        MonitorState state = store.load(JOB, "production");
        assertThat(state.monitor()).isEqualTo(atVersion(monitor, 1));
        assertThat(state.environment()).isEqualTo(atVersion(env, 1));
        assertThat(state.others()).isEmpty();
        assertThat(store.checkIns(JOB, null, null, 10).items()).containsExactly(checkIn);
        MonitorState staging = store.load(JOB, "staging");
        assertThat(staging.environment()).isNull();
        assertThat(staging.others()).containsExactly(atVersion(env, 1));
        assertThat(store.load(OTHER, "production")).isEqualTo(new MonitorState(null, null, List.of()));
    }

    @Test
    void roundTripsEveryField_ofMonitorAndEnvironment() {
        Monitor monitor = new Monitor(JOB, "m-1", "7", "Nightly \"backup\" ✓", MonitorStatus.DISABLED, true,
                TestData.everyTenMinutes(), T0, List.of("production", "staging"), "12345678901234567890123",
                new Monitor.PendingReschedule(MonitorStatus.ACTIVE, TestData.hourly(), T0.plusSeconds(90)), null, 12, 0);
        MonitorEnvironment env = TestData.environment(monitor, "production", T0.plusNanos(123_456_789))
                .withCheckIn(TestData.inProgress(JOB, "production", "c1", T0, T0.plusSeconds(1800)), 5)
                .withCheckIn(TestData.checkIn(JOB, "production", "c2", T0.plusSeconds(60)), 5)
                .withStatus(EnvironmentStatus.ERROR, TestData.incident(JOB, "i1", T0))
                .withRate(T0, 3).withMuted(true).withApplied("98765432109876543210");
        assertThat(store.commit(changes(monitor, env, List.of()))).isTrue();

        MonitorState state = store.load(JOB, "production");
        assertThat(state.monitor()).isEqualTo(atVersion(monitor, 1));
        assertThat(state.environment()).isEqualTo(atVersion(env, 1));
    }

    @Test
    void refusesWholeCommit_whenEnvironmentVersionIsStale() {
        MonitorEnvironment env = TestData.environment(JOB, "production", T0.plusSeconds(3600));
        assertThat(store.commit(changes(TestData.monitor(JOB), env, List.of()))).isTrue();
        MonitorEnvironment stored = store.load(JOB, "production").environment();
        assertThat(store.commit(Changes.of(stored.withRate(T0, 1)))).isTrue();

        // a writer still holding version 1 loses, and nothing of its set that matters is written
        Changes stale = new Changes(null, stored.withRate(T0, 9), List.of(TestData.checkIn(JOB, "production", "c9", T0)),
                List.of(TestData.incident(JOB, "i9", T0)), TestData.error(JOB, "e9", T0),
                List.of(TestData.alert(JOB, "i9", T0)));
        assertThat(store.commit(stale)).isFalse();

        assertThat(store.checkIns(JOB, null, null, 10).items()).isEmpty();
        assertThat(store.load(JOB, "production").environment().rateCount()).isEqualTo(1);
        assertThat(store.incidents(JOB, null, 10_000).items()).isEmpty();
        assertThat(store.processingErrors(JOB, T0)).isEmpty();
        assertThat(store.alertsDue(T0.plusSeconds(3600), 10)).isEmpty();

        // the plain path of a check-in loses the same way: the environment is not written
        assertThat(store.commit(new Changes(null, stored.withRate(T0, 7),
                List.of(TestData.checkIn(JOB, "production", "c8", T0)), List.of(), null, List.of()))).isFalse();
        assertThat(store.load(JOB, "production").environment().rateCount()).isEqualTo(1);
    }

    @Test
    void refusesCommit_whenMonitorVersionIsStale_orNewMonitorAlreadyExists() {
        Monitor monitor = TestData.monitor(JOB);
        assertThat(store.commit(TestData.counted(store, Changes.of(monitor)))).isTrue();
        assertThat(store.commit(TestData.counted(store, Changes.of(monitor)))).as("created twice").isFalse();
        Monitor stored = store.monitor(JOB).orElseThrow();
        assertThat(store.commit(Changes.of(stored.withEnvironment("staging")))).isTrue();
        assertThat(store.commit(Changes.of(stored.withEnvironment("qa")))).as("stale").isFalse();
        assertThat(store.monitor(JOB).orElseThrow().environments()).containsExactly("production", "staging");
        assertThat(store.monitor(JOB).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void refusesNewEnvironment_whenAnotherWriterCreatedItFirst() {
        MonitorEnvironment env = TestData.environment(JOB, "production", null);
        assertThat(store.commit(changes(TestData.monitor(JOB), env, List.of()))).isTrue();
        assertThat(store.commit(Changes.of(env))).isFalse();
    }

    @Test
    void reCommittingTheSameProcessingErrorOrCheckIn_changesNothing() {
        ProcessingError error = TestData.error(JOB, "msg-1", T0);
        Changes errorOnly = Changes.rejected(error);
        assertThat(store.commit(errorOnly)).isTrue();
        assertThat(store.commit(errorOnly)).isTrue();
        assertThat(store.processingErrors(JOB, T0)).containsExactly(error);

        CheckIn checkIn = TestData.checkIn(JOB, "production", "c1", T0);
        Changes checkInOnly = new Changes(null, null, List.of(checkIn), List.of(), null, List.of());
        assertThat(store.commit(checkInOnly)).isTrue();
        assertThat(store.commit(checkInOnly)).isTrue();
        assertThat(store.checkIns(JOB, null, null, 10).items()).containsExactly(checkIn);
    }

    @Test
    void emptyChanges_commitTrivially() {
        assertThat(store.commit(new Changes(null, null, List.of(), List.of(), null, List.of()))).isTrue();
    }

    @Test
    void countsEachMessagesOwnFailures_andMonitorsPerOrganization() {
        assertThat(store.recordFailure(JOB, "msg-1", T0)).isEqualTo(1);
        assertThat(store.recordFailure(JOB, "msg-1", T0)).isEqualTo(2);
        assertThat(store.recordFailure(JOB, "msg-2", T0)).isEqualTo(1);
        assertThat(store.recordFailure(OTHER, "msg-1", T0)).isEqualTo(1);

        seedDue(JOB, "production", T0);
        seedDue(OTHER, "production", T0);
        seedDue(new MonitorKey("globex", "job"), "production", T0);
        assertThat(store.organizationMonitors("acme", T0).monitors()).isEqualTo(2);
        assertThat(store.organizationMonitors("nobody", T0).monitors()).isZero();
    }

    @Test
    void countsAMonitorInTheCommitThatCreatesIt_onceWhenRetried_andOutOnceWhenDeleted() {
        OrganizationMonitors none = store.organizationMonitors("acme", T0);
        assertThat(store.commit(Changes.created(TestData.monitor(JOB), none.created(10, 60)))).isTrue();
        assertThat(store.commit(Changes.created(TestData.monitor(JOB), store.organizationMonitors("acme", T0).created(10, 60))))
                .as("the same create again (a redelivery)").isFalse();
        assertThat(store.organizationMonitors("acme", T0).monitors()).isEqualTo(1);
        assertThat(store.commit(Changes.created(TestData.monitor(OTHER), none.created(10, 60))))
                .as("a create counted on a read the first one has passed: creates commute").isTrue();
        MonitorKey globex = new MonitorKey("globex", "job");
        assertThat(store.commit(Changes.created(TestData.monitor(globex), store.organizationMonitors("globex", T0)
                .created(10, 60)))).isTrue();
        assertThat(store.organizationMonitors("acme", T0).monitors()).isEqualTo(2);

        store.deleteMonitor(JOB);
        store.deleteMonitor(JOB);
        assertThat(store.organizationMonitors("acme", T0).monitors()).as("a delete repeated counts out once").isEqualTo(1);
        assertThat(store.organizationMonitors("globex", T0).monitors()).as("another organization's").isEqualTo(1);
        assertThat(store.organizationMonitors("acme", T0).createdInMinute()).isEqualTo(2);
        assertThat(store.organizationMonitors("acme", T0.plusSeconds(60)).createdInMinute()).as("the next minute's").isZero();
    }

    @Test
    void refusesACreatePastEitherLimit_asItAdds() {
        MonitorKey third = new MonitorKey("acme", "third");
        OrganizationMonitors none = store.organizationMonitors("acme", T0);
        assertThat(store.commit(Changes.created(TestData.monitor(JOB), none.created(2, 60)))).isTrue();
        assertThat(store.commit(Changes.created(TestData.monitor(OTHER), none.created(2, 60)))).isTrue();
        assertThat(store.commit(Changes.created(TestData.monitor(third), none.created(2, 60))))
                .as("the organization's cap, reached since it was read").isFalse();
        assertThat(store.commit(Changes.created(TestData.monitor(third), none.created(10, 2))))
                .as("the minute's limit, reached since it was read").isFalse();
        assertThat(store.monitor(third)).isEmpty();
        assertThat(store.organizationMonitors("acme", T0)).extracting(OrganizationMonitors::monitors,
                OrganizationMonitors::createdInMinute).containsExactly(2L, 2);
    }

    @Test
    void countsADropOfAMinuteInItsError_oncePerQueueSequence() {
        ProcessingError drop = new ProcessingError("d1", JOB, ProcessingErrorType.MONITOR_NOT_FOUND, Map.of(), "c1", T0);
        assertThat(store.commit(Changes.rejected(drop.withSequence("9")))).isTrue();
        assertThat(store.commit(Changes.rejected(drop.withSequence("9")))).as("redelivered").isTrue();
        assertThat(store.commit(Changes.rejected(new ProcessingError("d1", JOB, ProcessingErrorType.MONITOR_NOT_FOUND,
                Map.of(), "c2", T0).withSequence("10")))).as("the next drop, a longer number").isTrue();
        assertThat(store.commit(Changes.rejected(drop.withSequence("8")))).as("an older one again").isTrue();

        assertThat(store.processingErrors(JOB, T0.plusSeconds(1))).singleElement().satisfies(e -> {
            assertThat(e.count()).isEqualTo(2);
            assertThat(e.checkInId()).as("the first drop's").isEqualTo("c1");
        });
        assertThat(store.organizationProcessingErrors("acme", T0.plusSeconds(1), null, 10).items())
                .singleElement().satisfies(e -> assertThat(e.count()).isEqualTo(2));
    }

    @Test
    void refusesANewMonitorWithoutItsOrganizationsCounter() {
        assertThatThrownBy(() -> store.commit(Changes.of(TestData.monitor(JOB))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.monitor(JOB)).isEmpty();
    }

    @Test
    void findsEveryDueEnvironmentOnce_pageByPage() {
        for (int i = 0; i < 7; i++) seedDue(new MonitorKey("acme", "job-" + i), "production", T0.plusSeconds(60L * i));
        seedDue(JOB, "not-due", T0.plusSeconds(3600));
        MonitorKey noDeadline = new MonitorKey("acme", "no-deadline");
        store.commit(changes(TestData.monitor(noDeadline), TestData.environment(noDeadline, "production", null), List.of()));

        Instant upTo = T0.plusSeconds(60L * 4);
        List<DueEntry> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<DueEntry> page = store.findDue(upTo, cursor, 2);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).extracting(d -> d.monitor().slug())
                .containsExactlyInAnyOrder("job-0", "job-1", "job-2", "job-3", "job-4");
        assertThat(seen).filteredOn(d -> d.monitor().slug().equals("job-2")).singleElement()
                .isEqualTo(new DueEntry(new MonitorKey("acme", "job-2"), "production", T0.plusSeconds(120), 0));
    }

    /**
     * What the clock's fallback does: judge each due environment while paging on, and see each once.
     * Each judged one leaves the due list, so a cursor that counts positions skips some; three share
     * each deadline and a page ends between them, so a cursor that keeps only the time skips or
     * repeats some; two are environments of one monitor.
     */

    @Test
    void seesEachDueEnvironmentOnce_whileEachIsCommittedDuringThePaging() {
        for (int i = 0; i < 9; i++) seedDue(new MonitorKey("acme", "job-" + i), "production", T0.minusSeconds(i / 3));
        seedDue(new MonitorKey("acme", "job-4"), "staging", T0.minusSeconds(1));
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            Page<DueEntry> page = store.findDue(T0, cursor, 2);
            for (DueEntry due : page.items()) {
                assertThat(seen.add(due.monitor().slug() + "/" + due.environment())).as("seen twice: %s", due).isTrue();
                MonitorEnvironment env = store.load(due.monitor(), due.environment()).environment();
                assertThat(store.commit(Changes.of(env.withTimes(env.lastCheckIn(), T0.plusSeconds(3600),
                        T0.plusSeconds(3660))))).isTrue();
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).hasSize(10);
        assertThat(store.findDue(T0, null, 10_000).items()).isEmpty();
    }

    @Test
    void findsRunTimeouts_andForgetsDeadlines_thatAreGone() {
        MonitorEnvironment env = TestData.environment(JOB, "production", null)
                .withCheckIn(TestData.inProgress(JOB, "production", "c1", T0, T0.plusSeconds(1800)), 5);
        store.commit(changes(TestData.monitor(JOB), env, List.of()));
        assertThat(store.findDue(T0.plusSeconds(1800), null, 10).items()).hasSize(1);
        assertThat(store.findDue(T0.plusSeconds(1799), null, 10).items()).isEmpty();

        MonitorEnvironment stored = store.load(JOB, "production").environment();
        MonitorEnvironment finished = stored.withCheckIn(TestData.checkIn(JOB, "production", "c1", T0), 5);
        assertThat(store.commit(Changes.of(finished))).isTrue();
        assertThat(store.findDue(T0.plusSeconds(999_999), null, 10).items()).isEmpty();
        assertThat(store.nextDeadlineAfter(T0)).isEmpty();
    }

    /**
     * A tick reads each shard from its start: one minute's deadlines come by their monitor's ordinal
     * first (an organization's first monitors before another's later ones), then by deadline; the next
     * minute's after all of them, whatever their ordinals. Ordinals run against deadlines here, and a
     * page ends inside each shard.
     */
    @Test
    void listsEachShardsDeadlines_byTick_thenOrdinal_thenDeadline() {
        Instant tick = T0.plusSeconds(60);
        for (int i = 0; i < 40; i++) {
            Monitor monitor = TestData.monitor(new MonitorKey(i % 2 == 0 ? "big" : "small", "job-" + i))
                    .withOrdinal(40 - i);
            Instant deadline = i < 30 ? tick.minusSeconds(30 - i) : tick.plusSeconds(i);
            assertThat(store.commit(changes(monitor, TestData.environment(monitor, "production", deadline), List.of())))
                    .isTrue();
        }
        List<List<String>> shards = new ArrayList<>();
        for (int shard = 0; shard < store.dueShards(); shard++) {
            List<String> listed = new ArrayList<>();
            String cursor = null;
            do {
                Page<DueEntry> page = store.findDue(shard, tick.plusSeconds(60), cursor, 2);
                page.items().forEach(due -> listed.add(due.monitor().slug()));
                cursor = page.nextCursor();
            } while (cursor != null);
            shards.add(listed);
        }
        assertThat(shards).flatExtracting(listed -> listed).hasSize(40);
        assertThat(shards).filteredOn(listed -> listed.size() >= 3).isNotEmpty();
        for (List<String> listed : shards) {
            List<String> expected = new ArrayList<>(listed);
            // job-i: ordinal 40 - i, due at minute 1 (i < 30, ordinals 11..40) or minute 2 (ordinals 1..10)
            expected.sort(Comparator.comparing((String slug) -> Integer.parseInt(slug.substring(4)) >= 30)
                    .thenComparing(slug -> -Integer.parseInt(slug.substring(4))));
            assertThat(listed).isEqualTo(expected);
        }
    }

    @Test
    void nextDeadlineAfter_isTheEarliestStrictlyLater() {
        seedDue(JOB, "production", T0.plusSeconds(120));
        seedDue(OTHER, "production", T0.plusMillis(60_000).plusNanos(500));
        assertThat(store.nextDeadlineAfter(T0)).contains(T0.plusMillis(60_000).plusNanos(500));
        assertThat(store.nextDeadlineAfter(T0.plusMillis(60_000))).contains(T0.plusMillis(60_000).plusNanos(500));
        assertThat(store.nextDeadlineAfter(T0.plusMillis(60_000).plusNanos(500))).contains(T0.plusSeconds(120));
        assertThat(store.nextDeadlineAfter(T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void subMillisecondDeadlines_areNotDueEarly() {
        seedDue(JOB, "production", T0.plusNanos(700_000));
        assertThat(store.findDue(T0.plusNanos(600_000), null, 10).items()).isEmpty();
        assertThat(store.findDue(T0.plusNanos(700_000), null, 10).items()).hasSize(1);
    }

    @Test
    void deletesOneEnvironment_withItsCheckInsAttachmentsAndIncidents_andNothingElse() {
        Monitor job = TestData.monitor(JOB).withEnvironment("staging");
        store.commit(changes(job, TestData.environment(JOB, "production", T0), List.of()));
        CheckIn s1 = TestData.checkIn(JOB, "staging", "s1", T0);
        CheckIn p1 = TestData.checkIn(JOB, "production", "p1", T0);
        store.commit(new Changes(null, TestData.environment(JOB, "staging", T0), List.of(s1), List.of(stagingIncident()),
                null, List.of()));
        store.commit(new Changes(null, null, List.of(p1), List.of(TestData.incident(JOB, "i-prod", T0)), null, List.of()));
        store.saveAttachment(new Attachment(JOB, "s1", "a", "text/plain", new byte[] {1}), s1);
        store.saveAttachment(new Attachment(JOB, "p1", "a", "text/plain", new byte[] {1}), p1);

        store.deleteEnvironment(JOB, "staging");

        assertThat(store.environments(JOB)).extracting(MonitorEnvironment::name).containsExactly("production");
        assertThat(store.checkIns(JOB, null, null, 10).items()).extracting(CheckIn::id).containsExactly("p1");
        assertThat(store.incidents(JOB, null, 10_000).items()).extracting(Incident::id).containsExactly("i-prod");
        assertThat(store.attachment(JOB, "s1")).isEmpty();
        assertThat(store.attachment(JOB, "p1")).isPresent();
        assertThat(store.monitor(JOB)).isPresent();
        assertThat(store.findDue(T0, null, 10).items()).extracting(DueEntry::environment).containsExactly("production");
    }

    private static Incident stagingIncident() {
        Incident i = TestData.incident(JOB, "i-staging", T0);
        return new Incident(i.id(), i.monitor(), "staging", i.dateStarted(), null, i.reason(), i.failureReason(),
                i.startingCheckIn(), null);
    }

    @Test
    void headPasses_recordEachShardOnce_andWhatItLeftForItsTail_perTick() {
        Instant tick = T0.plusSeconds(60);
        assertThat(store.headPasses(tick)).isEqualTo(HeadPasses.NONE);
        assertThat(store.headPassDone(tick, 3, Set.of("big", "bigger")))
                .isEqualTo(new HeadPasses(Set.of(3), Map.of(3, Set.of("big", "bigger"))));
        assertThat(store.headPassDone(tick, 0, Set.of()))
                .isEqualTo(new HeadPasses(Set.of(0, 3), Map.of(3, Set.of("big", "bigger"))));
        // a redelivered head pass: recorded again, what it left replaced
        assertThat(store.headPassDone(tick, 3, Set.of("big")))
                .isEqualTo(new HeadPasses(Set.of(0, 3), Map.of(3, Set.of("big"))));
        assertThat(store.headPassDone(tick, 3, Set.of())).isEqualTo(new HeadPasses(Set.of(0, 3), Map.of()));
        assertThat(store.headPasses(tick)).isEqualTo(new HeadPasses(Set.of(0, 3), Map.of()));
        assertThat(store.headPasses(T0)).as("another tick's").isEqualTo(HeadPasses.NONE);
    }
}
