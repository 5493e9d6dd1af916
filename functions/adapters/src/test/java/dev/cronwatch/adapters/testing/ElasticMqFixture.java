package dev.cronwatch.adapters.testing;

import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.emulators.ElasticMqServer;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@link ElasticMqServer} in the test JVM, with the SDK client the functions build for it. */
public final class ElasticMqFixture implements AutoCloseable {
    private final ElasticMqServer server;
    private final SqsClient sqs;

    public ElasticMqFixture() {
        server = ElasticMqServer.start();
        sqs = AwsClients.forEmulators(ElasticMqServer.REGION).sqs(server.endpoint());
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String createFifoQueue(String name) {
        return sqs.createQueue(CreateQueueRequest.builder().queueName(name)
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")).build()).queueUrl();
    }

    @Override
    public void close() {
        sqs.close();
        server.close();
    }
}
