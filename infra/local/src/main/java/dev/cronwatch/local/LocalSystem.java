package dev.cronwatch.local;

import dev.cronwatch.adapters.dynamo.DynamoMonitorStore;
import dev.cronwatch.adapters.dynamo.DynamoTenantDirectory;
import dev.cronwatch.adapters.dynamo.TableDefinition;
import dev.cronwatch.adapters.sqs.SqsCheckInQueue;
import dev.cronwatch.adapters.sqs.SqsDeadLetterQueue;
import dev.cronwatch.handlers.ClockHandler;
import dev.cronwatch.handlers.HttpApiHandler;
import dev.cronwatch.handlers.ProcessorHandler;
import dev.cronwatch.handlers.Services;
import java.io.PrintStream;
import java.util.UUID;

/**
 * The whole of cronwatch in one JVM: the deployed handler classes wired to in-process emulators, an
 * HTTP gateway, a queue pump and a clock. Closing it stops taking requests, applies what was
 * accepted, and only then stops the emulators.
 */
public final class LocalSystem implements AutoCloseable {
    static final String TABLE = "cronwatch";
    private static final int RETENTION_DAYS = 90;

    private final Emulators emulators;
    private final LocalClock clock;
    private final Notifications notifications;
    private final Services services;
    private final QueuePump pump;
    private final LocalTicker ticker;
    private final LocalGateway gateway;
    private final LocalCredentials credentials;

    public LocalSystem(LocalOptions options, PrintStream console) throws Exception {
        emulators = new Emulators(options.dataDir(), options.inMemory());
        TableDefinition.createIfMissing(emulators.dynamoDb, TABLE);
        clock = options.manualClock() ? LocalClock.manual(options.start()) : LocalClock.system();
        notifications = new Notifications(console, options.webhook());
        services = new Services(
                new DynamoMonitorStore(emulators.dynamoDb, TABLE, RETENTION_DAYS),
                new DynamoTenantDirectory(emulators.dynamoDb, TABLE),
                new SqsCheckInQueue(emulators.sqs, emulators.queueUrl),
                notifications, clock, UUID::randomUUID, options.rateLimitPerMinute());
        pump = new QueuePump(emulators.sqs, emulators.queueUrl, new ProcessorHandler(services.processor(),
                new SqsDeadLetterQueue(emulators.sqs, emulators.deadLetterQueueUrl)));
        ticker = new LocalTicker(new ClockHandler(services.clockService(), clock), services.store(), clock, pump);
        gateway = new LocalGateway(options.port(), new HttpApiHandler(services), notifications, ticker, clock);
        credentials = LocalCredentials.ensure(services.tenants(), options.dataDir(), "127.0.0.1", gateway.port());
        pump.start();
        gateway.start();
        if (!clock.isManual()) ticker.startEveryMinute();
    }

    public LocalCredentials credentials() {
        return credentials;
    }

    public int port() {
        return gateway.port();
    }

    @Override
    public void close() {
        gateway.close();
        ticker.close();
        pump.drain();
        pump.close();
        emulators.close();
    }
}
