package dev.cronwatch.local;

import dev.cronwatch.adapters.aws.AwsClients;
import java.util.UUID;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The same end-to-end suite on LocalStack's DynamoDB and SQS; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackEndToEndTest extends EndToEndSuite {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
            .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS);

    @Override
    Backends backends() {
        // one container for the class: every test gets its own table and queues
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        AwsClients clients = AwsClients.forEmulators(LOCALSTACK.getRegion());
        DynamoDbClient dynamoDb = clients.dynamoDb(LOCALSTACK.getEndpoint());
        SqsClient sqs = clients.sqs(LOCALSTACK.getEndpoint());
        FifoQueues queues = FifoQueues.create(sqs, "checkins-" + suffix);
        return new Backends() {
            public DynamoDbClient dynamoDb() {
                return dynamoDb;
            }

            public SqsClient sqs() {
                return sqs;
            }

            public FifoQueues queues() {
                return queues;
            }

            public String table() {
                return "cronwatch-" + suffix;
            }

            public void close() {
                dynamoDb.close();
                sqs.close();
            }
        };
    }
}
