package dev.cronwatch.adapters.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.Scenario;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.ProcessorService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real processor and clock services run the same story twice, on the in-memory store and on
 * DynamoDB Local; after every step everything either store can tell must be the same, and the story's
 * outcome is asserted on the DynamoDB side.
 */
class ServicesOnDynamoTest {
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client();
    private static final MonitorKey JOB = new MonitorKey(Scenario.ORG, "job");

    @Test
    void heartbeat_keepsTheMonitorOk_andPushesTheDeadline() {
        Twins t = new Twins(Scenario.crontab("0 * * * *"));
        t.send("ok", "2020-01-01T10:00:05Z");
        t.tickEveryMinute("2020-01-01T10:00:00Z", "2020-01-01T11:00:00Z");
        t.send("ok", "2020-01-01T11:00:07Z");
        t.tickEveryMinute("2020-01-01T11:00:00Z", "2020-01-01T11:03:00Z");

        MonitorEnvironment env = t.dynamoEnv();
        assertThat(env.status()).isEqualTo(EnvironmentStatus.OK);
        assertThat(env.nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T12:00:00Z"));
        assertThat(t.dynamo.checkIns(JOB, null, null, 10).items()).extracting(CheckIn::status)
                .containsExactly(CheckInStatus.OK, CheckInStatus.OK);
        assertThat(t.dynamoPublisher.published()).isEmpty();
    }

    @Test
    void miss_isDatedAtItsDeadline_opensAnIncident_andRecoveryResolvesIt() {
        Twins t = new Twins(Scenario.crontab("0 * * * *"));
        t.send("ok", "2020-01-01T10:00:00Z");
        t.tickEveryMinute("2020-01-01T10:00:00Z", "2020-01-01T11:05:00Z");

        assertThat(t.dynamoEnv().status()).isEqualTo(EnvironmentStatus.ERROR);
        CheckIn missed = t.dynamo.checkIns(JOB, null, null, 1).items().get(0);
        assertThat(missed.status()).isEqualTo(CheckInStatus.MISSED);
        assertThat(missed.dateAdded()).isEqualTo(Instant.parse("2020-01-01T11:00:00Z"));
        assertThat(t.dynamo.incidents(JOB, null, 10_000).items()).singleElement().satisfies(i -> assertThat(i.isOpen()).isTrue());
        assertThat(t.dynamoPublisher.published()).extracting(PendingAlert::type).containsExactly(AlertType.OPENED);

        t.send("ok", "2020-01-01T11:30:00Z");

        assertThat(t.dynamoEnv().status()).isEqualTo(EnvironmentStatus.OK);
        assertThat(t.dynamo.incidents(JOB, null, 10_000).items()).singleElement().satisfies(i -> assertThat(i.isOpen()).isFalse());
        assertThat(t.dynamoPublisher.published()).extracting(PendingAlert::type)
                .containsExactly(AlertType.OPENED, AlertType.RESOLVED);
        assertThat(t.dynamo.alertsDue(Instant.parse("2020-01-02T00:00:00Z"), 10)).isEmpty();
    }

    @Test
    void runThatNeverEnds_timesOut() {
        Twins t = new Twins(Scenario.crontab("0 * * * *", "max_runtime", 5));
        t.send("in_progress", "2020-01-01T10:00:00Z");
        t.tickEveryMinute("2020-01-01T10:00:00Z", "2020-01-01T10:07:00Z");
        assertThat(t.dynamo.checkIns(JOB, null, null, 10).items()).extracting(CheckIn::status)
                .containsExactly(CheckInStatus.TIMEOUT);
        assertThat(t.dynamoEnv().status()).isEqualTo(EnvironmentStatus.ERROR);
    }

    @Test
    void rateLimitedCheckIns_becomeProcessingErrors_andRedeliveriesChangeNothing() {
        Twins t = new Twins(Scenario.crontab("* * * * *"));
        for (int i = 0; i < 8; i++) t.send("ok", "2020-01-01T10:00:0" + i + "Z");
        t.apply(t.message("redelivered", "ok", "2020-01-01T10:00:09Z"));
        t.redeliverLast();

        assertThat(t.dynamo.processingErrors(JOB, Instant.parse("2020-01-01T10:01:00Z")))
                .as("the minute's three drops, counted in one error").singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo(ProcessingErrorType.MONITOR_ENVIRONMENT_RATELIMITED);
                    assertThat(e.count()).isEqualTo(3);
                });
        assertThat(t.dynamo.checkIns(JOB, null, null, 10_000).items()).hasSize(6);
    }

    /**
     * The clock down for two hours over a monitor expecting a check-in every minute: 119 slots to
     * judge. One tick writes the newest 60 one by one and the 59 before them as one check-in that
     * stands for them (61 check-ins, well within a DynamoDB transaction's 100 items), stored and read
     * back with its count on both stacks, in the check-in and among the environment's recent runs
     * (a threshold of 100 keeps them all); the threshold counts its 59, so the incident opens at the
     * 41st single miss. One incident, one alert, nothing left due.
     */
    @Test
    void slotsMissedWhileTheClockWasDownForTwoHours_areJudgedInOneTick_theOlderOnesAsOneCheckIn() {
        Twins t = new Twins(Scenario.crontab("* * * * *", "failure_issue_threshold", 100));
        t.send("ok", "2020-01-01T10:00:05Z");

        t.tick("2020-01-01T12:00:00Z");

        List<Instant> newest = new ArrayList<>();
        for (Instant slot = Instant.parse("2020-01-01T11:00:00Z"); slot.isBefore(Instant.parse("2020-01-01T12:00:00Z"));
             slot = slot.plusSeconds(60)) {
            newest.add(slot);
        }
        List<Instant> expected = new ArrayList<>(List.of(Instant.parse("2020-01-01T10:01:00Z")));
        expected.addAll(newest);
        assertThat(t.missedSlots()).containsExactlyElementsOf(expected);
        CheckIn gap = t.dynamo.checkIns(JOB, null, null, 1000).items().stream()
                .filter(c -> c.dateAdded().equals(Instant.parse("2020-01-01T10:01:00Z"))).findFirst().orElseThrow();
        assertThat(gap.slots()).isEqualTo(59);
        assertThat(t.dynamoEnv().recent()).contains(gap);
        assertThat(t.dynamo.findDue(Instant.parse("2020-01-01T12:00:00Z"), null, 10).items()).as("nothing left due").isEmpty();
        assertThat(t.dynamo.incidents(JOB, null, 10_000).items()).singleElement().satisfies(i -> {
            assertThat(i.dateStarted()).isEqualTo(Instant.parse("2020-01-01T10:01:00Z"));
            assertThat(i.failureReason()).isEqualTo("100 missed check-ins detected");
        });
        assertThat(t.dynamoPublisher.published()).extracting(PendingAlert::type).containsExactly(AlertType.OPENED);
        assertThat(t.dynamoEnv().nextCheckIn()).isEqualTo(Instant.parse("2020-01-01T12:00:00Z"));
    }

    /** Two stacks fed the same messages and ticks, compared after each step. */
    private static final class Twins {
        final InMemoryMonitorStore memory = new InMemoryMonitorStore();
        final WholeStore dynamo = DynamoWholeStore.on(CLIENT, DynamoDbLocalFixture.newTable(CLIENT));
        final RecordingPublisher memoryPublisher = new RecordingPublisher();
        final RecordingPublisher dynamoPublisher = new RecordingPublisher();
        final ManualClock clock = ManualClock.at("2020-01-01T00:00:00Z");
        final Map<String, Object> config;
        final List<Stack> stacks;
        int sequence;

        Twins(Map<String, Object> config) {
            this.config = config;
            this.stacks = List.of(new Stack(memory, memoryPublisher, clock), new Stack(dynamo, dynamoPublisher, clock));
        }

        CheckInMessage message(String messageId, String status, String at) {
            String checkInId = UUID.nameUUIDFromBytes(messageId.getBytes()).toString();
            return new CheckInMessage(messageId, JOB, Scenario.PROJECT, checkInId, true, CheckInStatus.fromWire(status),
                    null, null, config, Instant.parse(at));
        }

        void send(String status, String at) {
            apply(message("m" + (++sequence), status, at));
        }

        void apply(CheckInMessage message) {
            clock.set(message.receivedAt());
            List<Object> kinds = new ArrayList<>();
            for (Stack s : stacks) {
                s.queue.send(message, message.messageId());
                kinds.add(s.work());
            }
            assertThat(kinds.get(1)).isEqualTo(kinds.get(0));
            assertSame();
        }

        /** SQS delivering the last message again, to both stacks. */
        void redeliverLast() {
            List<Object> kinds = new ArrayList<>();
            for (Stack s : stacks) kinds.add(s.processor.apply(s.last.message(), s.last.sequence()).kind());
            assertThat(kinds.get(1)).isEqualTo(kinds.get(0));
            assertSame();
        }

        void tickEveryMinute(String from, String to) {
            for (Instant at = Instant.parse(from).plusSeconds(60); !at.isAfter(Instant.parse(to)); at = at.plusSeconds(60)) {
                tick(at.toString());
            }
        }

        /** One tick of the clock at {@code at}, its judgements worked off, on both stacks. */
        void tick(String minute) {
            Instant at = Instant.parse(minute);
            clock.set(at);
            List<Object> results = new ArrayList<>();
            for (Stack s : stacks) {
                ClockService.TickResult r = s.clock.tick(at);
                assertThat(r.failures()).isEmpty();
                results.add(List.of(r.due(), r.queued(), r.judgedHere().size(), s.work()));
            }
            assertThat(results.get(1)).as("tick at %s", at).isEqualTo(results.get(0));
            assertSame();
        }

        /** The slots missed, oldest first, each as often as it was missed. */
        List<Instant> missedSlots() {
            return dynamo.checkIns(JOB, null, null, 1000).items().stream()
                    .filter(c -> c.status() == CheckInStatus.MISSED).map(CheckIn::dateAdded).sorted().toList();
        }

        MonitorEnvironment dynamoEnv() {
            return dynamo.environments(JOB).get(0);
        }

        void assertSame() {
            Instant now = clock.instant();
            assertThat(dynamo.monitor(JOB)).isEqualTo(memory.monitor(JOB));
            assertThat(sorted(dynamo.environments(JOB))).isEqualTo(sorted(memory.environments(JOB)));
            assertThat(dynamo.checkIns(JOB, null, null, 1000).items())
                    .isEqualTo(memory.checkIns(JOB, null, null, 1000).items());
            assertThat(dynamo.incidents(JOB, null, 10_000).items()).isEqualTo(memory.incidents(JOB, null, 10_000).items());
            assertThat(dynamo.processingErrors(JOB, now)).isEqualTo(memory.processingErrors(JOB, now));
            assertThat(dynamo.alertsDue(now.plusSeconds(3600), 100)).isEqualTo(memory.alertsDue(now.plusSeconds(3600), 100));
            assertThat(dynamoPublisher.published()).isEqualTo(memoryPublisher.published());
            assertThat(dynamo.nextDeadlineAfter(now)).isEqualTo(memory.nextDeadlineAfter(now));
        }

        private static List<MonitorEnvironment> sorted(List<MonitorEnvironment> envs) {
            return envs.stream().sorted(Comparator.comparing(MonitorEnvironment::name)).toList();
        }
    }

    private static final class Stack {
        final WholeStore store;
        final RecordingQueue queue;
        final ProcessorService processor;
        final ClockService clock;
        RecordingQueue.Delivery last;

        Stack(WholeStore store, RecordingPublisher publisher, ManualClock clock) {
            this.store = store;
            this.queue = new RecordingQueue(clock);
            AlertDispatcher alerts = new AlertDispatcher(store, publisher, clock);
            this.processor = new ProcessorService(store, new CheckInRules(6, 10_000), alerts, clock);
            this.clock = new ClockService(store, queue, processor, alerts, clock, java.time.Duration.ofMinutes(15),
                    java.time.Duration.ofSeconds(30));
        }

        /** Applies what is queued; the kinds of outcome, in order. */
        List<ProcessorService.MessageOutcome.Kind> work() {
            List<ProcessorService.MessageOutcome.Kind> kinds = new ArrayList<>();
            for (RecordingQueue.Delivery d : queue.takeAll()) {
                kinds.add(processor.apply(d.message(), d.sequence()).kind());
                last = d;
            }
            return kinds;
        }
    }
}
