package dev.cronwatch.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * moto's server (pip's {@code moto[server]}, which infra/bin/check-template needs too) on a loopback
 * port: CloudFormation, STS, DynamoDB, SNS and SQS as the operator's tools reach AWS. A machine
 * without it skips the tests that need it, as check-template does; CI installs it.
 */
final class MotoServer implements AutoCloseable {
    static final String REGION = "us-east-1";
    /** moto takes any keys */
    private static final StaticCredentialsProvider KEYS = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static MotoServer start(Path logDir) throws IOException, InterruptedException {
        assumeTrue(onPath("moto_server"), "moto_server is not installed (pip install \"moto[server]==5.2.1\")");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(logDir.resolve("moto.log").toFile()).start();
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        for (int i = 0; i < 300; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return server;
            } catch (IOException notYet) {
                if (!process.isAlive()) break;
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IllegalStateException("moto_server did not start: " + Files.readString(logDir.resolve("moto.log")));
    }

    URI endpoint() {
        return endpoint;
    }

    DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(REGION)).credentialsProvider(KEYS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    SqsClient sqs() {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.of(REGION)).credentialsProvider(KEYS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    SnsClient sns() {
        return SnsClient.builder().endpointOverride(endpoint).region(Region.of(REGION)).credentialsProvider(KEYS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A stack whose only resource is the alert topic; its outputs are {@code outputs} and {@code TopicArn}. */
    Map<String, String> createStack(String name, Map<String, String> outputs) {
        String literal = outputs.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": {\"Value\": \"" + e.getValue() + "\"}")
                .collect(Collectors.joining(", "));
        String template = "{\"Resources\": {\"AlertTopic\": {\"Type\": \"AWS::SNS::Topic\"}}, \"Outputs\": {"
                + literal + (literal.isEmpty() ? "" : ", ") + "\"TopicArn\": {\"Value\": {\"Ref\": \"AlertTopic\"}}}}";
        try (CloudFormationClient cf = CloudFormationClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(KEYS)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            cf.createStack(b -> b.stackName(name).templateBody(template));
            return cf.describeStacks(b -> b.stackName(name)).stacks().get(0).outputs().stream()
                    .collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        }
    }

    @Override
    public void close() {
        process.destroy();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }
}
