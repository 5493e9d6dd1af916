package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.core.monitor.LoggedPing;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.Ping;
import dev.cronwatch.core.monitor.KeywordFilter;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.PingKind;
import dev.cronwatch.core.schedule.SimpleSchedule;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorState;
import dev.cronwatch.core.port.DueEntry;
import dev.cronwatch.core.port.InvalidCursorException;
import dev.cronwatch.core.port.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The management API's and the dashboard's reads ({@link dev.cronwatch.core.port.ManagementStore}). Run against every
 * implementation: the in-memory fake the core tests use is the reference, and DynamoDB must behave the same way.
 */
abstract class ManagementStoreContract extends StoreContract {
    private static final String CODE = "5a1e5b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b";

    @Test
    void aHealthchecksCheck_isFoundByItsPingCode_untilItIsDeleted_andKeepsItsSettings() {
        Monitor check = TestData.monitor(JOB).withPing(new PingCheck(CODE, true, true, List.of("prod", "db"), "nightly",
                        new KeywordFilter("go", "", "ERROR, FATAL", true, false, true, true), false))
                .withConfig(MonitorConfig.healthchecks(SimpleSchedule.daily(), "Europe/Riga", 600));
        assertThat(store.commit(TestData.counted(store, Changes.of(check)))).isTrue();

        assertThat(store.pingTarget(CODE)).hasValueSatisfying(t -> {
            assertThat(t.monitor()).isEqualTo(JOB);
            assertThat(t.projectId()).isEqualTo(check.projectId());
        });
        Monitor read = store.monitor(JOB).orElseThrow();
        assertThat(read.ping()).isEqualTo(check.ping());
        assertThat(read.config()).isEqualTo(check.config());
        assertThat(store.pingTarget("0f0f0f0f-0000-4000-8000-000000000000")).isEmpty();

        store.deleteMonitor(JOB);
        assertThat(store.pingTarget(CODE)).isEmpty();
    }

    @Test
    void deletingAnEnvironment_deletesItsLoggedPingsAndTheirBodies() {
        seedDue(JOB, "production", T0);
        LoggedPing logged = new LoggedPing(JOB, "production", "p1", T0,
                new Ping(PingKind.LOG, null, "POST", "curl/8", "192.0.2.1", "https", null).numbered(1, true));
        Attachment body = new Attachment(JOB, "p1", "ping-body", "text/plain", "old secret".getBytes());
        assertThat(store.commit(Changes.of(production().withPingCounted()).withPing(body, logged))).isTrue();

        store.deleteEnvironment(JOB, "production");

        assertThat(store.loggedPings(JOB, 10)).isEmpty();
        assertThat(store.attachment(JOB, "p1")).isEmpty();
    }

    @Test
    void loggedPingsAndTheirBodies_readBackNewestFirst() {
        seedDue(JOB, "production", T0);
        MonitorEnvironment env;
        for (int i = 0; i < 3; i++) {
            LoggedPing logged = new LoggedPing(JOB, "production", "p" + i, T0.plusSeconds(i),
                    new Ping(PingKind.LOG, null, "POST", "curl/8", "192.0.2.1", "https", null).numbered(i + 1, true));
            Attachment body = new Attachment(JOB, "p" + i, "ping-body", "text/plain", ("line " + i).getBytes());
            env = production().withPingCounted();
            assertThat(store.commit(Changes.of(env).withPing(body, logged))).isTrue();
        }

        assertThat(store.loggedPings(JOB, 2)).extracting(LoggedPing::id).containsExactly("p2", "p1");
        assertThat(store.loggedPings(JOB, 10).get(0).ping().userAgent()).isEqualTo("curl/8");
        assertThat(new String(store.attachment(JOB, "p1").orElseThrow().content())).isEqualTo("line 1");
        assertThat(production().pings()).isEqualTo(3);
        assertThat(store.loggedPings(JOB, 10).get(0).ping()).satisfies(p -> {
            assertThat(p.n()).isEqualTo(3);
            assertThat(p.hasBody()).isTrue();
        });
    }

    @Test
    void aRunsEndAndStartPings_readBackWithTheirNumbers() {
        seedDue(JOB, "production", T0);
        Ping start = new Ping(PingKind.START, null, "GET", "curl/8", "192.0.2.1", "http", null).numbered(1, true);
        Ping end = new Ping(PingKind.FAIL, 3, "POST", "runitor", "192.0.2.2", "https", null).numbered(2, false);
        CheckIn run = TestData.inProgress(JOB, "production", "run-1", T0, T0.plusSeconds(60)).withPing(start)
                .withStatus(dev.cronwatch.core.monitor.CheckInStatus.ERROR, 5_000L, null, T0.plusSeconds(5)).endedBy(end);
        assertThat(store.commit(new Changes(null, production(), List.of(run), List.of(), null, List.of()))).isTrue();

        CheckIn read = store.checkIn(JOB, "run-1").orElseThrow();
        assertThat(read.ping()).isEqualTo(end);
        assertThat(read.startPing()).isEqualTo(start);
    }

    private MonitorEnvironment production() {
        return store.environments(JOB).stream().filter(e -> e.name().equals("production")).findFirst().orElseThrow();
    }

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
        if (!(store instanceof InMemoryMonitorStore)) {
            assertThatThrownBy(() -> store.incidents(OTHER, first.nextCursor(), 2)).isInstanceOf(InvalidCursorException.class);
            store.commit(new Changes(null, null, List.of(TestData.checkIn(JOB, "production", "c1", T0),
                    TestData.checkIn(JOB, "production", "c2", T0.plusSeconds(1))), List.of(), null, List.of()));
            String checkInsCursor = store.checkIns(JOB, null, null, 1).nextCursor();
            assertThatThrownBy(() -> store.incidents(JOB, checkInsCursor, 2)).isInstanceOf(InvalidCursorException.class);
        }
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
        store.commit(TestData.counted(store, new Changes(TestData.monitor(JOB), env, List.of(checkIn),
                List.of(TestData.incident(JOB, "i1", T0)), TestData.error(JOB, "e1", T0),
                List.of(TestData.alert(JOB, "i1", T0)))));
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
        if (!(store instanceof InMemoryMonitorStore)) {
            assertThatThrownBy(() -> store.checkIns(OTHER, null, cursor, 1)).isInstanceOf(InvalidCursorException.class);
        }
    }

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
        assertThat(store.organizationMonitors("acme", T0).monitors()).isEqualTo(5);
        assertThat(store.organizationMonitors("globex", T0).monitors()).isEqualTo(1);
        assertThat(store.organizationMonitors("nobody", T0).monitors()).isZero();
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
}
