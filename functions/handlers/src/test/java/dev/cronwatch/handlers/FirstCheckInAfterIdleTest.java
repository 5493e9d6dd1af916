package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.aws.Connections;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.adapters.testing.ElasticMqFixture;
import dev.cronwatch.core.port.ProjectDirectory;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.handlers.usecases.IngestServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Issue 29: the first check-in after idle lands on a cold ingest function, whose first SQS send pays
 * for the SDK's first call. It must be accepted however long that takes within API Gateway's 30 s,
 * and answered 5xx only when SQS really refused it.
 */
class FirstCheckInAfterIdleTest {
    private static final String SLUG = "first-after-idle";

    private String table;
    private DsnKey key;

    @BeforeEach
    void tenant() {
        DynamoDbClient dynamo = DynamoDbLocalFixture.client();
        table = DynamoDbLocalFixture.newTable(dynamo);
        ProjectDirectory projects = Wiring.builder(Settings.forTable("us-east-1", table, null), Clock.systemUTC())
                .connections(Connections.of(dynamo, null, null)).build().ports().tenants().projects();
        projects.ensureOrganization("acme");
        projects.ensureProject(new Project("acme", "1", "default"));
        key = new DsnKey("0123456789abcdef0123456789abcdef", "acme", "1");
        projects.ensureDsnKey(key);
    }

    @Test
    void aFreshIngestFunctionAcceptsItsFirstCheckInWhenSqsAnswersTheFirstCallAfterThreeSeconds() throws Exception {
        try (ElasticMqFixture mq = new ElasticMqFixture();
             SlowQueueProxy sqs = new SlowQueueProxy(mq.endpoint(), 1, Duration.ofSeconds(3), 0)) {
            String queue = mq.createFifoQueue("first-after-idle.fifo");

            String answered = inFreshJvm(env(queue, sqs.endpoint()));

            assertThat(answered).startsWith("ANSWERED 201 ");
            assertThat(received(mq, queue)).singleElement()
                    .satisfies(m -> assertThat(m.body()).contains("\"" + SLUG + "\""));
        }
    }

    @Test
    void throttlingAnd5xxFromSqsAreRetriedAndTheCheckInIsQueuedOnce() throws Exception {
        try (ElasticMqFixture mq = new ElasticMqFixture();
             SlowQueueProxy sqs = new SlowQueueProxy(mq.endpoint(), 0, Duration.ZERO, 3)) {
            String queue = mq.createFifoQueue("retried.fifo");

            var response = ingest(env(queue, sqs.endpoint())).handleRequest(checkIn(), null);

            assertThat(response.getStatusCode()).isEqualTo(201);
            assertThat(sqs.calls()).isEqualTo(4);
            assertThat(received(mq, queue)).hasSize(1);
        }
    }

    @Test
    void aCheckInSqsKeepsRefusingIsAnswered503SayingSo() throws Exception {
        try (ElasticMqFixture mq = new ElasticMqFixture();
             SlowQueueProxy sqs = new SlowQueueProxy(mq.endpoint(), 0, Duration.ZERO, Integer.MAX_VALUE / 2)) {
            String queue = mq.createFifoQueue("refusing.fifo");

            var response = ingest(env(queue, sqs.endpoint())).handleRequest(checkIn(), null);

            assertThat(response.getStatusCode()).isEqualTo(503);
            assertThat((String) HttpEvents.json(response).get("detail"))
                    .contains("The queue did not accept this check-in").contains("Status Code: 500").contains("send it again");
            assertThat(received(mq, queue)).isEmpty();
        }
    }

    private Map<String, String> env(String queue, URI sqsEndpoint) {
        return Map.ofEntries(
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry(Settings.TABLE, table),
                Map.entry(Settings.QUEUE_URL, queue),
                Map.entry(Settings.DLQ_URL, queue),
                Map.entry(Settings.TOPIC_ARN, "arn:aws:sns:us-east-1:000000000000:unused"),
                Map.entry(Settings.RATE_LIMIT, "6"),
                Map.entry(Settings.RETENTION_DAYS, "90"),
                Map.entry(Settings.MAX_JUDGEMENT_DELAY, "15"),
                Map.entry(Settings.MAX_MONITORS, "100"),
                Map.entry(Settings.STACK, "test"),
                Map.entry(Settings.DYNAMODB_ENDPOINT, DynamoDbLocalFixture.endpoint().toString()),
                Map.entry(Settings.SQS_ENDPOINT, sqsEndpoint.toString()),
                Map.entry(Settings.SNS_ENDPOINT, "http://127.0.0.1:9"),
                Map.entry("TEST_DSN", key.dsn("http", "cronwatch.invalid")));
    }

    private static IngestHandler ingest(Map<String, String> env) {
        return new IngestHandler(IngestServices.of(Wiring.builder(Settings.from(env), Clock.systemUTC()).build().ports()));
    }

    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent checkIn() {
        return HttpEvents.event("POST", "/api/0/organizations/acme/monitors/" + SLUG + "/checkins/",
                Map.of("authorization", "DSN " + key.dsn("http", "cronwatch.invalid"), "content-type", "application/json"),
                "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
    }

    /** The handler's answer line, from a JVM started for it alone, as Lambda starts a cold function. */
    private static String inFreshJvm(Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), FirstCheckInMain.class.getName()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            output = out.lines().collect(Collectors.joining("\n"));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the ingest JVM exited").isTrue();
        return output.lines().filter(l -> l.startsWith("ANSWERED ")).findFirst()
                .orElseThrow(() -> new AssertionError("no answer from the ingest JVM:\n" + output));
    }

    private static List<Message> received(ElasticMqFixture mq, String queue) {
        return mq.sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    }
}
