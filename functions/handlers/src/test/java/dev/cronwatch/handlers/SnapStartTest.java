package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.aws.Connections;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.handlers.http.HttpRoutes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 29: SnapStart's hooks. Every copy of a function restored from one snapshot starts with the
 * same memory, its random generator's state included; the restore hook must make them part ways.
 */
class SnapStartTest {

    @Test
    void twoCopiesRestoredFromOneSnapshotMintDifferentIds() throws Exception {
        // Without the restore hook, two copies of one generator state mint the same ids: what a snapshot does.
        assertThat(copyOfTheSnapshot().ports().ids().get()).isEqualTo(copyOfTheSnapshot().ports().ids().get());

        Wiring first = copyOfTheSnapshot();
        hooksOf(first).afterRestore(null);
        Wiring second = copyOfTheSnapshot();
        hooksOf(second).afterRestore(null);

        UUID one = first.ports().ids().get();
        UUID other = second.ports().ids().get();
        assertThat(one).isNotEqualTo(other);
        assertThat(one.version()).isEqualTo(4);
        assertThat(one.variant()).isEqualTo(2);
    }

    @Test
    void primingBeforeTheCheckpointQueuesNothingAndCountsNothing() {
        InMemorySystem system = InMemorySystem.seeded();
        for (HttpRoutes routes : List.of(HttpRoutes.all(system.ingest(), system.management()),
                HttpRoutes.ingest(system.ingest()), HttpRoutes.management(system.management()))) {
            new HttpApiHandler(routes, system.metrics).prime(); // throws if a sample request is not one the routes take
        }

        assertThat(system.queue.isEmpty()).isTrue();
        assertThat(system.queue.messages()).isEmpty();
        assertThat(system.metrics.values()).isEmpty();
        assertThat(system.store.organizationMonitors("snapstart-priming", Instant.EPOCH).monitors()).isZero();
    }

    @Test
    void aFailedPrimingStillLetsTheSnapshotBeTaken() {
        new CheckpointHooks(() -> {
            throw new IllegalStateException("DynamoDB unreachable at the checkpoint");
        }, () -> {
        }).beforeCheckpoint(null);
    }

    /** The restore hook the Lambda constructors register: {@link Wiring#afterRestore}. */
    private static CheckpointHooks hooksOf(Wiring wiring) {
        return new CheckpointHooks(() -> {
        }, wiring::afterRestore);
    }

    /** A process as the snapshot holds it: its generator's state fixed (SHA1PRNG seeded before any output). */
    private static Wiring copyOfTheSnapshot() throws NoSuchAlgorithmException {
        SecureRandom snapshotState = SecureRandom.getInstance("SHA1PRNG");
        snapshotState.setSeed("the state at the checkpoint".getBytes(StandardCharsets.UTF_8));
        DynamoDbClient unused = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
        return Wiring.builder(Settings.forTable("us-east-1", "snapshot", null), Clock.systemUTC())
                .connections(Connections.of(unused, null, null)).entropy(new Entropy(snapshotState)).build();
    }
}
