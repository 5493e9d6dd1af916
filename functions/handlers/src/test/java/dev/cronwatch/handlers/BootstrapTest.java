package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.adapters.dynamo.DynamoTenantDirectory;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class BootstrapTest {
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client();

    @Test
    void createsTenant_withWorkingKeyAndToken_andKeepsOrgAndProjectOnSecondRun() {
        DynamoTenantDirectory directory = new DynamoTenantDirectory(CLIENT, DynamoDbLocalFixture.newTable(CLIENT));
        Bootstrap.Arguments args = Bootstrap.Arguments.parse("--organization", "acme", "--project", "1",
                "--project-slug", "default", "--host", "cron.example.com");

        Map<String, Object> first = Bootstrap.run(directory, args, new SecureRandom());
        Map<String, Object> second = Bootstrap.run(directory, Bootstrap.Arguments.parse("--organization", "acme",
                "--project", "1", "--project-slug", "renamed"), new SecureRandom());

        String key = (String) first.get("publicKey");
        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(first.get("dsn")).isEqualTo("https://" + key + "@cron.example.com/1");
        assertThat(directory.dsnKey(key)).contains(new DsnKey(key, "acme", "1"));
        assertThat(directory.organizationForToken((String) first.get("token"))).contains("acme");
        assertThat(directory.project("acme", "default")).contains(new Project("acme", "1", "default"));
        assertThat(second.get("projectSlug")).isEqualTo("default");
        assertThat(second.get("publicKey")).isNotEqualTo(key);
        assertThat(directory.organizationForToken((String) second.get("token"))).contains("acme");
    }

    @Test
    void refusesUnknownOrMissingOptions_byName() {
        assertThatThrownBy(() -> Bootstrap.Arguments.parse("--project", "1")).hasMessageContaining("--organization");
        assertThatThrownBy(() -> Bootstrap.Arguments.parse("--organization", "acme", "--colour", "red"))
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> Bootstrap.Arguments.parse("--organization")).hasMessageContaining("--organization");
    }
}
