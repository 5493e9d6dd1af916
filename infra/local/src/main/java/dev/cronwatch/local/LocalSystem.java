package dev.cronwatch.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.aws.Connections;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.dynamo.TableDefinition;
import dev.cronwatch.adapters.sqs.SqsCheckInQueue;
import dev.cronwatch.core.port.AlertPublisher;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.handlers.ClockHandler;
import dev.cronwatch.handlers.HttpApiHandler;
import dev.cronwatch.handlers.ProcessorEvents;
import dev.cronwatch.handlers.ProcessorHandler;
import dev.cronwatch.handlers.Wiring;
import dev.cronwatch.handlers.usecases.IngestServices;
import dev.cronwatch.handlers.usecases.JudgingServices;
import dev.cronwatch.handlers.usecases.ManagementServices;
import dev.cronwatch.handlers.usecases.Ports;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The whole of cronwatch in one JVM: the deployed handler classes, built by the same composition root
 * ({@link Wiring}) on in-process emulators, the console's publisher and a local clock, behind an HTTP
 * gateway, a queue pump and a ticker. Closing it stops taking requests, applies what was
 * accepted, and only then stops the emulators.
 */
public final class LocalSystem implements AutoCloseable {
    /**
     * Where tests and benchmarks reach in between the services and what local mode plays of AWS: each
     * function wraps what local mode built (the queue the services send to, the alert topic, the
     * processor's batch handler as the queue's event source calls it, who hears each applied
     * message), and {@code tickEnded} runs after a tick run by hand. Local mode itself uses
     * {@link #NONE}; the fault switches that fill it are test code (cronwatch-test-support).
     */
    public record Seam(UnaryOperator<CheckInQueue> queue, UnaryOperator<AlertPublisher> topic,
                       UnaryOperator<RequestHandler<SQSEvent, SQSBatchResponse>> processor,
                       UnaryOperator<ProcessorEvents> applied, Runnable tickEnded) {
        public static final Seam NONE = new Seam(UnaryOperator.identity(), UnaryOperator.identity(),
                UnaryOperator.identity(), UnaryOperator.identity(), () -> { });

        public Seam withTopic(UnaryOperator<AlertPublisher> topic) {
            return new Seam(queue, topic, processor, applied, tickEnded);
        }

        public Seam withApplied(UnaryOperator<ProcessorEvents> applied) {
            return new Seam(queue, topic, processor, applied, tickEnded);
        }
    }

    private final Backends backends;
    private final Clock clock;
    private final Notifications notifications;
    private final Ports ports;
    private final QueuePump pump;
    private final LocalTicker ticker;
    private final LocalGateway gateway;
    private final LocalCredentials credentials;
    private final Seam seam;
    private final ProcessedCounts processed = new ProcessedCounts();

    public LocalSystem(LocalOptions options, PrintStream console) throws Exception {
        this(options, console, Emulators.start(options.dataDir(), options.inMemory()), Seam.NONE);
    }

    /** The same system on other backends (the e2e suite runs it on LocalStack too), reached into through {@code seam}. */
    public LocalSystem(LocalOptions options, PrintStream console, Backends backends, Seam seam) throws Exception {
        this.backends = backends;
        this.seam = seam;
        try {
            TableDefinition.createIfMissing(backends.dynamoDb(), backends.table());
            clock = options.manualClock() ? new ManualClock(options.start()) : Clock.systemUTC();
            notifications = new Notifications(console, options.webhook(), options.webhookFormat());
            Settings settings = Settings.forTable(Emulators.REGION, backends.table(), null)
                    .withQueues(backends.queues().queueUrl(), backends.queues().deadLetterQueueUrl())
                    .withRateLimitPerMinute(options.rateLimitPerMinute());
            Wiring wiring = Wiring.builder(settings, clock)
                    .connections(Connections.of(backends.dynamoDb(), backends.sqs(), null))
                    .queue(seam.queue().apply(new SqsCheckInQueue(backends.sqs(), backends.queues().queueUrl())))
                    .publisher(seam.topic().apply(notifications::publish))
                    .metrics(Metrics.NONE)
                    .processorEvents(seam.applied().apply(new ProcessingErrorWarnings(console).andThen(processed)))
                    .build();
            ports = wiring.ports();
            pump = new QueuePump(backends.sqs(), backends.queues().queueUrl(), seam.processor().apply(new ProcessorHandler(
                    JudgingServices.processor(ports), wiring.deadLetters(), wiring.processorEvents(), ports.metrics())),
                    options.workers());
            // No wait for ingest: here a check-in is in the queue before its HTTP answer, and the ticker
            // runs a second after the minute (or, on the manual clock, after draining the queue).
            ClockHandler clockHandler = new ClockHandler(JudgingServices.clock(ports), wiring.shardTicks(), clock,
                    Duration.ZERO, ports.metrics(), wiring.processorEvents());
            ticker = new LocalTicker(clockHandler, ports.stores().decisions(), ports.stores().outbox(), clock, pump, console);
            gateway = new LocalGateway(options.port(), options.allowedHosts(),
                    new HttpApiHandler(IngestServices.of(ports), ManagementServices.of(ports)), notifications, ticker, clock,
                    ports.tenants());
            credentials = LocalCredentials.ensure(ports.tenants(), options.dataDir(), "127.0.0.1", gateway.port(),
                    clock.instant());
            notifications.linkTo(credentials.baseUrl());
            pump.start();
            gateway.start();
            if (!ticker.isManual()) ticker.startEveryMinute();
        } catch (Exception | Error e) {
            // a port in use, say: stop what started, so that nothing keeps the data directory
            backends.close();
            throw e;
        }
    }

    /** Hooks for the e2e suite and the benchmarks: what AWS can do to the system that a user cannot. */
    public LocalControls controls() {
        return new LocalControls(pump, ticker, seam.tickEnded(), processed, notifications, backends, ports);
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
