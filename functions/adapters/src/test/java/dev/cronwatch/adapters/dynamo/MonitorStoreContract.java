package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.Changes;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.port.DueEnvironment;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.rules.CheckInContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        CheckInContext context = store.loadCheckInContext(JOB, "production", "c1");
        assertThat(context).isEqualTo(new CheckInContext(null, null, null));
    }

    @Test
    void storesMonitorEnvironmentAndCheckIn_atVersionOne_inOneCommit() {
        Monitor monitor = TestData.monitor(JOB);
        MonitorEnvironment env = TestData.environment(JOB, "production", T0.plusSeconds(3600))
                .withCheckIn(TestData.checkIn(JOB, "production", "c1", T0), 5);
        CheckIn checkIn = TestData.checkIn(JOB, "production", "c1", T0);

        assertThat(store.commit(changes(monitor, env, List.of(checkIn)))).isTrue();

        CheckInContext context = store.loadCheckInContext(JOB, "production", "c1");
        assertThat(context.monitor()).isEqualTo(atVersion(monitor, 1));
        assertThat(context.environment()).isEqualTo(atVersion(env, 1));
        assertThat(context.checkInById()).isEqualTo(checkIn);
        assertThat(store.loadCheckInContext(JOB, "production", null).checkInById()).isNull();
        assertThat(store.loadCheckInContext(JOB, "staging", "c1").environment()).isNull();
    }

    @Test
    void roundTripsEveryField_ofMonitorAndEnvironment() {
        Monitor monitor = new Monitor(JOB, "m-1", "7", "Nightly \"backup\" ✓", dev.cronwatch.core.monitor.MonitorStatus.DISABLED,
                true, TestData.everyTenMinutes(), T0, List.of("production", "staging"), 0);
        MonitorEnvironment env = TestData.environment(JOB, "production", T0.plusNanos(123_456_789))
                .withCheckIn(TestData.inProgress(JOB, "production", "c1", T0, T0.plusSeconds(1800)), 5)
                .withCheckIn(TestData.checkIn(JOB, "production", "c2", T0.plusSeconds(60)), 5)
                .withStatus(dev.cronwatch.core.monitor.EnvironmentStatus.ERROR, TestData.incident(JOB, "i1", T0))
                .withRate(T0, 3).withApplied("m1").withApplied("m2").withMuted(true);
        assertThat(store.commit(changes(monitor, env, List.of()))).isTrue();

        CheckInContext context = store.loadCheckInContext(JOB, "production", null);
        assertThat(context.monitor()).isEqualTo(atVersion(monitor, 1));
        assertThat(context.environment()).isEqualTo(atVersion(env, 1));
    }

    @Test
    void refusesWholeCommit_whenEnvironmentVersionIsStale() {
        MonitorEnvironment env = TestData.environment(JOB, "production", T0.plusSeconds(3600));
        assertThat(store.commit(changes(TestData.monitor(JOB), env, List.of()))).isTrue();
        MonitorEnvironment stored = store.loadCheckInContext(JOB, "production", null).environment();
        assertThat(store.commit(changes(null, stored.withRate(T0, 1), List.of()))).isTrue();

        // a writer still holding version 1 loses, and nothing of its set is written
        Changes stale = new Changes(null, stored.withRate(T0, 9), List.of(TestData.checkIn(JOB, "production", "c9", T0)),
                List.of(TestData.incident(JOB, "i9", T0)), TestData.error(JOB, "e9", T0),
                List.of(TestData.alert("i9", T0)), JOB, T0);
        assertThat(store.commit(stale)).isFalse();

        assertThat(store.loadCheckInContext(JOB, "production", "c9").checkInById()).isNull();
        assertThat(store.loadCheckInContext(JOB, "production", null).environment().rateCount()).isEqualTo(1);
        assertThat(store.incidents(JOB)).isEmpty();
        assertThat(store.processingErrors(JOB, T0)).isEmpty();
        assertThat(store.pendingAlerts(10)).isEmpty();
    }

    @Test
    void refusesCommit_whenMonitorVersionIsStale_orNewMonitorAlreadyExists() {
        Monitor monitor = TestData.monitor(JOB);
        assertThat(store.commit(changes(monitor, null, List.of()))).isTrue();
        assertThat(store.commit(changes(monitor, null, List.of()))).as("created twice").isFalse();
        Monitor stored = store.monitor(JOB).orElseThrow();
        assertThat(store.commit(changes(stored.withEnvironment("staging"), null, List.of()))).isTrue();
        assertThat(store.commit(changes(stored.withEnvironment("qa"), null, List.of()))).as("stale").isFalse();
        assertThat(store.monitor(JOB).orElseThrow().environments()).containsExactly("production", "staging");
        assertThat(store.monitor(JOB).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void refusesNewEnvironment_whenAnotherWriterCreatedItFirst() {
        MonitorEnvironment env = TestData.environment(JOB, "production", null);
        assertThat(store.commit(changes(TestData.monitor(JOB), env, List.of()))).isTrue();
        assertThat(store.commit(changes(null, env, List.of()))).isFalse();
    }

    @Test
    void reCommittingTheSameProcessingErrorOrCheckIn_changesNothing() {
        ProcessingError error = TestData.error(JOB, "msg-1", T0);
        Changes errorOnly = new Changes(null, null, List.of(), List.of(), error, List.of(), JOB, T0);
        assertThat(store.commit(errorOnly)).isTrue();
        assertThat(store.commit(errorOnly)).isTrue();
        assertThat(store.processingErrors(JOB, T0)).containsExactly(error);

        CheckIn checkIn = TestData.checkIn(JOB, "production", "c1", T0);
        Changes checkInOnly = new Changes(null, null, List.of(checkIn), List.of(), null, List.of(), null, null);
        assertThat(store.commit(checkInOnly)).isTrue();
        assertThat(store.commit(checkInOnly)).isTrue();
        assertThat(store.checkIns(JOB, null, null, 10).items()).containsExactly(checkIn);
    }

    @Test
    void emptyChanges_commitTrivially() {
        assertThat(store.commit(new Changes(null, null, List.of(), List.of(), null, List.of(), null, null))).isTrue();
    }

    // ---- queue progress ----

    @Test
    void queueMarks_onlyMoveForward() {
        seedDue(JOB, "production", T0);
        store.recordEnqueued(JOB, T0.plusSeconds(20));
        store.recordEnqueued(JOB, T0.plusSeconds(10));
        assertThat(progressOf(JOB).enqueuedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(progressOf(JOB).hasPending()).isTrue();

        assertThat(store.commit(applied(JOB, T0.plusSeconds(20)))).isTrue();
        // a redelivered older message is applied again (an error is recorded) but the mark stays
        Changes older = new Changes(null, null, List.of(), List.of(), TestData.error(JOB, "late", T0), List.of(),
                JOB, T0.plusSeconds(5));
        assertThat(store.commit(older)).isTrue();
        assertThat(store.processingErrors(JOB, T0.plusSeconds(60))).extracting(ProcessingError::id).contains("late");
        assertThat(progressOf(JOB).appliedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(progressOf(JOB).hasPending()).isFalse();
    }

    // ---- the clock ----

    @Test
    void findsOnlyDueEnvironments_inDeadlineOrder_pageByPage() {
        for (int i = 0; i < 7; i++) seedDue(new MonitorKey("acme", "job-" + i), "production", T0.plusSeconds(60L * i));
        seedDue(JOB, "not-due", T0.plusSeconds(3600));
        MonitorKey noDeadline = new MonitorKey("acme", "no-deadline");
        store.commit(changes(TestData.monitor(noDeadline), TestData.environment(noDeadline, "production", null), List.of()));

        Instant upTo = T0.plusSeconds(60L * 4);
        List<DueEnvironment> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Page<DueEnvironment> page = store.findDue(upTo, cursor, 2);
            seen.addAll(page.items());
            pageSizes.add(page.items().size());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).extracting(d -> d.environment().monitor().slug())
                .containsExactly("job-0", "job-1", "job-2", "job-3", "job-4");
        assertThat(seen.get(0).monitor()).isEqualTo(atVersion(TestData.monitor(new MonitorKey("acme", "job-0")), 1));
        assertThat(seen.get(0).progress()).isEqualTo(dev.cronwatch.core.monitor.QueueProgress.NONE);
        assertThat(store.findDue(upTo, null, 5).nextCursor()).as("exactly one full page").isNull();
    }

    @Test
    void findsRunTimeouts_andForgetsDeadlines_thatAreGone() {
        MonitorEnvironment env = TestData.environment(JOB, "production", null)
                .withCheckIn(TestData.inProgress(JOB, "production", "c1", T0, T0.plusSeconds(1800)), 5);
        store.commit(changes(TestData.monitor(JOB), env, List.of()));
        assertThat(store.findDue(T0.plusSeconds(1800), null, 10).items()).hasSize(1);
        assertThat(store.findDue(T0.plusSeconds(1799), null, 10).items()).isEmpty();

        MonitorEnvironment stored = store.loadCheckInContext(JOB, "production", null).environment();
        MonitorEnvironment finished = stored.withCheckIn(TestData.checkIn(JOB, "production", "c1", T0), 5);
        assertThat(store.commit(changes(null, finished, List.of()))).isTrue();
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
    void outbox_listsOldestFirst_claimsWithLease_andForgetsSentAlerts() {
        PendingAlert later = TestData.alert("i2", T0.plusSeconds(10));
        PendingAlert first = TestData.alert("i1", T0);
        Changes raised = new Changes(null, null, List.of(), List.of(), null, List.of(later, first), null, null);
        assertThat(store.commit(raised)).isTrue();

        assertThat(store.pendingAlerts(10)).containsExactly(first, later);
        assertThat(store.pendingAlerts(1)).containsExactly(first);

        Duration lease = Duration.ofSeconds(30);
        assertThat(store.claimAlert(first.id(), T0, lease)).isTrue();
        assertThat(store.claimAlert(first.id(), T0.plusSeconds(29), lease)).as("held").isFalse();
        assertThat(store.claimAlert(first.id(), T0.plusSeconds(30), lease)).as("lease over").isTrue();
        assertThat(store.claimAlert("unknown:incident.opened", T0, lease)).isFalse();

        store.alertSent(first.id());
        assertThat(store.pendingAlerts(10)).containsExactly(later);
        assertThat(store.claimAlert(first.id(), T0.plusSeconds(90), lease)).as("already sent").isFalse();
    }

    @Test
    void rewritingAPendingAlert_keepsItsClaim() {
        PendingAlert alert = TestData.alert("i1", T0);
        Changes raised = new Changes(null, null, List.of(), List.of(), null, List.of(alert), null, null);
        store.commit(raised);
        assertThat(store.claimAlert(alert.id(), T0, Duration.ofSeconds(30))).isTrue();
        store.commit(raised);
        assertThat(store.claimAlert(alert.id(), T0.plusSeconds(1), Duration.ofSeconds(30))).isFalse();
    }

    // ---- the management API ----

    @Test
    void listsMonitorsOfOneOrganization_andTheirEnvironments() {
        seedDue(JOB, "production", T0);
        seedDue(OTHER, "production", T0);
        MonitorKey elsewhere = new MonitorKey("globex", "job");
        seedDue(elsewhere, "production", T0);
        MonitorEnvironment staging = TestData.environment(JOB, "staging", null);
        store.commit(changes(null, staging, List.of()));

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
        all.add(TestData.checkIn(OTHER, "production", "x", T0.plusSeconds(30)));
        store.commit(new Changes(null, null, all, List.of(), null, List.of(), null, null));

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
    }

    @Test
    void listsIncidentsNewestFirst() {
        Incident older = TestData.incident(JOB, "i1", T0);
        Incident newer = TestData.incident(JOB, "i2", T0.plusSeconds(3600)).resolve(T0.plusSeconds(7200), "c7");
        store.commit(new Changes(null, null, List.of(), List.of(older, newer), null, List.of(), null, null));
        store.commit(new Changes(null, null, List.of(), List.of(TestData.incident(OTHER, "i3", T0)), null, List.of(), null, null));
        assertThat(store.incidents(JOB)).containsExactly(newer, older);
    }

    @Test
    void keepsTheNewestTenProcessingErrors_ofTheLastWeek() {
        Instant now = T0.plus(Duration.ofDays(10));
        for (int i = 0; i < 12; i++) {
            store.commit(new Changes(null, null, List.of(), List.of(), TestData.error(JOB, "e" + i, now.minusSeconds(i)),
                    List.of(), null, null));
        }
        store.commit(new Changes(null, null, List.of(), List.of(), TestData.error(JOB, "week-old", now.minus(Duration.ofDays(7))),
                List.of(), null, null));
        assertThat(store.processingErrors(JOB, now)).extracting(ProcessingError::id)
                .containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
        assertThat(store.processingErrors(JOB, now.plus(Duration.ofDays(7)).minusSeconds(2)))
                .extracting(ProcessingError::id).containsExactly("e0", "e1");
        assertThat(store.processingErrors(OTHER, now)).isEmpty();
    }

    @Test
    void storesOneAttachmentPerCheckIn_visibleOnlyThroughItsMonitor() {
        byte[] content = new byte[Attachment.MAX_BYTES];
        content[0] = 1;
        content[content.length - 1] = 2;
        Attachment attachment = new Attachment(JOB, "c1", "log.txt", "text/plain", content);
        assertThat(store.saveAttachment(attachment)).isTrue();
        assertThat(store.saveAttachment(new Attachment(JOB, "c1", "other.txt", "text/plain", new byte[1]))).isFalse();

        Attachment read = store.attachment(JOB, "c1").orElseThrow();
        assertThat(read.filename()).isEqualTo("log.txt");
        assertThat(read.contentType()).isEqualTo("text/plain");
        assertThat(read.content()).isEqualTo(content);
        assertThat(store.attachment(OTHER, "c1")).isEmpty();
        assertThat(store.attachment(JOB, "c2")).isEmpty();
    }

    @Test
    void deletesAMonitorWithEverythingItOwns_andNothingElse() {
        MonitorEnvironment env = TestData.environment(JOB, "production", T0);
        CheckIn checkIn = TestData.checkIn(JOB, "production", "c1", T0);
        store.commit(new Changes(TestData.monitor(JOB), env, List.of(checkIn), List.of(TestData.incident(JOB, "i1", T0)),
                TestData.error(JOB, "e1", T0), List.of(), JOB, T0));
        store.recordEnqueued(JOB, T0);
        store.saveAttachment(new Attachment(JOB, "c1", "a", "text/plain", new byte[] {1}));
        store.saveAttachment(new Attachment(JOB, "never-stored", "a", "text/plain", new byte[] {1}));
        seedDue(OTHER, "production", T0);
        store.commit(new Changes(null, null, List.of(TestData.checkIn(OTHER, "production", "x1", T0)), List.of(), null,
                List.of(), null, null));

        store.deleteMonitor(JOB);

        assertThat(store.monitor(JOB)).isEmpty();
        assertThat(store.environments(JOB)).isEmpty();
        assertThat(store.loadCheckInContext(JOB, "production", "c1")).isEqualTo(new CheckInContext(null, null, null));
        assertThat(store.checkIns(JOB, null, null, 10).items()).isEmpty();
        assertThat(store.incidents(JOB)).isEmpty();
        assertThat(store.processingErrors(JOB, T0)).isEmpty();
        assertThat(store.attachment(JOB, "c1")).isEmpty();
        assertThat(store.attachment(JOB, "never-stored")).isEmpty();
        assertThat(store.findDue(T0, null, 10).items()).extracting(d -> d.monitor().key()).containsExactly(OTHER);
        assertThat(store.checkIns(OTHER, null, null, 10).items()).hasSize(1);

        // the slug can be used again from scratch
        assertThat(store.commit(changes(TestData.monitor(JOB), env, List.of()))).isTrue();
    }

    // ---- the dashboard ----

    @Test
    void pagesTheMonitorsOfOneOrganization_inSlugOrder() {
        for (String slug : List.of("delta", "alpha", "echo", "charlie", "bravo")) {
            seedDue(new MonitorKey("acme", slug), "production", T0);
        }
        seedDue(new MonitorKey("globex", "aardvark"), "production", T0);

        Page<Monitor> first = store.monitorPage("acme", null, 2);
        Page<Monitor> second = store.monitorPage("acme", first.nextCursor(), 2);
        Page<Monitor> third = store.monitorPage("acme", second.nextCursor(), 2);

        assertThat(first.items()).extracting(m -> m.key().slug()).containsExactly("alpha", "bravo");
        assertThat(second.items()).extracting(m -> m.key().slug()).containsExactly("charlie", "delta");
        assertThat(third.items()).extracting(m -> m.key().slug()).containsExactly("echo");
        assertThat(third.nextCursor()).isNull();
        assertThat(store.monitorPage("nobody", null, 10).items()).isEmpty();
    }

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
        store.commit(new Changes(null, null, all, List.of(), null, List.of(), null, null));
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
        store.commit(new Changes(null, TestData.environment(JOB, "staging", T0),
                List.of(TestData.checkIn(JOB, "staging", "s1", T0)), List.of(stagingIncident()), null, List.of(), null, null));
        store.commit(new Changes(null, null, List.of(TestData.checkIn(JOB, "production", "p1", T0)),
                List.of(TestData.incident(JOB, "i-prod", T0)), null, List.of(), null, null));
        store.saveAttachment(new Attachment(JOB, "s1", "a", "text/plain", new byte[] {1}));
        store.saveAttachment(new Attachment(JOB, "p1", "a", "text/plain", new byte[] {1}));

        store.deleteEnvironment(JOB, "staging");

        assertThat(store.environments(JOB)).extracting(MonitorEnvironment::name).containsExactly("production");
        assertThat(store.checkIns(JOB, null, null, 10).items()).extracting(CheckIn::id).containsExactly("p1");
        assertThat(store.incidents(JOB)).extracting(Incident::id).containsExactly("i-prod");
        assertThat(store.attachment(JOB, "s1")).isEmpty();
        assertThat(store.attachment(JOB, "p1")).isPresent();
        assertThat(store.monitor(JOB)).isPresent();
        assertThat(store.findDue(T0, null, 10).items()).extracting(d -> d.environment().name()).containsExactly("production");
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

    dev.cronwatch.core.monitor.QueueProgress progressOf(MonitorKey key) {
        return store.findDue(T0.plusSeconds(86_400), null, 100).items().stream()
                .filter(d -> d.environment().monitor().equals(key)).findFirst().orElseThrow().progress();
    }

    static Changes changes(Monitor monitor, MonitorEnvironment env, List<CheckIn> checkIns) {
        return new Changes(monitor, env, checkIns, List.of(), null, List.of(), null, null);
    }

    static Changes applied(MonitorKey key, Instant at) {
        return new Changes(null, null, List.of(), List.of(), null, List.of(), key, at);
    }

    static Monitor atVersion(Monitor m, long version) {
        return new Monitor(m.key(), m.id(), m.projectId(), m.name(), m.status(), m.muted(), m.config(),
                m.dateCreated(), m.environments(), version);
    }

    static MonitorEnvironment atVersion(MonitorEnvironment e, long version) {
        return new MonitorEnvironment(e.monitor(), e.name(), e.status(), e.dateCreated(), e.lastCheckIn(), e.lastOk(),
                e.nextCheckIn(), e.nextCheckInLatest(), e.activeIncident(), e.recent(), e.rateMinute(), e.rateCount(),
                e.appliedMessages(), e.muted(), version);
    }
}
