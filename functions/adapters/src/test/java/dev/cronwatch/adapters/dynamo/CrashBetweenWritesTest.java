package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cronwatch.adapters.aws.Failures;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.core.service.ProcessorService.MessageOutcome.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A common check-in is two plain writes: the check-in item, then the environment (the commit point).
 * Here the processor dies between them, once, on DynamoDB Local: the check-in item is written, the
 * environment is not. The queue delivers the message again, and it must come to exactly one check-in
 * item and the environment it should have had, as if nothing had happened.
 */
class CrashBetweenWritesTest {
    private static final DiesBeforeAPut DEATH = new DiesBeforeAPut();
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client(DEATH);
    private static final MonitorKey JOB = new MonitorKey(Scenario.ORG, "job");

    /** Fails the n-th PutItem from the moment it is armed, once, before it is sent. */
    static final class DiesBeforeAPut implements ExecutionInterceptor {
        private int failAt;
        private int puts;

        synchronized void failPutNumber(int n) {
            failAt = n;
            puts = 0;
        }

        @Override
        public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (failAt > 0 && context.request() instanceof PutItemRequest && ++puts == failAt) {
                failAt = 0;
                throw SdkClientException.create("the processor died here");
            }
        }
    }

    private final WholeStore store = DynamoWholeStore.on(CLIENT, DynamoDbLocalFixture.newTable(CLIENT));
    private final ManualClock clock = ManualClock.at("2020-01-01T10:00:00Z");
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final ProcessorService processor = new ProcessorService(store, new CheckInRules(6, 10_000),
            new AlertDispatcher(store, publisher, clock), clock);

    private CheckInMessage message(String id, String checkInId, boolean latest, String status, String at) {
        clock.set(Instant.parse(at));
        return new CheckInMessage(id, JOB, Scenario.PROJECT, checkInId, latest, CheckInStatus.fromWire(status), null,
                null, Scenario.crontab("0 * * * *"), Instant.parse(at));
    }

    private List<CheckIn> checkIns() {
        return store.checkIns(JOB, null, null, 100).items();
    }

    private MonitorEnvironment env() {
        return store.environments(JOB).get(0);
    }

    /** The processor dies between the two writes of {@code message}; the queue delivers it twice more. */
    private void diesBetweenTheWrites_thenIsDeliveredAgain(CheckInMessage message, String sequence) {
        DEATH.failPutNumber(2);
        Throwable died = catchThrowable(() -> processor.apply(message, sequence));
        assertThat(died).as("the processor died").isNotNull();
        assertThat(Failures.isTransient(died)).as("retried by the queue without counting against the message").isTrue();
        assertThat(processor.apply(message, sequence).kind()).as("the redelivery").isEqualTo(Kind.APPLIED);
        assertThat(processor.apply(message, sequence).kind()).as("a third delivery").isEqualTo(Kind.DUPLICATE);
        assertThat(env().lastSequence()).isEqualTo(sequence);
    }

    @Test
    void aHeartbeat_isOneCheckInItem_andTheEnvironmentMovesOn() {
        processor.apply(message("m1", "00000000-0000-4000-8000-000000000001", true, "ok", "2020-01-01T10:00:05Z"), "1");
        CheckInMessage heartbeat = message("m2", "00000000-0000-4000-8000-000000000002", true, "ok", "2020-01-01T11:00:02Z");

        DEATH.failPutNumber(2);
        assertThat(catchThrowable(() -> processor.apply(heartbeat, "2"))).isNotNull();
        assertThat(checkIns()).as("the check-in item was written").hasSize(2);
        assertThat(env().lastSequence()).as("the environment was not").isEqualTo("1");
        assertThat(env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T11:00:00Z"));

        assertThat(processor.apply(heartbeat, "2").kind()).isEqualTo(Kind.APPLIED);
        assertThat(processor.apply(heartbeat, "2").kind()).isEqualTo(Kind.DUPLICATE);
        assertThat(checkIns()).extracting(CheckIn::id).containsExactly(heartbeat.checkInId(), "00000000-0000-4000-8000-000000000001");
        MonitorEnvironment env = env();
        assertThat(env.lastSequence()).isEqualTo("2");
        assertThat(env.lastCheckIn()).isEqualTo(Instant.parse("2020-01-01T11:00:02Z"));
        assertThat(env.nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T12:00:00Z"));
        assertThat(env.nextCheckInLatest()).isEqualTo(Instant.parse("2020-01-01T12:01:00Z"));
        assertThat(env.recent()).extracting(CheckIn::id).containsExactly("00000000-0000-4000-8000-000000000001",
                heartbeat.checkInId());
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void theEndOfARun_finishesTheOneRun() {
        String run = "00000000-0000-4000-8000-00000000000a";
        processor.apply(message("m1", run, false, "in_progress", "2020-01-01T10:00:05Z"), "1");
        CheckInMessage finish = message("m2", run, false, "ok", "2020-01-01T10:04:00Z");

        diesBetweenTheWrites_thenIsDeliveredAgain(finish, "2");

        assertThat(checkIns()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(run);
            assertThat(c.status()).isEqualTo(CheckInStatus.OK);
            assertThat(c.durationMs()).isEqualTo(235_000L);
            assertThat(c.timeoutAt()).isNull();
        });
        assertThat(env().openRuns()).isEmpty();
        assertThat(env().recent()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(CheckInStatus.OK));
        assertThat(env().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T11:00:00Z"));
    }
}
