package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.local.CallRecorder.Call;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The end-to-end suite on DynamoDB Local and ElasticMQ inside the test JVM, DynamoDB Local reached over
 * loopback HTTP as on AWS. It also records every AWS call each function makes (CallRecorder) and holds
 * the template's permissions to them: each call is allowed by its function's policy, and each
 * permission a policy grants is used by some call.
 */
class InProcessEndToEndTest extends EndToEndSuite {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    /** The functions whose every call the suite makes; the PagerDuty forwarder has its own test. */
    static final List<String> FUNCTIONS = List.of("IngestFunction", "ManagementFunction", "ProcessorFunction",
            "ClockFunction", "ClockShardFunction");

    /**
     * Permissions that calls outside this suite hold: local mode hands alerts to its console and
     * webhook instead of SNS, so publishing is held by SnsAlertPublisherTest against fauxqs, and shard
     * ticks to a pool of threads instead of the shard queue.
     */
    static final Map<String, String> HELD_ELSEWHERE = Map.of(
            "ProcessorFunction sns:Publish on AlertTopic", "SnsAlertPublisherTest",
            "ClockFunction sns:Publish on AlertTopic", "SnsAlertPublisherTest",
            "ClockShardFunction sns:Publish on AlertTopic", "SnsAlertPublisherTest",
            "ClockFunction sqs:SendMessage on ClockShardQueue", "ShardQueueOnElasticMqTest",
            "ClockShardFunction sqs:SendMessage on ClockShardQueue", "ShardQueueOnElasticMqTest");

    @Override
    Backends backends() {
        // over HTTP, not DynamoDB Local's embedded client, which bypasses the SDK and its interceptors
        DynamoDbClient dynamoDb = DynamoDbLocalFixture.client();
        return new ClientBackends(dynamoDb, DynamoDbLocalFixture.newTable(dynamoDb), new ElasticMq(), dynamoDb::close);
    }

    @BeforeAll
    static void recordCalls() {
        CallRecorder.start();
    }

    @AfterAll
    static void everyCallIsAllowedAndEveryPermissionIsUsed() throws IOException {
        List<Call> calls = CallRecorder.stop();
        TemplatePolicies template = TemplatePolicies.read(ROOT.resolve("template.yaml"));
        List<String> denied = new ArrayList<>();
        List<String> unused = new ArrayList<>();
        StringBuilder table = new StringBuilder("| function | call | resource | allowed |\n|---|---|---|---|\n");
        for (String function : FUNCTIONS) {
            List<TemplatePolicies.Statement> statements = template.statements(function);
            Collection<Call> made = CallRecorder.forFunction(calls, function);
            for (Call call : made) {
                boolean allowed = statements.stream().anyMatch(s -> s.allow() && s.covers(call.action(), call.resource()))
                        && statements.stream().noneMatch(s -> !s.allow() && !s.conditional()
                                && s.covers(call.action(), call.resource()));
                table.append("| ").append(function).append(" | ").append(call.action()).append(" | ")
                        .append(call.resource()).append(" | ").append(allowed ? "yes" : "**no**").append(" |\n");
                if (!allowed) denied.add(call.toString());
            }
            for (TemplatePolicies.Statement s : statements) {
                if (!s.allow()) continue;
                for (String action : s.actions()) {
                    for (String resource : s.resources()) {
                        boolean used = made.stream().anyMatch(c -> c.action().equals(action)
                                && (c.resource().equals(resource) || resource.equals("*")));
                        String permission = function + " " + action + " on " + resource;
                        if (!used && !HELD_ELSEWHERE.containsKey(permission)) unused.add(permission);
                    }
                }
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "recorded-calls.md"), table);
        System.out.print("[recorded calls]\n" + table);
        assertThat(calls).as("the suite made no call a function could be credited with").isNotEmpty();
        assertThat(denied).as("calls the template's policies do not allow").isEmpty();
        assertThat(unused).as("permissions no call of the suite uses: remove them, or add the scenario that needs them")
                .isEmpty();
    }
}
