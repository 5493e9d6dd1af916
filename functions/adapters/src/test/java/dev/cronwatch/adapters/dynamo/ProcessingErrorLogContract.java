package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.port.InvalidCursorException;
import dev.cronwatch.core.port.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The processing errors, per monitor and per organization ({@link dev.cronwatch.core.port.ProcessingErrorLog}). Run against every
 * implementation: the in-memory fake the core tests use is the reference, and DynamoDB must behave the same way.
 */
abstract class ProcessingErrorLogContract extends StoreContract {
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
        if (store instanceof InMemoryMonitorStore) return; // the fake's cursors are positions: nothing to mix up
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
        if (store instanceof InMemoryMonitorStore) return; // the fake's cursors are positions: no range to leave

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
}
