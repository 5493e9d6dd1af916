package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.dynamo.DynamoTenantDirectory;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
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
    void againstAStacksTable_foundThroughItsOutputs() throws Exception {
        DynamoDbClient client = DynamoDbLocalFixture.client();
        String table = DynamoDbLocalFixture.newTable(client);
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path aws = bin.resolve("aws");
        Files.writeString(aws, """
                #!/usr/bin/env bash
                case "$1 $2" in
                  "cloudformation describe-stacks") [[ "$4" == "prod" ]] && echo "%s" || echo None ;;
                  "configure get") echo us-east-1 ;;
                  *) exit 1 ;;
                esac
                """.formatted(table));
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"),
                "CRONWATCH_DYNAMODB_ENDPOINT", DynamoDbLocalFixture.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");

        Run organization = script(env, "--stack", "prod", "create-organization", "acme");
        assertThat(organization.status()).as(organization.err()).isZero();
        assertThat(organization.json()).containsEntry("organization", "acme").containsKey("dateCreated");
        Run token = script(env, "--stack", "prod", "create-token", "acme");
        assertThat(token.status()).as(token.err()).isZero();
        DynamoTenantDirectory directory = new DynamoTenantDirectory(client, table);
        assertThat(directory.token((String) token.json().get("token"))).map(ManagementToken::organization).contains("acme");
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
            assertThat(system.controls().services().tenants().organizationExists("acme")).isTrue();
            assertThat(system.controls().services().tenants().project("acme", "web")).get()
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
