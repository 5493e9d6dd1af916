package dev.cronwatch.emulators;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ in this JVM on a free port of the loopback interface, the one place it is started
 * (local mode, tests, benchmarks). Its queues live in memory. Each user makes its own client for
 * {@link #endpoint()}, as the functions or a benchmark build theirs.
 */
public final class ElasticMqServer extends LoopbackEmulator {
    public static final String REGION = "us-east-1";

    private final SQSRestServer server;

    private ElasticMqServer(SQSRestServer server, int port) {
        super(port);
        this.server = server;
    }

    public static ElasticMqServer start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion(REGION)
                .start();
        try {
            return new ElasticMqServer(server, server.waitUntilStarted().localAddress().getPort());
        } catch (RuntimeException | Error e) {
            stop(server);
            throw e;
        }
    }

    @Override
    public void close() {
        stop(server);
    }

    /**
     * ElasticMQ waits up to a minute for idle keep-alive connections of the JDK's HTTP pool to go;
     * nothing is in flight any more (the queue was drained or is given up), so a short wait is enough.
     */
    private static void stop(SQSRestServer server) {
        Thread stop = new Thread(server::stopAndWait, "elasticmq-stop");
        stop.setDaemon(true);
        stop.start();
        try {
            stop.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
