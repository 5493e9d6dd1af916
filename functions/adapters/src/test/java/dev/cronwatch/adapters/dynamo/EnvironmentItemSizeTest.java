package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The largest environment the rules can produce must stay well inside DynamoDB's 400 KB item limit. */
class EnvironmentItemSizeTest {
    @Test
    void largestEnvironment_fitsInOneItem_withRoomToSpare() {
        String longName = "e".repeat(MonitorEnvironment.MAX_NAME_LENGTH);
        MonitorKey key = new MonitorKey("o".repeat(50), "s".repeat(50));
        int keepFinished = MonitorConfig.MAX_THRESHOLD;
        MonitorEnvironment env = TestData.environment(key, longName, T0.plusSeconds(60));
        for (int i = 0; i < keepFinished + 100; i++) {
            env = env.withCheckIn(finished(key, longName, i), keepFinished);
        }
        for (int i = 0; i < MonitorEnvironment.MAX_OPEN_RUNS + 10; i++) {
            env = env.withCheckIn(TestData.inProgress(key, longName, UUID.randomUUID().toString(),
                    T0.plus(Duration.ofHours(1000 + i)), T0.plus(Duration.ofDays(28))), keepFinished);
        }
        env = env.withApplied("1".repeat(40)).withMuted(true);
        assertThat(env.recent()).hasSize(keepFinished + MonitorEnvironment.MAX_OPEN_RUNS);

        int bytes = Documents.environment(env).getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("[size] largest environment document: %d bytes (%d check-ins in recent)%n",
                bytes, env.recent().size());
        assertThat(bytes).isLessThan(300 * 1024);

        DynamoDbClient client = DynamoDbLocalFixture.client();
        WholeStore store = DynamoWholeStore.on(client, DynamoDbLocalFixture.newTable(client));
        assertThat(store.commit(TestData.counted(store,
                new Changes(TestData.monitor(key), env, List.of(), List.of(), null, List.of())))).isTrue();
        assertThat(store.load(key, longName).environment().recent()).isEqualTo(env.recent());
    }

    private static CheckIn finished(MonitorKey key, String env, int i) {
        return new CheckIn(UUID.randomUUID().toString(), key, "1", env, CheckInStatus.ERROR,
                T0.plus(Duration.ofMinutes(i)).plusNanos(123_456_789), T0.plus(Duration.ofMinutes(i + 1)),
                2_147_483_647L, T0.plus(Duration.ofMinutes(i)), null);
    }
}
