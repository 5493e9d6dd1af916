package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.dynamo.DynamoTenantDirectory;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.tenant.DsnKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * infra/bootstrap.sh as an operator runs it after `sam deploy`, with the AWS CLI answered by a stand-in
 * that knows the stack's outputs, and the table on DynamoDB Local. Runs the built zip, as the script does.
 */
class BootstrapScriptTest {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final String API_URL = "https://abc123defg.execute-api.eu-west-1.amazonaws.com";

    @TempDir
    Path bin;

    @Test
    void theDsnPointsAtTheStacksApiNotAtLocalhost() throws Exception {
        DynamoDbClient client = DynamoDbLocalFixture.client();
        String table = DynamoDbLocalFixture.newTable(client);
        Path aws = bin.resolve("aws");
        Files.writeString(aws, """
                #!/usr/bin/env bash
                case "$*" in
                  *"OutputKey=='TableName'"*) echo "%s" ;;
                  *"OutputKey=='ApiUrl'"*) echo "%s" ;;
                  "configure get region") echo us-east-1 ;;
                  *) echo "unexpected: aws $*" >&2; exit 1 ;;
                esac
                """.formatted(table, API_URL));
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));

        Path errors = bin.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("infra/bootstrap.sh").toString(), "cronwatch", "acme")
                .redirectError(errors.toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("CRONWATCH_DYNAMODB_ENDPOINT", DynamoDbLocalFixture.endpoint().toString());
        // the region comes from the CLI's configuration; DynamoDB Local keeps one namespace per region
        builder.environment().remove("AWS_REGION");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out + Files.readString(errors)).isZero();

        Map<String, Object> tenant = Json.parseObject(out.strip());
        String key = (String) tenant.get("publicKey");
        assertThat(tenant.get("dsn")).isEqualTo("https://" + key + "@abc123defg.execute-api.eu-west-1.amazonaws.com/1");
        assertThat(new DynamoTenantDirectory(client, table).dsnKey(key)).contains(new DsnKey(key, "acme", "1"));
    }
}
