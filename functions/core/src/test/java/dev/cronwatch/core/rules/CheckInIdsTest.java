package dev.cronwatch.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** docs/spec.md §7.2: a new run's id is the random UUID it was made from (PIT's last survivor in rules). */
class CheckInIdsTest {

    @Test
    void newRunIsNamedByTheRandomUuidItWasGiven() {
        UUID random = UUID.fromString("9f8c4a1e-0000-4000-8000-00000000002a");
        assertThat(CheckInIds.newRun(() -> random)).isEqualTo("9f8c4a1e-0000-4000-8000-00000000002a");
    }
}
