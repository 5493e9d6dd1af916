package dev.cronwatch.handlers;

import dev.cronwatch.adapters.alert.AlertRenderer;
import dev.cronwatch.adapters.aws.Connections;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.dynamo.DynamoStores;
import dev.cronwatch.adapters.metrics.EmfMetrics;
import dev.cronwatch.adapters.sns.SnsAlertPublisher;
import dev.cronwatch.adapters.sqs.DeadLetterQueue;
import dev.cronwatch.adapters.sqs.SqsCheckInQueue;
import dev.cronwatch.adapters.sqs.SqsDeadLetterQueue;
import dev.cronwatch.adapters.sqs.SqsShardTicks;
import dev.cronwatch.core.port.AlertPublisher;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.port.ShardTicks;
import dev.cronwatch.handlers.usecases.Limits;
import dev.cronwatch.handlers.usecases.Ports;
import java.time.Clock;
import java.time.Duration;
import java.security.SecureRandom;

/**
 * The composition root: from settings, a clock and (optionally) an alert publisher, the adapters of
 * one process ({@link Ports}), built once; each function builds its use cases from them. The Lambda functions take {@link #instance()}, made from the
 * environment and the system clock (the only real clock of cronwatch). Local mode, the operator's
 * commands and the benchmarks build their own through {@link #builder}, giving what they have
 * instead: in-process emulators' clients, the console publisher, a manual clock.
 *
 * <p>Clients a process does not use are never built (each costs start-up time): the adapters ask
 * {@link Connections} for theirs at their first call.
 */
public final class Wiring {
    private final Settings settings;
    private final Ports ports;
    private final DeadLetterQueue deadLetters;
    private final ProcessorEvents processorEvents;
    private final Connections connections;
    private final Entropy entropy;

    private Wiring(Builder b) {
        settings = b.settings;
        connections = b.connections != null ? b.connections : Connections.forSettings(settings);
        entropy = b.entropy != null ? b.entropy : new Entropy(new SecureRandom());
        CheckInQueue queue = b.queue != null ? b.queue : new SqsCheckInQueue(connections::sqs, settings.queueUrl());
        AlertPublisher publisher = b.publisher != null ? b.publisher
                : new SnsAlertPublisher(connections::sns, settings.topicArn(), new AlertRenderer(settings.publicUrl()));
        // standard output: Lambda sends each line to CloudWatch Logs, which reads the metrics in it
        Metrics metrics = b.metrics != null ? b.metrics : new EmfMetrics(b.clock, settings.stackName(),
                System.getenv(Settings.APPLICATION_LOG_LEVEL), System.out::println);
        deadLetters = new SqsDeadLetterQueue(connections::sqs, settings.deadLetterQueueUrl());
        ports = new Ports(
                DynamoStores.on(connections.dynamoDb(), settings.tableName(), settings.retentionDays(),
                        settings.dueIndexShards()),
                DynamoStores.tenants(connections.dynamoDb(), settings.tableName()),
                queue, publisher, b.clock, entropy, entropy,
                new Limits(settings.rateLimitPerMinute(), settings.maxMonitorsPerOrganization(),
                        settings.maxNewMonitorsPerMinute(), settings.maxEnvironmentsPerMonitor(),
                        Duration.ofMinutes(settings.maxJudgementDelayMinutes())),
                metrics);
        processorEvents = b.processorEvents != null ? b.processorEvents : new ProcessorMetrics(metrics, b.clock);
    }

    public static Builder builder(Settings settings, Clock clock) {
        return new Builder(settings, clock);
    }

    /** The process-wide instance the Lambda functions' no-argument constructors use. */
    public static Wiring instance() {
        return Holder.INSTANCE;
    }

    public Settings settings() {
        return settings;
    }

    /** The clients, for what a SnapStart checkpoint builds ahead of the first request. */
    public Connections connections() {
        return connections;
    }

    /**
     * After a SnapStart restore: what every copy of the snapshot would otherwise share. The random
     * generator is reseeded and the AWS credentials resolved anew. Time needs nothing: every clock read
     * is {@link Clock#systemUTC()} at that moment, and the memo of DSN keys and tokens (filled by the
     * priming with a miss) expires by that clock.
     */
    public void afterRestore() {
        entropy.reseed();
        connections.afterRestore();
    }

    /** What each function builds its own use cases from ({@code IngestServices.of(ports())}, ...). */
    public Ports ports() {
        return ports;
    }

    /** Where the clock's dispatcher sends each shard's tick: the shard queue its settings name. */
    public ShardTicks shardTicks() {
        return new SqsShardTicks(connections::sqs, settings.clockShardQueueUrl());
    }

    public DeadLetterQueue deadLetters() {
        return deadLetters;
    }

    /** Who hears what the processor did with each message: the metrics, unless the builder was told otherwise. */
    public ProcessorEvents processorEvents() {
        return processorEvents;
    }

    /** What a process gives instead of what its settings would build; each is optional. */
    public static final class Builder {
        private final Settings settings;
        private final Clock clock;
        private Connections connections;
        private AlertPublisher publisher;
        private CheckInQueue queue;
        private Metrics metrics;
        private ProcessorEvents processorEvents;
        private Entropy entropy;

        private Builder(Settings settings, Clock clock) {
            this.settings = settings;
            this.clock = clock;
        }

        /** The clients to use; by default built from the settings (AWS, or the emulators they name). */
        public Builder connections(Connections given) {
            this.connections = given;
            return this;
        }

        /** Where alerts go; by default the settings' SNS topic. */
        public Builder publisher(AlertPublisher given) {
            this.publisher = given;
            return this;
        }

        /** Where check-ins and judgements are queued; by default the settings' FIFO queue. */
        public Builder queue(CheckInQueue given) {
            this.queue = given;
            return this;
        }

        /** Where figures go; by default CloudWatch's embedded metric format on standard output. */
        public Builder metrics(Metrics given) {
            this.metrics = given;
            return this;
        }

        /** Who hears each message the processor applied; by default {@link ProcessorMetrics}. */
        public Builder processorEvents(ProcessorEvents given) {
            this.processorEvents = given;
            return this;
        }

        /** Where ids and secrets come from; by default a new SecureRandom. */
        public Builder entropy(Entropy given) {
            this.entropy = given;
            return this;
        }

        public Wiring build() {
            return new Wiring(this);
        }
    }

    private static final class Holder {
        static final Wiring INSTANCE = builder(Settings.fromEnvironment(), Clock.systemUTC()).build();
    }
}
