package dev.cronwatch.local;

import dev.cronwatch.adapters.aws.Connections;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.dynamo.TableDefinition;
import dev.cronwatch.adapters.sqs.SqsCheckInQueue;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.handlers.ClockHandler;
import dev.cronwatch.handlers.HttpApiHandler;
import dev.cronwatch.handlers.ProcessorHandler;
import dev.cronwatch.handlers.Services;
import dev.cronwatch.handlers.Wiring;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The whole of cronwatch in one JVM: the deployed handler classes, built by the same composition root
 * ({@link Wiring}) on in-process emulators, the console's publisher and a local clock, behind an HTTP
 * gateway, a queue pump and a ticker. Closing it stops taking requests, applies what was
 * accepted, and only then stops the emulators.
 */
public final class LocalSystem implements AutoCloseable {
    private final Backends backends;
    private final LocalClock clock;
    private final Notifications notifications;
    private final Services services;
    private final QueuePump pump;
    private final LocalTicker ticker;
    private final LocalGateway gateway;
    private final LocalCredentials credentials;
    private final InjectedFaults faults = new InjectedFaults();
    private final ProcessedCounts processed = new ProcessedCounts();
    private final LocalControls.Listeners listeners = new LocalControls.Listeners();

    public LocalSystem(LocalOptions options, PrintStream console) throws Exception {
        this(options, console, Emulators.start(options.dataDir(), options.inMemory()));
    }

    /** The same system on other backends (the e2e suite runs it on LocalStack too). */
    public LocalSystem(LocalOptions options, PrintStream console, Backends backends) throws Exception {
        this.backends = backends;
        try {
            TableDefinition.createIfMissing(backends.dynamoDb(), backends.table());
            clock = options.manualClock() ? LocalClock.manual(options.start()) : LocalClock.system();
            notifications = new Notifications(console, options.webhook(), options.webhookFormat());
            Settings settings = Settings.forTable(Emulators.REGION, backends.table(), null)
                    .withQueues(backends.queues().queueUrl(), backends.queues().deadLetterQueueUrl())
                    .withRateLimitPerMinute(options.rateLimitPerMinute());
            Wiring wiring = Wiring.builder(settings, clock)
                    .connections(Connections.of(backends.dynamoDb(), backends.sqs(), null))
                    .queue(faults.queue(new SqsCheckInQueue(backends.sqs(), backends.queues().queueUrl())))
                    .publisher(faults.publisher(this::publish))
                    .metrics(Metrics.NONE)
                    .processorEvents(ProcessedCounts.both(ProcessedCounts.both(new ProcessingErrorWarnings(console), processed),
                            (message, applied) -> listeners.applied.applied(message, applied)))
                    .build();
            services = wiring.services();
            pump = new QueuePump(backends.sqs(), backends.queues().queueUrl(), new ProcessorHandler(services.processor(),
                    wiring.deadLetters(), wiring.processorEvents(), services.metrics()), options.workers());
            // No wait for ingest: here a check-in is in the queue before its HTTP answer, and the ticker
            // runs a second after the minute (or, on the manual clock, after draining the queue).
            ticker = new LocalTicker(new ClockHandler(wiring, Duration.ZERO), services.store(), clock, pump, console);
            gateway = new LocalGateway(options.port(), options.allowedHosts(), new HttpApiHandler(services), notifications,
                    ticker, clock, services.tenants());
            credentials = LocalCredentials.ensure(services.tenants(), options.dataDir(), "127.0.0.1", gateway.port(),
                    services.clock().instant());
            notifications.linkTo(credentials.baseUrl());
            pump.start();
            gateway.start();
            if (!clock.isManual()) ticker.startEveryMinute();
        } catch (Exception | Error e) {
            // a port in use, say: stop what started, so that nothing keeps the data directory
            backends.close();
            throw e;
        }
    }

    private void publish(PendingAlert alert) {
        notifications.publish(alert);
        listeners.published.publish(alert);
    }

    /** Hooks for the e2e suite and the benchmarks: what AWS can do to the system that a user cannot. */
    public LocalControls controls() {
        return new LocalControls(pump, ticker, clock, faults, processed, notifications, listeners, backends, services);
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
        pump.pause(false); // what was accepted is applied before the emulators stop
        pump.drain();
        pump.close();
        backends.close();
    }
}
