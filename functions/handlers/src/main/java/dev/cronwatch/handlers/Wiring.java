package dev.cronwatch.handlers;

import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.dynamo.DynamoMonitorStore;
import dev.cronwatch.adapters.dynamo.DynamoTenantDirectory;
import dev.cronwatch.adapters.metrics.EmfMetrics;
import dev.cronwatch.adapters.sns.SnsAlertPublisher;
import dev.cronwatch.adapters.sqs.DeadLetterQueue;
import dev.cronwatch.adapters.sqs.SqsCheckInQueue;
import dev.cronwatch.adapters.sqs.SqsDeadLetterQueue;
import dev.cronwatch.core.alert.AlertRenderer;
import dev.cronwatch.core.port.AlertPublisher;
import dev.cronwatch.core.port.CheckInQueue;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root: settings, clients, adapters and services, built once per process. The only
 * real clock of cronwatch is made here. Clients a function does not use are never built (each costs
 * start-up time): the queue and the topic are reached through lazy holders.
 */
public final class Wiring {
    private final Settings settings;
    private final Services services;
    private final DeadLetterQueue deadLetters;

    public Wiring(Settings settings, Clock clock) {
        this.settings = settings;
        AwsClients clients = settings.dynamoDbEndpoint() == null
                ? AwsClients.forAws(settings.region())
                : AwsClients.forEmulators(settings.region());
        DynamoDbClient dynamo = clients.dynamoDb(settings.dynamoDbEndpoint());
        Supplier<SqsClient> sqs = memoize(() -> clients.sqs(settings.sqsEndpoint()));
        Supplier<SnsClient> sns = memoize(() -> clients.sns(settings.snsEndpoint()));
        Supplier<SqsCheckInQueue> queue = memoize(() -> new SqsCheckInQueue(sqs.get(), settings.queueUrl()));
        Supplier<SnsAlertPublisher> topic = memoize(() -> new SnsAlertPublisher(sns.get(), settings.topicArn(),
                new AlertRenderer(settings.publicUrl())));
        Supplier<SqsDeadLetterQueue> dlq = memoize(() -> new SqsDeadLetterQueue(sqs.get(), settings.deadLetterQueueUrl()));
        CheckInQueue lazyQueue = new CheckInQueue() {
            @Override
            public void send(dev.cronwatch.core.queue.CheckInMessage message, String dedupId) {
                queue.get().send(message, dedupId);
            }

            @Override
            public void judge(java.util.List<dev.cronwatch.core.queue.Judgement> judgements) {
                queue.get().judge(judgements);
            }
        };
        AlertPublisher lazyPublisher = alert -> topic.get().publish(alert);
        this.deadLetters = (body, group, dedupId, reason) -> dlq.get().forward(body, group, dedupId, reason);
        this.services = new Services(
                new DynamoMonitorStore(dynamo, settings.tableName(), settings.retentionDays()),
                new DynamoTenantDirectory(dynamo, settings.tableName()),
                lazyQueue, lazyPublisher, clock, UUID::randomUUID,
                new Services.Limits(settings.rateLimitPerMinute(), settings.maxMonitorsPerOrganization(),
                        java.time.Duration.ofMinutes(settings.maxJudgementDelayMinutes())),
                // standard output: Lambda sends each line to CloudWatch Logs, which reads the metrics in it
                new EmfMetrics(clock, settings.stackName(), System.out::println));
    }

    /** The process-wide instance the Lambda no-argument constructors use. */
    public static Wiring instance() {
        return Holder.INSTANCE;
    }

    /** The services of the process-wide instance, for the handlers' no-argument constructors. */
    public static Services services() {
        return instance().services;
    }

    public DeadLetterQueue deadLetters() {
        return deadLetters;
    }

    public Settings settings() {
        return settings;
    }

    private static <T> Supplier<T> memoize(Supplier<T> factory) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) value = v = factory.get();
                    }
                }
                return v;
            }
        };
    }

    private static final class Holder {
        static final Wiring INSTANCE = new Wiring(Settings.fromEnvironment(), Clock.systemUTC());
    }
}
