package dev.cronwatch.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure an alert names (docs/spec.md §12.1). */
class AlertComposerTest {

    private static CheckIn checkIn(CheckInStatus status) {
        return new CheckIn("id-" + status, new MonitorKey("a", "b"), "1", "production", status,
                Instant.EPOCH, Instant.EPOCH, null, null, null);
    }

    @Test
    void describesFailuresInOrderOfFirstAppearance() {
        assertThat(FailureReason.describe(List.of(checkIn(CheckInStatus.ERROR))))
                .isEqualTo("An error check-in was detected");
        assertThat(FailureReason.describe(List.of(checkIn(CheckInStatus.MISSED))))
                .isEqualTo("A missed check-in was detected");
        assertThat(FailureReason.describe(List.of(checkIn(CheckInStatus.TIMEOUT))))
                .isEqualTo("A timeout check-in was detected");
        assertThat(FailureReason.describe(List.of(checkIn(CheckInStatus.MISSED), checkIn(CheckInStatus.ERROR))))
                .isEqualTo("1 missed and 1 error check-ins detected");
        assertThat(FailureReason.describe(List.of(checkIn(CheckInStatus.ERROR), checkIn(CheckInStatus.MISSED),
                checkIn(CheckInStatus.TIMEOUT), checkIn(CheckInStatus.ERROR))))
                .isEqualTo("2 error, 1 missed and 1 timeout check-ins detected");
    }
}
