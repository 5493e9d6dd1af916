package dev.cronwatch.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.testing.RecordingClassLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

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

    /**
     * Issue 29: where Lambda gives the role's keys in the environment, the clients read them there and
     * never build the SDK's default chain (about 75 classes and 25 ms of a cold start's first request).
     */
    @Test
    void clientsBuiltInLambdasEnvironmentBuildNoDefaultCredentialsChain() throws Exception {
        try (RecordingClassLoader loader = new RecordingClassLoader()) {
            loader.newInstance(BuildInLambdasEnvironment.class, Runnable.class).run();
            assertThat(loader.classes()).contains("software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient",
                    "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider");
            assertThat(loader.classes()).noneMatch(name -> name.startsWith("software.amazon.awssdk.auth.credentials.")
                    && (name.contains("DefaultCredentialsProvider") || name.contains("ProfileCredentialsProvider")
                    || name.contains("ContainerCredentialsProvider") || name.contains("InstanceProfileCredentialsProvider")));
        }
    }

    /** Without keys in the environment (a SnapStart function, an operator's profile), the default chain finds them. */
    @Test
    void withoutKeysInTheEnvironmentTheDefaultChainLooksForThem() {
        assertThat(RoleCredentials.from(Map.of())).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(RoleCredentials.from(Map.of(RoleCredentials.ACCESS_KEY_ID, "AKIAEXAMPLE")))
                .isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(RoleCredentials.from(LAMBDA)).isInstanceOf(EnvironmentVariableCredentialsProvider.class);
    }

    /** What Lambda's environment holds of the role's credentials. */
    static final Map<String, String> LAMBDA = Map.of(RoleCredentials.ACCESS_KEY_ID, "AKIAEXAMPLE",
            RoleCredentials.SECRET_ACCESS_KEY, "secret", "AWS_SESSION_TOKEN", "token");

    /** Loaded by the recording loader: the clients a function builds in Lambda's environment. */
    public static final class BuildInLambdasEnvironment implements Runnable {
        @Override
        public void run() {
            AwsClients clients = AwsClients.forAws("us-east-1", LAMBDA);
            clients.dynamoDb(null);
            clients.sqs(null);
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
