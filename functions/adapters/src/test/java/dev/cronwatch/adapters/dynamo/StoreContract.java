package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** What the contracts of the table's ports share: a fresh store per test, and the data they seed. */
abstract class StoreContract {
    static final MonitorKey JOB = new MonitorKey("acme", "job");
    static final MonitorKey OTHER = new MonitorKey("acme", "other");

    WholeStore store;

    abstract WholeStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }


    void seedDue(MonitorKey key, String env, Instant dueAt) {
        Monitor monitor = store.monitor(key).orElse(null);
        boolean created = store.commit(changes(monitor == null ? TestData.monitor(key) : null,
                TestData.environment(key, env, dueAt), List.of()));
        assertThat(created).isTrue();
    }

    /** A new monitor among them is counted in its organization's counter, as every create path does. */
    Changes changes(Monitor monitor, MonitorEnvironment env, List<CheckIn> checkIns) {
        return TestData.counted(store, new Changes(monitor, env, checkIns, List.of(), null, List.of()));
    }

    static Monitor atVersion(Monitor m, long version) {
        return new Monitor(m.key(), m.id(), m.projectId(), m.name(), m.status(), m.muted(), m.config(),
                m.dateCreated(), m.environments(), m.lastSequence(), m.pendingReschedule(), m.ping(), m.ordinal(),
                version);
    }

    static MonitorEnvironment atVersion(MonitorEnvironment e, long version) {
        return new MonitorEnvironment(e.monitor(), e.name(), e.status(), e.muted(), e.dateCreated(), e.lastCheckIn(),
                e.lastOk(), e.nextCheckIn(), e.nextCheckInLatest(), e.activeIncident(), e.recent(), e.rateMinute(),
                e.rateCount(), e.lastSequence(), e.pings(), e.lateness(), e.ordinal(), version);
    }
}
