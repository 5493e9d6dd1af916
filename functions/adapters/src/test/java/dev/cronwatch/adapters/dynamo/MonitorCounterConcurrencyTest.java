package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.OrganizationMonitors;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ProcessorService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Creates of one organization commute: each adds to the organization's counter under the limits, not
 * at the version it read, so creates in parallel (the processor's lanes, the API) each land at their
 * first commit, and the limits still hold when they race.
 */
class MonitorCounterConcurrencyTest {
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client();
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final int CREATES = 16;

    final String table = DynamoDbLocalFixture.newTable(CLIENT);
    final DynamoDecisionStore store = new DynamoDecisionStore(CLIENT, table, 90);

    @Test
    void parallelCreatesOfOneOrganization_eachLandAtTheirFirstCommit_andCountOnce() throws Exception {
        store.commit(Changes.created(TestData.monitor(new MonitorKey("acme", "first")),
                store.organizationMonitors("acme", T0).created(1_000, 1_000)));
        OrganizationMonitors read = store.organizationMonitors("acme", T0);

        List<Boolean> firstCommits = inParallel(CREATES, i -> store.commit(Changes.created(
                TestData.monitor(new MonitorKey("acme", "job-" + i)), read.created(1_000, 1_000))));

        assertThat(firstCommits).as("every create at its first commit, on the same read of the counter")
                .containsOnly(true).hasSize(CREATES);
        assertThat(store.organizationMonitors("acme", T0)).extracting(OrganizationMonitors::monitors,
                OrganizationMonitors::createdInMinute).containsExactly((long) CREATES + 1, CREATES + 1);
    }

    @Test
    void parallelCheckInsAtTheCap_createUpToIt_andTheNextIsRefused() throws Exception {
        ManualClock clock = new ManualClock(T0);
        ProcessorService processor = new ProcessorService(store, new CheckInRules(6, CREATES, 1_000, 100),
                new AlertDispatcher(new DynamoAlertOutbox(CLIENT, table), new RecordingPublisher(), clock), clock);

        List<ProcessorService.MessageOutcome> outcomes = inParallel(CREATES + 1, i -> processor.apply(
                new CheckInMessage("m" + i, new MonitorKey("acme", "job-" + i), "1", UUID.randomUUID().toString(), false,
                        CheckInStatus.OK, null, null, Map.of("schedule", "0 * * * *"), T0.plusSeconds(i)),
                String.format("%05d", i)));

        assertThat(outcomes).extracting(ProcessorService.MessageOutcome::kind).filteredOn(
                ProcessorService.MessageOutcome.Kind.APPLIED::equals).hasSize(CREATES);
        assertThat(outcomes).filteredOn(o -> o.kind() == ProcessorService.MessageOutcome.Kind.REJECTED).singleElement()
                .satisfies(o -> assertThat(o.changes().processingError().type())
                        .isEqualTo(ProcessingErrorType.MONITOR_LIMIT_EXCEEDED));
        assertThat(store.organizationMonitors("acme", T0).monitors()).isEqualTo(CREATES);
    }

    interface Indexed<T> {
        T call(int i) throws Exception;
    }

    /** Runs {@code n} calls at once, released together, and returns their results in order. */
    private static <T> List<T> inParallel(int n, Indexed<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> running = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                running.add(threads.submit((Callable<T>) () -> {
                    start.await();
                    return call.call(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : running) results.add(f.get());
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
