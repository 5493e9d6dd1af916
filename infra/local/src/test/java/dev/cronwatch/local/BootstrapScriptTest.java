package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.dynamo.DynamoStores;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.tenant.DsnKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * infra/bootstrap.sh as an operator runs it after `sam deploy`: the stack on moto's CloudFormation, its
 * table on DynamoDB Local. Runs the operator tools' build, as the script does.
 */
class BootstrapScriptTest {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final String API_URL = "https://abc123defg.execute-api.us-east-1.amazonaws.com";

    @TempDir
    Path work;

    @Test
    void theDsnPointsAtTheStacksApiNotAtLocalhost() throws Exception {
        DynamoDbClient client = DynamoDbLocalFixture.client();
        String table = DynamoDbLocalFixture.newTable(client);
        String out;
        try (MotoServer moto = MotoServer.start(work)) {
            moto.createStack("cronwatch", Map.of("TableName", table, "ApiUrl", API_URL));
            Path errors = work.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("infra/bootstrap.sh").toString(), "cronwatch", "acme",
                    "--region", MotoServer.REGION)
                    .redirectError(errors.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
            // the stack on moto's CloudFormation, its table on DynamoDB Local (the region is its namespace there)
            builder.environment().put("AWS_ENDPOINT_URL_CLOUDFORMATION", moto.endpoint().toString());
            builder.environment().put("CRONWATCH_DYNAMODB_ENDPOINT", DynamoDbLocalFixture.endpoint().toString());
            builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
            Process process = builder.start();
            process.getOutputStream().close();
            out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(out + Files.readString(errors)).isZero();
            assertThat(Files.readString(errors)).contains("stack cronwatch in us-east-1 (region from --region)");
        }

        Map<String, Object> tenant = Json.parseObject(out.strip());
        String key = (String) tenant.get("publicKey");
        assertThat(tenant.get("dsn")).isEqualTo("https://" + key + "@abc123defg.execute-api.us-east-1.amazonaws.com/1");
        assertThat(DynamoStores.tenants(client, table).credentials().dsnKey(key)).contains(new DsnKey(key, "acme", "1"));
    }
}
