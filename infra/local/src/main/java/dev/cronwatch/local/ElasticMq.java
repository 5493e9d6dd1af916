package dev.cronwatch.local;

import dev.cronwatch.adapters.aws.AwsClients;
import java.net.URI;
import java.util.function.Function;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ inside this JVM on a free port of the loopback interface, a client for it, and the FIFO
 * queue pair the functions use. Its queues live in memory: whatever they hold when it stops is lost.
 */
public final class ElasticMq implements AutoCloseable {
    private final SQSRestServer server;
    private final SqsClient sqs;
    private final FifoQueues queues;

    /** With the client local mode's functions use. */
    ElasticMq() {
        this(AwsClients.forEmulators(Emulators.REGION)::sqs);
    }

    /** With a client of the caller's (the benchmarks count and time what it sends). */
    public ElasticMq(Function<URI, SqsClient> clientFor) {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion(Emulators.REGION).start();
        SqsClient client = null;
        try {
            int port = server.waitUntilStarted().localAddress().getPort();
            client = clientFor.apply(URI.create("http://127.0.0.1:" + port));
            queues = FifoQueues.create(client);
        } catch (RuntimeException | Error e) {
            if (client != null) client.close();
            stop(server);
            throw e;
        }
        sqs = client;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public FifoQueues queues() {
        return queues;
    }

    @Override
    public void close() {
        sqs.close();
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
