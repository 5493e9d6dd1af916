package dev.cronwatch.adapters.testing;

import dev.cronwatch.adapters.aws.AwsClients;
import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ in the test JVM on a free loopback port, with an SDK client for it. */
public final class ElasticMqFixture implements AutoCloseable {
    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient sqs;

    public ElasticMqFixture() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion("us-east-1").start();
        endpoint = URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
        sqs = AwsClients.forEmulators("us-east-1").sqs(endpoint);
    }

    public URI endpoint() {
        return endpoint;
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
        server.stopAndWait();
    }
}
