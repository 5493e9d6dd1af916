package dev.cronwatch.local;

import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.emulators.ElasticMqServer;
import java.net.URI;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ ({@link ElasticMqServer}), a client for it, and the FIFO queue pair the functions use.
 * Its queues live in memory: whatever they hold when it stops is lost.
 */
public final class ElasticMq implements AutoCloseable {
    private final ElasticMqServer server;
    private final SqsClient sqs;
    private final FifoQueues queues;

    /** With the client local mode's functions use. */
    ElasticMq() {
        this(AwsClients.forEmulators(Emulators.REGION)::sqs);
    }

    /** With a client of the caller's (the benchmarks count and time what it sends). */
    public ElasticMq(Function<URI, SqsClient> clientFor) {
        server = ElasticMqServer.start();
        SqsClient client = null;
        try {
            client = clientFor.apply(server.endpoint());
            queues = FifoQueues.create(client);
        } catch (RuntimeException | Error e) {
            if (client != null) client.close();
            server.close();
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
        server.close();
    }
}
