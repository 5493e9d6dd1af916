package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The alert outbox ({@link dev.cronwatch.core.port.AlertOutbox}). Run against every
 * implementation: the in-memory fake the core tests use is the reference, and DynamoDB must behave the same way.
 */
abstract class AlertOutboxContract extends StoreContract {
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
}
