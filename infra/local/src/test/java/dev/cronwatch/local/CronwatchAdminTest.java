package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.dynamo.DynamoStores;
import dev.cronwatch.adapters.dynamo.TableDefinition;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.port.CredentialLookup;
import dev.cronwatch.core.port.ProjectDirectory;
import dev.cronwatch.core.tenant.ManagementToken;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * infra/bin/cronwatch-admin as an operator runs it: against a stack's table (the AWS CLI stood in for by
 * a script that answers the stack's outputs, DynamoDB by DynamoDB Local over HTTP), and against local
 * mode's data directory.
 */
class CronwatchAdminTest {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path work;

    record Run(int status, String out, String err) {
        Map<String, Object> json() {
            return Json.parseObject(out);
        }
    }

    Run script(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("infra/bin/cronwatch-admin").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        // only what the test gives: never the credentials, profile or region of whoever runs it
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(env);
        return run(builder);
    }

    /**
     * Both outputs go to files, so a chatty child never blocks on a full pipe, and nothing here waits
     * on a child that hangs for longer than two minutes.
     */
    Run run(ProcessBuilder builder) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) process.destroyForcibly();
        assertThat(exited).as("%s still running after two minutes: %s", builder.command(), Files.readString(err)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err));
    }

    /** LocalAdmin in a JVM of its own, on this test's class path. */
    Run localAdmin(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalAdmin.class.getName()));
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command).directory(work.toFile()));
    }

    @Test
    void helpListsEveryCommand_withTestAlertsProject_andExitsZero() throws Exception {
        Run help = script(Map.of(), "--help");

        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("create-organization", "create-token", "list-tokens", "revoke-token")
                .containsPattern("test-alert .*\\[--project <id>\\]");
    }

    @Test
    void againstAStacksTable_foundThroughItsOutputs() throws Exception {
        DynamoDbClient client = DynamoDbLocalFixture.client();
        String table = DynamoDbLocalFixture.newTable(client);
        try (MotoServer moto = MotoServer.start(work)) {
            moto.createStack("prod", Map.of("TableName", table, "ApiUrl", API_URL));
            // CloudFormation on moto, the table on DynamoDB Local (the region is its namespace there)
            Map<String, String> env = Map.of("AWS_ENDPOINT_URL_CLOUDFORMATION", moto.endpoint().toString(),
                    "CRONWATCH_DYNAMODB_ENDPOINT", DynamoDbLocalFixture.endpoint().toString(),
                    "AWS_REGION", MotoServer.REGION, "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");
            againstAStacksTable(client, table, env);
        }
    }

    private void againstAStacksTable(DynamoDbClient client, String table, Map<String, String> env) throws Exception {
        Run organization = script(env, "--stack", "prod", "create-organization", "acme");
        assertThat(organization.status()).as(organization.err()).isZero();
        assertThat(organization.json()).containsEntry("organization", "acme").containsKey("dateCreated");
        Run token = script(env, "--stack", "prod", "create-token", "acme");
        assertThat(token.status()).as(token.err()).isZero();
        CredentialLookup credentials = DynamoStores.tenants(client, table).credentials();
        assertThat(credentials.token((String) token.json().get("token"))).map(ManagementToken::organization).contains("acme");
        Run named = script(env, "--stack", "prod", "create-token", "acme", "--name", "ci", "--expires", "30d");
        assertThat(named.status()).as(named.err()).isZero();
        assertThat(script(env, "--stack", "prod", "revoke-token", "acme", (String) named.json().get("id")).status()).isZero();
        Run listed = script(env, "--stack", "prod", "list-tokens", "acme");
        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("\"revoked\"").contains("\"active\"").doesNotContain((String) named.json().get("token"));

        Run again = script(env, "--stack", "prod", "create-organization", "acme");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("exists");
        assertThat(script(env, "--stack", "prod", "create-token", "nobody").status()).isEqualTo(1);
        assertThat(script(env, "--stack", "prod", "create-organization", "Not#Valid").status()).isEqualTo(2);
        assertThat(script(env, "--stack", "staging", "create-organization", "x").status()).isEqualTo(1);
        assertThat(script(env).status()).isEqualTo(2);
    }

    static final String API_URL = "https://abc123defg.execute-api.us-east-1.amazonaws.com";

    /**
     * The SDK modules SSO and assume-role profiles need are on the tools' class path: each kind of
     * profile an operator signs in with gets through the credentials chain to the stack (moto's
     * CloudFormation, STS and DynamoDB). SSO, with no sign-in cached, gets as far as asking for its
     * token, which is where the AWS CLI stops too; from the Lambda zip it stopped at "the 'sso' service
     * module must be on the class path".
     */
    @Test
    void eachKindOfProfileSignsIn() throws Exception {
        try (MotoServer moto = MotoServer.start(work)) {
            DynamoDbClient dynamo = moto.dynamoDb();
            dynamo.createTable(TableDefinition.createTableRequest("cronwatch-Table"));
            moto.createStack("prod", Map.of("TableName", "cronwatch-Table", "ApiUrl", API_URL));
            Path process = work.resolve("credentials-process.sh");
            Files.writeString(process, "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCESS\", \"SecretAccessKey\": \"s\"}'\n");
            Files.setPosixFilePermissions(process, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(work.resolve("credentials"), """
                    [keys]
                    aws_access_key_id = AKIAIOSFODNN7EXAMPLE
                    aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
                    """);
            Files.writeString(work.resolve("config"), """
                    [profile keys]
                    region = us-east-1
                    [profile process]
                    region = us-east-1
                    credential_process = %s
                    [profile role]
                    region = us-east-1
                    role_arn = arn:aws:iam::123456789012:role/operator
                    source_profile = keys
                    [sso-session corp]
                    sso_start_url = https://corp.awsapps.com/start
                    sso_region = us-east-1
                    sso_registration_scopes = sso:account:access
                    [profile sso]
                    region = us-east-1
                    sso_session = corp
                    sso_account_id = 123456789012
                    sso_role_name = Operator
                    """.formatted(process));
            ProjectDirectory projects = DynamoStores.tenants(dynamo, "cronwatch-Table").projects();
            for (String profile : List.of("keys", "process", "role")) {
                Run created = script(profileEnv(moto, profile), "--stack", "prod", "create-organization", "org-" + profile);
                assertThat(created.status()).as(profile + ": " + created.err()).isZero();
                assertThat(created.err()).contains("stack prod in us-east-1 (region from profile " + profile + ")");
                assertThat(projects.organizationExists("org-" + profile)).as(profile).isTrue();
            }
            Run sso = script(profileEnv(moto, "sso"), "--stack", "prod", "create-organization", "org-sso");
            assertThat(sso.status()).isEqualTo(1);
            // the SDK's own words for a profile whose SSO session has no token yet: the sso module was found and asked
            assertThat(sso.err()).containsIgnoringCase("SSO session").contains("aws sso login")
                    .doesNotContain("must be on the class path");
        }
    }

    private Map<String, String> profileEnv(MotoServer moto, String profile) {
        return Map.of("AWS_CONFIG_FILE", work.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", work.resolve("credentials").toString(),
                "AWS_PROFILE", profile, "AWS_ENDPOINT_URL", moto.endpoint().toString());
    }

    /** test-alert through SNS to a subscribed queue: both messages, as subscribers and filter policies see them. */
    @Test
    void testAlert_reachesTheTopicsSubscribers_markedAsATest() throws Exception {
        try (MotoServer moto = MotoServer.start(work)) {
            String topic = moto.createStack("prod", Map.of("TableName", "unused", "ApiUrl", API_URL)).get("TopicArn");
            SqsClient sqs = moto.sqs();
            String queue = sqs.createQueue(b -> b.queueName("alerts")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            moto.sns().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn));
            Map<String, String> env = Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_DEFAULT_REGION",
                    MotoServer.REGION, "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");

            Run refused = script(env, "--stack", "prod", "test-alert", "--monitor", "Not#Valid");
            assertThat(refused.status()).isEqualTo(2);
            assertThat(refused.err()).contains("--monitor");
            Run sent = script(env, "--stack", "prod", "test-alert", "--monitor", "nightly-backup", "--organization", "acme");
            assertThat(sent.status()).as(sent.err()).isZero();
            assertThat(sent.err()).contains("stack prod in us-east-1 (region from AWS_DEFAULT_REGION)");

            List<Map<String, Object>> envelopes = new java.util.ArrayList<>();
            for (int i = 0; i < 20 && envelopes.size() < 3; i++) {
                sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                        .forEach(m -> envelopes.add(Json.parseObject(m.body())));
                if (envelopes.size() == 2) break;
            }
            assertThat(envelopes).hasSize(2);
            List<String> subjects = envelopes.stream().map(e -> (String) e.get("Subject")).toList();
            assertThat(subjects).containsExactlyInAnyOrder(
                    "cronwatch TEST: nightly-backup [production] failing: A missed check-in was detected",
                    "cronwatch TEST: nightly-backup [production] recovered");
            for (Map<String, Object> envelope : envelopes) {
                @SuppressWarnings("unchecked")
                Map<String, Object> attributes = (Map<String, Object>) envelope.get("MessageAttributes");
                assertThat(((Map<?, ?>) attributes.get("test")).get("Value")).isEqualTo("true");
                assertThat(((Map<?, ?>) attributes.get("organization")).get("Value")).isEqualTo("acme");
                assertThat(((Map<?, ?>) attributes.get("monitor")).get("Value")).isEqualTo("nightly-backup");
                assertThat(attributes.keySet()).contains("type", "project", "environment", "reason");
                Map<String, Object> alert = Json.parseObject((String) envelope.get("Message"));
                // the JSON every program subscriber gets, with Chatbot's custom-notification fields
                assertThat(alert).containsEntry("test", true).containsEntry("version", "1.0").containsEntry("source", "custom");
            }
        }
    }

    /** test-alert publishes to a stack's topic: against local mode's data it says so, whatever follows it. */
    @Test
    void testAlert_againstLocalModesData_namesWhatItNeeds() throws Exception {
        Map<String, String> env = Map.of("CRONWATCH_LOCAL_CLASSPATH", System.getProperty("java.class.path"));
        for (List<String> rest : List.of(List.<String>of(), List.of("--monitor", "x"))) {
            List<String> args = new java.util.ArrayList<>(List.of("--data-dir", work.resolve("data").toString(), "test-alert"));
            args.addAll(rest);
            Run run = script(env, args.toArray(String[]::new));
            assertThat(run.status()).as(rest.toString()).isEqualTo(2);
            assertThat(run.err()).as(rest.toString()).isEqualTo("cronwatch-admin: test-alert needs --stack (it publishes to"
                    + " the deployed stack's topic; local mode's alerts are listed at GET /_local/notifications)\n");
        }
    }

    /**
     * StackAdmin as the script runs it, in a JVM of its own whose environment has nothing of AWS's but
     * {@code env}: no keys, and profile files that do not exist.
     */
    Run stackAdmin(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.cronwatch.operator.StackAdmin"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(Map.of("AWS_CONFIG_FILE", work.resolve("no-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString(), "AWS_EC2_METADATA_DISABLED", "true"));
        builder.environment().putAll(env);
        return run(builder);
    }

    @Test
    void withNoAwsSetUp_eachMissingPieceIsOneShortLine() throws Exception {
        Run noRegion = stackAdmin(Map.of(), "--stack", "cronwatch", "list-tokens", "acme");
        assertThat(noRegion.status()).isEqualTo(2);
        assertThat(noRegion.err()).isEqualTo("cronwatch: no region: give --region, set AWS_REGION or AWS_DEFAULT_REGION,"
                + " or a region in profile default\n");

        Run noCredentials = stackAdmin(Map.of(), "--stack", "cronwatch", "--region", "eu-north-1", "list-tokens", "acme");
        assertThat(noCredentials.status()).isEqualTo(1);
        assertThat(noCredentials.err().lines().toList()).containsExactly(
                "cronwatch: stack cronwatch in eu-north-1 (region from --region)",
                "cronwatch: no AWS credentials: set AWS_PROFILE to a profile that has them (for SSO, run"
                        + " `aws sso login --profile <name>` first), or put keys in the environment or ~/.aws/credentials");
    }

    @Test
    void againstLocalModesDataDirectory_whileItRuns() throws Exception {
        Path dataDir = work.resolve("data");
        try (LocalSystem system = new LocalSystem(LocalOptions.parse("--port", "0", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", "2026-01-01T00:00:00Z"), QUIET)) {
            // its own process, as the script starts it: the running system holds the database file open
            Run organization = localAdmin("--data-dir", dataDir.toString(), "create-organization", "acme");
            assertThat(organization.status()).as(organization.err()).isZero();
            Run created = localAdmin("--data-dir", dataDir.toString(), "create-token", "acme", "--name", "ops");
            assertThat(created.status()).as(created.err()).isZero();
            String token = (String) created.json().get("token");
            Run listed = localAdmin("--data-dir", dataDir.toString(), "list-tokens", "acme");
            assertThat(listed.status()).as(listed.err()).isZero();
            assertThat(listed.out()).contains("\"ops\"").contains((String) created.json().get("id")).doesNotContain(token);

            LocalApi api = new LocalApi(system.credentials());
            LocalApi.Response projects = api.send("POST", "/api/0/organizations/acme/projects/",
                    Map.of("Authorization", "Bearer " + token), "{\"name\": \"Web\"}");
            assertThat(projects.status()).as(String.valueOf(projects.body())).isEqualTo(201);
            assertThat(system.controls().ports().tenants().projects().organizationExists("acme")).isTrue();
            assertThat(system.controls().ports().tenants().projects().project("acme", "web")).get()
                    .satisfies(p -> assertThat(p.dateCreated()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z")));

            Run revoked = localAdmin("--data-dir", dataDir.toString(), "revoke-token", "acme", (String) created.json().get("id"));
            assertThat(revoked.status()).as(revoked.err()).isZero();
            system.controls().setTime(Instant.parse("2026-01-01T00:00:11Z")); // past the running API's trust in it
            assertThat(api.send("GET", "/api/0/organizations/acme/projects/", Map.of("Authorization", "Bearer " + token), null)
                    .status()).isEqualTo(401);
        }
        assertThat(LocalAdmin.run(QUIET, QUIET, "--data-dir", work.resolve("nowhere").toString(), "create-token", "acme"))
                .isEqualTo(1);
        assertThat(LocalAdmin.run(QUIET, QUIET, "create-token", "acme")).isEqualTo(2);
    }
}
