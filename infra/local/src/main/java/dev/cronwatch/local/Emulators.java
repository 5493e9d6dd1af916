package dev.cronwatch.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.cronwatch.adapters.aws.AwsClients;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * DynamoDB Local and ElasticMQ inside this JVM, and the FIFO queue pair the functions use. DynamoDB
 * keeps its data in one SQLite file of the data directory; the queue lives in memory, which is why
 * shutdown drains it before stopping.
 */
final class Emulators implements Backends {
    static final String REGION = "us-east-1";
    static final String QUEUE = "checkins.fifo";
    static final String DEAD_LETTER_QUEUE = "checkins-dlq.fifo";

    private final AmazonDynamoDBLocal dynamoLocal;
    private final SQSRestServer sqsServer;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;

    Emulators(Path dataDir, boolean inMemory) throws Exception {
        Logger.getLogger("com.almworks.sqlite4java").setLevel(Level.OFF);
        if (inMemory) {
            dynamoLocal = DynamoDBEmbedded.create(true);
        } else {
            Files.createDirectories(dataDir);
            // a file, never a directory: DynamoDB Local loops forever on a directory
            File db = dataDir.resolve("dynamodb.db").toFile();
            dynamoLocal = DynamoDBEmbedded.create(db, true);
        }
        dynamoDb = dynamoLocal.dynamoDbClient();
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion(REGION).start();
        int port = sqsServer.waitUntilStarted().localAddress().getPort();
        sqs = AwsClients.forEmulators(REGION).sqs(URI.create("http://127.0.0.1:" + port));
        deadLetterQueueUrl = createFifo(DEAD_LETTER_QUEUE, Map.of());
        String dlqArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(deadLetterQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN).build()).attributes().get(QueueAttributeName.QUEUE_ARN);
        // as deployed: the processor forwards poison itself after 3 attempts; redrive is the backstop
        queueUrl = createFifo(QUEUE, Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "2",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"5\"}"));
    }

    private String createFifo(String name, Map<QueueAttributeName, String> extra) {
        Map<QueueAttributeName, String> attributes = new java.util.HashMap<>(extra);
        attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        return sqs.createQueue(CreateQueueRequest.builder().queueName(name).attributes(attributes).build()).queueUrl();
    }

    @Override
    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    @Override
    public SqsClient sqs() {
        return sqs;
    }

    @Override
    public String queueUrl() {
        return queueUrl;
    }

    @Override
    public String deadLetterQueueUrl() {
        return deadLetterQueueUrl;
    }

    @Override
    public void close() {
        sqs.close();
        sqsServer.stopAndWait();
        dynamoLocal.shutdown();
    }
}
