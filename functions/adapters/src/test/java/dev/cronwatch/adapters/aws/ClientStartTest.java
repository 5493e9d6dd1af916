package dev.cronwatch.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.testing.RecordingClassLoader;
import org.junit.jupiter.api.Test;

/**
 * Issue 29: building a client must not build the metadata of every AWS service the SDK knows (about
 * 300 classes on every cold start, aws-sdk-java-v2 #3664). The SDK stopped doing so in 2.59; this
 * holds it there, in a class loader of its own so that no other test's classes count.
 */
class ClientStartTest {
    @Test
    void buildingEveryClientWeUseBuildsNoServiceMetadata() throws Exception {
        try (RecordingClassLoader loader = new RecordingClassLoader()) {
            loader.newInstance(BuildEveryClient.class, Runnable.class).run();
            assertThat(loader.classes()).as("the clients were built in the recording loader")
                    .contains("software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient");
            assertThat(loader.classes()).noneMatch(name -> name.startsWith("software.amazon.awssdk.regions.servicemetadata.")
                    || name.equals("software.amazon.awssdk.regions.GeneratedServiceMetadataProvider"));
        }
    }

    /** Loaded by the recording loader: the four clients as a function builds them for AWS. */
    public static final class BuildEveryClient implements Runnable {
        @Override
        public void run() {
            AwsClients clients = AwsClients.forAws("us-east-1");
            clients.dynamoDb(null);
            clients.sqs(null);
            clients.sns(null);
            clients.ssm(null);
        }
    }
}
