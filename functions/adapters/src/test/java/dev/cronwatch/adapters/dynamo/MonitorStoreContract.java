package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.PendingAlert;
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
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import dev.cronwatch.core.port.DueEntry;
import dev.cronwatch.core.port.InvalidCursorException;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.port.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MonitorStore contract, run against every implementation: the in-memory fake the core tests
 * use is the reference, and the DynamoDB store must behave the same way.
 */
abstract class MonitorStoreContract {
    static final MonitorKey JOB = new MonitorKey("acme", "job");
    static final MonitorKey OTHER = new MonitorKey("acme", "other");

    MonitorStore store;

    abstract MonitorStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    // ---- commit and load ----

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
                TestData.everyTenMinutes(), T0, List.of("production", "staging"), "12345678901234567890123", 0);
        MonitorEnvironment env = TestData.environment(JOB, "production", T0.plusNanos(123_456_789))
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
        assertThat(store.commit(Changes.of(monitor))).isTrue();
        assertThat(store.commit(Changes.of(monitor))).as("created twice").isFalse();
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
        assertThat(store.monitorCount("acme")).isEqualTo(2);
        assertThat(store.monitorCount("nobody")).isZero();
    }

    // ---- the clock ----

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
                .isEqualTo(new DueEntry(new MonitorKey("acme", "job-2"), "production", T0.plusSeconds(120)));
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

    // ---- the outbox ----

    @Test
    void outbox_listsWhatIsDue_letsOneSweepClaimIt_andForgetsSentAlerts() {
        PendingAlert held = TestData.alert(JOB, "i1", T0).heldUntil(T0.plusSeconds(60));
        PendingAlert failed = TestData.alert(OTHER, "i2", T0).failedOnce(T0.plusSeconds(30));
        store.commit(new Changes(null, null, List.of(), List.of(), null, List.of(held, failed)));

        assertThat(store.alertsDue(T0.plusSeconds(29), 10)).isEmpty();
        assertThat(store.alertsDue(T0.plusSeconds(30), 10)).containsExactly(failed);
        assertThat(store.alertsDue(T0.plusSeconds(60), 10)).containsExactly(failed, held);
        assertThat(store.alertsDue(T0.plusSeconds(60), 1)).hasSize(1);

        assertThat(store.claimAlert(failed, T0.plusSeconds(90))).isTrue();
        assertThat(store.claimAlert(failed, T0.plusSeconds(95))).as("taken already").isFalse();
        assertThat(store.alertsDue(T0.plusSeconds(60), 10)).containsExactly(held);
        assertThat(store.alertsDue(T0.plusSeconds(90), 10)).extracting(PendingAlert::id).contains(failed.id());

        assertThat(store.alertPending(JOB, held.id())).isTrue();
        store.alertSent(held);
        assertThat(store.alertPending(JOB, held.id())).isFalse();
        assertThat(store.claimAlert(held, T0.plusSeconds(120))).as("already sent").isFalse();
        assertThat(store.alertPending(OTHER, held.id())).as("under its own monitor only").isFalse();
    }

    @Test
    void outbox_retriesLater_andGivesUpVisibly() {
        PendingAlert alert = TestData.alert(JOB, "i1", T0);
        store.commit(new Changes(null, null, List.of(), List.of(), null, List.of(alert)));

        PendingAlert again = alert.failedOnce(T0.plusSeconds(30));
        store.alertRetryLater(again);
        assertThat(store.alertsDue(T0.plusSeconds(29), 10)).isEmpty();
        assertThat(store.alertsDue(T0.plusSeconds(30), 10)).containsExactly(again);

        ProcessingError error = new ProcessingError("alert:" + alert.id(), JOB, ProcessingErrorType.ALERT_NOT_DELIVERED,
                Map.of("attempts", 16), null, T0.plusSeconds(40));
        store.alertGivenUp(again.failedOnce(T0.plusSeconds(60)), error);
        assertThat(store.alertsDue(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
        assertThat(store.alertPending(JOB, alert.id())).isFalse();
        assertThat(store.processingErrors(JOB, T0.plusSeconds(60))).containsExactly(error);
        store.alertRetryLater(again); // a late bookkeeping write of another worker brings nothing back
        assertThat(store.alertPending(JOB, alert.id())).isFalse();
    }

    // ---- the management API ----

    @Test
    void listsMonitorsOfOneOrganization_andTheirEnvironments() {
        seedDue(JOB, "production", T0);
        seedDue(OTHER, "production", T0);
        MonitorKey elsewhere = new MonitorKey("globex", "job");
        seedDue(elsewhere, "production", T0);
        store.commit(Changes.of(TestData.environment(JOB, "staging", null)));

        assertThat(store.monitors("acme")).extracting(m -> m.key().slug()).containsExactlyInAnyOrder("job", "other");
        assertThat(store.monitors("nobody")).isEmpty();
        assertThat(store.environments(JOB)).extracting(MonitorEnvironment::name)
                .containsExactlyInAnyOrder("production", "staging");
        assertThat(store.monitor(elsewhere)).isPresent();
        assertThat(store.monitor(new MonitorKey("acme", "nope"))).isEmpty();
    }

    @Test
    void listsCheckInsNewestFirst_pageByPage_andByEnvironment() {
        List<CheckIn> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(TestData.checkIn(JOB, i % 2 == 0 ? "production" : "staging", "c" + i, T0.plusSeconds(i * 60L)));
        }
        all.forEach(c -> store.commit(new Changes(null, null, List.of(c), List.of(), null, List.of())));
        store.commit(new Changes(null, null, List.of(TestData.checkIn(OTHER, "production", "x", T0.plusSeconds(30))),
                List.of(), null, List.of()));

        Page<CheckIn> first = store.checkIns(JOB, null, null, 2);
        assertThat(first.items()).extracting(CheckIn::id).containsExactly("c4", "c3");
        Page<CheckIn> second = store.checkIns(JOB, null, first.nextCursor(), 2);
        assertThat(second.items()).extracting(CheckIn::id).containsExactly("c2", "c1");
        Page<CheckIn> third = store.checkIns(JOB, null, second.nextCursor(), 2);
        assertThat(third.items()).extracting(CheckIn::id).containsExactly("c0");
        assertThat(third.nextCursor()).isNull();

        Page<CheckIn> production = store.checkIns(JOB, "production", null, 2);
        assertThat(production.items()).extracting(CheckIn::id).containsExactly("c4", "c2");
        Page<CheckIn> rest = store.checkIns(JOB, "production", production.nextCursor(), 2);
        assertThat(rest.items()).extracting(CheckIn::id).containsExactly("c0");
        assertThat(rest.nextCursor()).isNull();
        assertThat(store.checkIns(JOB, "qa", null, 2).items()).isEmpty();
        assertThat(store.checkIns(OTHER, null, null, 10).items()).extracting(CheckIn::id).containsExactly("x");
    }

    @Test
    void findsACheckInById_onlyUnderItsOwnMonitor() {
        CheckIn recent = TestData.inProgress(JOB, "production", "c1", T0, T0.plusSeconds(1800));
        CheckIn older = TestData.checkIn(JOB, "staging", "c0", T0.minusSeconds(3600));
        store.commit(changes(TestData.monitor(JOB), TestData.environment(JOB, "production", null).withCheckIn(recent, 5),
                List.of(recent)));
        store.commit(new Changes(null, null, List.of(older), List.of(), null, List.of()));

        assertThat(store.checkIn(JOB, "c1")).contains(recent);
        assertThat(store.checkIn(JOB, "c0")).contains(older);
        assertThat(store.checkIn(OTHER, "c1")).isEmpty();
        assertThat(store.checkIn(JOB, "c9")).isEmpty();
    }

    @Test
    void listsIncidentsNewestFirst() {
        Incident older = TestData.incident(JOB, "i1", T0);
        Incident newer = TestData.incident(JOB, "i2", T0.plusSeconds(3600)).resolve(T0.plusSeconds(7200), "c7");
        store.commit(new Changes(null, null, List.of(), List.of(older, newer), null, List.of()));
        store.commit(new Changes(null, null, List.of(), List.of(TestData.incident(OTHER, "i3", T0)), null, List.of()));
        assertThat(store.incidents(JOB, null, 10_000).items()).containsExactly(newer, older);
    }

    @Test
    void pagesIncidents_andRefusesACursorOfAnotherMonitorOrListing() {
        for (int i = 0; i < 5; i++) {
            store.commit(new Changes(null, null, List.of(),
                    List.of(TestData.incident(JOB, "i" + i, T0.plusSeconds(60L * i))), null, List.of()));
        }
        Page<Incident> first = store.incidents(JOB, null, 2);
        assertThat(first.items()).extracting(Incident::id).containsExactly("i4", "i3");
        Page<Incident> second = store.incidents(JOB, first.nextCursor(), 2);
        assertThat(second.items()).extracting(Incident::id).containsExactly("i2", "i1");
        Page<Incident> last = store.incidents(JOB, second.nextCursor(), 2);
        assertThat(last.items()).extracting(Incident::id).containsExactly("i0");
        assertThat(last.nextCursor()).isNull();
        if (store instanceof DynamoMonitorStore) {
            assertThatThrownBy(() -> store.incidents(OTHER, first.nextCursor(), 2)).isInstanceOf(InvalidCursorException.class);
            store.commit(new Changes(null, null, List.of(TestData.checkIn(JOB, "production", "c1", T0),
                    TestData.checkIn(JOB, "production", "c2", T0.plusSeconds(1))), List.of(), null, List.of()));
            String checkInsCursor = store.checkIns(JOB, null, null, 1).nextCursor();
            assertThatThrownBy(() -> store.incidents(JOB, checkInsCursor, 2)).isInstanceOf(InvalidCursorException.class);
        }
    }

    @Test
    void keepsTheNewestTenProcessingErrors_ofTheLastWeek() {
        Instant now = T0.plus(Duration.ofDays(10));
        for (int i = 0; i < 12; i++) store.commit(Changes.rejected(TestData.error(JOB, "e" + i, now.minusSeconds(i))));
        store.commit(Changes.rejected(TestData.error(JOB, "week-old", now.minus(Duration.ofDays(7)))));
        assertThat(store.processingErrors(JOB, now)).extracting(ProcessingError::id)
                .containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
        assertThat(store.processingErrors(JOB, now.plus(Duration.ofDays(7)).minusSeconds(2)))
                .extracting(ProcessingError::id).containsExactly("e0", "e1");
        assertThat(store.processingErrors(OTHER, now)).isEmpty();
    }

    @Test
    void storesOneAttachmentPerCheckIn_visibleOnlyThroughItsMonitor() {
        CheckIn checkIn = TestData.checkIn(JOB, "production", "c1", T0);
        byte[] content = new byte[Attachment.MAX_BYTES];
        content[0] = 1;
        content[content.length - 1] = 2;
        Attachment attachment = new Attachment(JOB, "c1", "log.txt", "text/plain", content);
        assertThat(store.saveAttachment(attachment, checkIn)).isTrue();
        assertThat(store.saveAttachment(new Attachment(JOB, "c1", "other.txt", "text/plain", new byte[1]), checkIn))
                .isFalse();

        Attachment read = store.attachment(JOB, "c1").orElseThrow();
        assertThat(read.filename()).isEqualTo("log.txt");
        assertThat(read.contentType()).isEqualTo("text/plain");
        assertThat(read.content()).isEqualTo(content);
        assertThat(store.attachment(OTHER, "c1")).isEmpty();
        assertThat(store.attachment(JOB, "c2")).isEmpty();
        assertThat(store.saveAttachment(new Attachment(OTHER, "c1", "x", "text/plain", new byte[1]), checkIn))
                .as("the same id under another monitor is another check-in").isTrue();
    }

    @Test
    void deletesAMonitorWithEverythingItOwns_andNothingElse() {
        MonitorEnvironment env = TestData.environment(JOB, "production", T0);
        CheckIn checkIn = TestData.checkIn(JOB, "production", "c1", T0);
        store.commit(new Changes(TestData.monitor(JOB), env, List.of(checkIn), List.of(TestData.incident(JOB, "i1", T0)),
                TestData.error(JOB, "e1", T0), List.of(TestData.alert(JOB, "i1", T0))));
        store.recordFailure(JOB, "msg-1", T0);
        store.saveAttachment(new Attachment(JOB, "c1", "a", "text/plain", new byte[] {1}), checkIn);
        seedDue(OTHER, "production", T0);
        store.commit(new Changes(null, null, List.of(TestData.checkIn(OTHER, "production", "x1", T0)), List.of(), null,
                List.of(TestData.alert(OTHER, "i2", T0))));

        store.deleteMonitor(JOB);

        assertThat(store.monitor(JOB)).isEmpty();
        assertThat(store.environments(JOB)).isEmpty();
        assertThat(store.load(JOB, "production")).isEqualTo(new MonitorState(null, null, List.of()));
        assertThat(store.checkIns(JOB, null, null, 10).items()).isEmpty();
        assertThat(store.incidents(JOB, null, 10_000).items()).isEmpty();
        assertThat(store.processingErrors(JOB, T0)).isEmpty();
        assertThat(store.attachment(JOB, "c1")).isEmpty();
        assertThat(store.alertsDue(T0.plusSeconds(60), 10)).extracting(PendingAlert::monitor).containsExactly(OTHER);
        assertThat(store.findDue(T0, null, 10).items()).extracting(DueEntry::monitor).containsExactly(OTHER);
        assertThat(store.checkIns(OTHER, null, null, 10).items()).hasSize(1);
        assertThat(store.recordFailure(JOB, "msg-1", T0)).as("counted afresh").isEqualTo(1);

        // the slug can be used again from scratch
        assertThat(store.commit(changes(TestData.monitor(JOB), env, List.of()))).isTrue();
    }

    @Test
    void aPageCursorOfOneMonitor_isRefusedByAnother() {
        for (int i = 0; i < 3; i++) {
            store.commit(new Changes(null, null, List.of(TestData.checkIn(JOB, "production", "c" + i, T0.plusSeconds(i))),
                    List.of(), null, List.of()));
        }
        String cursor = store.checkIns(JOB, null, null, 1).nextCursor();
        assertThat(cursor).isNotNull();
        if (store instanceof DynamoMonitorStore) {
            assertThatThrownBy(() -> store.checkIns(OTHER, null, cursor, 1)).isInstanceOf(InvalidCursorException.class);
        }
    }

    // ---- organization-wide views ----

    @Test
    void listsTheOrganizationsProcessingErrors_unknownMonitorsIncluded_newestFirst_pageByPage() {
        Instant now = T0.plus(Duration.ofDays(10));
        MonitorKey typo = new MonitorKey("acme", "nightly-bakup"); // never created
        store.commit(Changes.rejected(TestData.error(JOB, "j1", now.minusSeconds(50))));
        store.commit(Changes.rejected(TestData.error(typo, "t1", now.minusSeconds(40))));
        store.commit(Changes.rejected(TestData.error(OTHER, "o1", now.minusSeconds(30))));
        store.commit(Changes.rejected(TestData.error(typo, "t2", now.minusSeconds(20))));
        store.commit(Changes.rejected(TestData.error(JOB, "old", now.minus(Duration.ofDays(7)))));
        store.commit(Changes.rejected(TestData.error(new MonitorKey("globex", "job"), "elsewhere", now.minusSeconds(10))));
        // a redelivered message records the same error again: listed once
        store.commit(Changes.rejected(TestData.error(typo, "t2", now.minusSeconds(20))));

        Page<ProcessingError> first = store.organizationProcessingErrors("acme", now, null, 2);
        assertThat(first.items()).extracting(ProcessingError::id).containsExactly("t2", "o1");
        assertThat(first.items().get(0).monitor()).isEqualTo(typo);
        Page<ProcessingError> second = store.organizationProcessingErrors("acme", now, first.nextCursor(), 2);
        assertThat(second.items()).extracting(ProcessingError::id).containsExactly("t1", "j1");
        assertThat(second.nextCursor()).isNull();
        assertThat(store.organizationProcessingErrors("acme", now, null, 10).items()).hasSize(4);
        assertThat(store.organizationProcessingErrors("globex", now, null, 10).items()).extracting(ProcessingError::id)
                .containsExactly("elsewhere");
        assertThat(store.organizationProcessingErrors("initech", now, null, 10).items()).isEmpty();

        store.deleteMonitor(typo);
        assertThat(store.organizationProcessingErrors("acme", now, null, 10).items()).extracting(ProcessingError::id)
                .containsExactly("o1", "j1");
    }

    @Test
    void aCursorFromAnotherOrganizationOrOfAnotherList_isRefused() {
        for (int i = 0; i < 3; i++) {
            store.commit(Changes.rejected(TestData.error(JOB, "e" + i, T0.plusSeconds(i))));
            store.commit(new Changes(null, null, List.of(TestData.checkIn(JOB, "production", "c" + i, T0.plusSeconds(i))), List.of(), null, List.of()));
        }
        String acmeCursor = store.organizationProcessingErrors("acme", T0, null, 1).nextCursor();
        String checkInCursor = store.checkIns(JOB, null, null, 1).nextCursor();
        assertThat(acmeCursor).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.organizationProcessingErrors("acme", T0, "%%%", 1))
                .isInstanceOf(IllegalArgumentException.class);
        if (!(store instanceof DynamoMonitorStore)) return; // the fake's cursors are positions: nothing to mix up
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.organizationProcessingErrors("globex", T0, acmeCursor, 1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.organizationProcessingErrors("acme", T0, checkInCursor, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * DynamoDB refuses a start key outside the query's key condition with an error of its own: the
     * store refuses such a cursor first, as the caller's input (issue 21: a 500 before).
     */
    @Test
    void aCursorOutsideTheRangeTheQueryReads_isRefusedBeforeItIsSent() {
        for (int i = 0; i < 3; i++) {
            store.commit(new Changes(null, null, List.of(TestData.checkIn(JOB, "production", "c" + i, T0.plusSeconds(i))),
                    List.of(), null, List.of()));
            store.commit(Changes.rejected(TestData.error(JOB, "e" + i, T0.plusSeconds(i))));
        }
        String checkIns = store.checkIns(JOB, null, null, 1).nextCursor();
        String errors = store.organizationProcessingErrors("acme", T0.plusSeconds(10), null, 1).nextCursor();
        assertThat(checkIns).isNotNull();
        assertThat(errors).isNotNull();
        if (!(store instanceof DynamoMonitorStore)) return; // the fake's cursors are positions: no range to leave

        assertThatThrownBy(() -> store.checkInsSince(JOB, null, T0.plusSeconds(5), checkIns, 1))
                .isInstanceOf(InvalidCursorException.class);
        // before U+FFFF in UTF-16 order, after it in UTF-8's, which is DynamoDB's
        String beyondTheRange = Cursors.encode(Keys.key(Keys.monitorPk(JOB), Keys.CHECK_IN_PREFIX + "\uD83D\uDE00"));
        assertThatThrownBy(() -> store.checkInsSince(JOB, null, T0, beyondTheRange, 1))
                .isInstanceOf(InvalidCursorException.class);
        assertThat(store.checkInsSince(JOB, null, T0, checkIns, 5).items()).extracting(CheckIn::id).containsExactly("c1", "c0");

        Instant aWeekOn = T0.plus(ProcessingError.RETENTION).plusSeconds(3);
        assertThatThrownBy(() -> store.organizationProcessingErrors("acme", aWeekOn, errors, 1))
                .isInstanceOf(InvalidCursorException.class).hasMessageContaining("expired");
        assertThat(store.organizationProcessingErrors("acme", aWeekOn.minusSeconds(3), errors, 5).items())
                .extracting(ProcessingError::id).containsExactly("e1");
    }

    // ---- the paged monitor list, the count, and cursors from elsewhere ----

    @Test
    void pagesAnOrganizationsMonitorsInSlugOrder_andCountsThem() {
        for (String slug : List.of("e", "b", "d", "a", "c")) seedDue(new MonitorKey("acme", slug), "production", T0);
        seedDue(new MonitorKey("globex", "a"), "production", T0);

        Page<Monitor> first = store.monitors("acme", null, 2);
        assertThat(first.items()).extracting(m -> m.key().slug()).containsExactly("a", "b");
        Page<Monitor> second = store.monitors("acme", first.nextCursor(), 2);
        assertThat(second.items()).extracting(m -> m.key().slug()).containsExactly("c", "d");
        Page<Monitor> third = store.monitors("acme", second.nextCursor(), 2);
        assertThat(third.items()).extracting(m -> m.key().slug()).containsExactly("e");
        assertThat(third.nextCursor()).isNull();
        assertThat(store.monitors("nobody", null, 2).items()).isEmpty();
        assertThat(store.monitorCount("acme")).isEqualTo(5);
        assertThat(store.monitorCount("globex")).isEqualTo(1);
        assertThat(store.monitorCount("nobody")).isZero();
    }

    @Test
    void refusesCursorsItDidNotMake_orMadeForAnotherListing() {
        for (String slug : List.of("a", "b", "c")) seedDue(new MonitorKey("acme", slug), "production", T0);
        seedDue(new MonitorKey("globex", "a"), "production", T0);
        List<CheckIn> checkIns = new ArrayList<>();
        for (int i = 0; i < 3; i++) checkIns.add(TestData.checkIn(JOB, "production", "c" + i, T0.plusSeconds(i)));
        checkIns.forEach(c -> store.commit(new Changes(null, null, List.of(c), List.of(), null, List.of())));
        String monitorsCursor = store.monitors("acme", null, 1).nextCursor();
        String checkInsCursor = store.checkIns(JOB, null, null, 1).nextCursor();

        for (String bad : List.of("!!!", "e30", "bm90LWpzb24", "a".repeat(20_000))) {
            assertThatThrownBy(() -> store.monitors("acme", bad, 1)).as(bad).isInstanceOf(InvalidCursorException.class);
            assertThatThrownBy(() -> store.checkIns(JOB, null, bad, 1)).as(bad).isInstanceOf(InvalidCursorException.class);
        }
        assertThatThrownBy(() -> store.monitors("globex", monitorsCursor, 1)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> store.checkIns(OTHER, null, checkInsCursor, 1)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> store.checkIns(JOB, null, monitorsCursor, 1)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> store.monitors("acme", checkInsCursor, 1)).isInstanceOf(InvalidCursorException.class);
    }

    // ---- the dashboard ----

    @Test
    void readsTheEnvironmentsOfAPageOfMonitors_byTheNamesEachLists() {
        Monitor job = TestData.monitor(JOB).withEnvironment("staging").withEnvironment("never-stored");
        MonitorEnvironment production = TestData.environment(JOB, "production", T0);
        MonitorEnvironment staging = TestData.environment(JOB, "staging", null).withMuted(true);
        store.commit(changes(job, production, List.of()));
        store.commit(changes(null, staging, List.of()));
        Monitor bare = TestData.monitor(OTHER).withoutEnvironment("production");
        store.commit(changes(bare, null, List.of()));

        var found = store.environmentsOf(List.of(store.monitor(JOB).orElseThrow(), store.monitor(OTHER).orElseThrow()));

        assertThat(found.keySet()).containsExactly(JOB, OTHER);
        assertThat(found.get(JOB)).containsExactly(atVersion(production, 1), atVersion(staging, 1));
        assertThat(found.get(OTHER)).isEmpty();
        assertThat(store.environmentsOf(List.of())).isEmpty();
    }

    @Test
    void listsCheckInsSinceATimeBound_newestFirst_pageByPage_andByEnvironment() {
        List<CheckIn> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(TestData.checkIn(JOB, i % 2 == 0 ? "production" : "staging", "c" + i, T0.plusSeconds(i * 60L)));
        }
        all.add(TestData.checkIn(OTHER, "production", "x", T0.plusSeconds(300)));
        all.forEach(c -> store.commit(new Changes(null, null, List.of(c), List.of(), null, List.of())));
        Instant since = T0.plusSeconds(120); // c2 started exactly then: included

        Page<CheckIn> first = store.checkInsSince(JOB, null, since, null, 3);
        Page<CheckIn> second = store.checkInsSince(JOB, null, since, first.nextCursor(), 3);

        assertThat(first.items()).extracting(CheckIn::id).containsExactly("c5", "c4", "c3");
        assertThat(second.items()).extracting(CheckIn::id).containsExactly("c2");
        assertThat(second.nextCursor()).isNull();
        assertThat(store.checkInsSince(JOB, "production", since, null, 10).items()).extracting(CheckIn::id)
                .containsExactly("c4", "c2");
        assertThat(store.checkInsSince(JOB, null, T0.plusSeconds(301), null, 10).items()).isEmpty();
        assertThat(store.checkInsSince(JOB, null, null, null, 10).items()).hasSize(6);
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

    // ---- helpers ----

    void seedDue(MonitorKey key, String env, Instant dueAt) {
        Monitor monitor = store.monitor(key).orElse(null);
        boolean created = store.commit(changes(monitor == null ? TestData.monitor(key) : null,
                TestData.environment(key, env, dueAt), List.of()));
        assertThat(created).isTrue();
    }

    static Changes changes(Monitor monitor, MonitorEnvironment env, List<CheckIn> checkIns) {
        return new Changes(monitor, env, checkIns, List.of(), null, List.of());
    }

    static Monitor atVersion(Monitor m, long version) {
        return new Monitor(m.key(), m.id(), m.projectId(), m.name(), m.status(), m.muted(), m.config(),
                m.dateCreated(), m.environments(), m.lastSequence(), version);
    }

    static MonitorEnvironment atVersion(MonitorEnvironment e, long version) {
        return new MonitorEnvironment(e.monitor(), e.name(), e.status(), e.muted(), e.dateCreated(), e.lastCheckIn(),
                e.lastOk(), e.nextCheckIn(), e.nextCheckInLatest(), e.activeIncident(), e.recent(), e.rateMinute(),
                e.rateCount(), e.lastSequence(), version);
    }
}
