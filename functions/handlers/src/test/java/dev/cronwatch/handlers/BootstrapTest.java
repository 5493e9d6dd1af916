package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.adapters.dynamo.DynamoStores;
import dev.cronwatch.core.port.Tenants;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.Project;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class BootstrapTest {
    private static final DynamoDbClient CLIENT = DynamoDbLocalFixture.client();
    private static final ManualClock CLOCK = ManualClock.at("2026-01-01T00:00:00Z");

    @Test
    void createsTenant_withWorkingKeyAndToken_andKeepsOrgAndProjectOnSecondRun() {
        Tenants tenants = DynamoStores.tenants(CLIENT, DynamoDbLocalFixture.newTable(CLIENT));
        Bootstrap.Arguments args = Bootstrap.Arguments.parse("--organization", "acme", "--project", "1",
                "--project-slug", "default", "--host", "cron.example.com");

        Map<String, Object> first = Bootstrap.run(tenants, args, new SecureRandom(), CLOCK);
        Map<String, Object> second = Bootstrap.run(tenants, Bootstrap.Arguments.parse("--organization", "acme",
                "--project", "1", "--project-slug", "renamed"), new SecureRandom(), CLOCK);

        String key = (String) first.get("publicKey");
        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(first.get("dsn")).isEqualTo("https://" + key + "@cron.example.com/1");
        assertThat(tenants.credentials().dsnKey(key)).contains(new DsnKey(key, "acme", "1"));
        assertThat(tenants.credentials().token((String) first.get("token"))).get()
                .satisfies(t -> assertThat(t.organization()).isEqualTo("acme"))
                .satisfies(t -> assertThat(t.name()).isEqualTo("bootstrap"))
                .satisfies(t -> assertThat(t.dateCreated()).isEqualTo(CLOCK.instant()));
        assertThat(tenants.projects().project("acme", "default")).contains(new Project("acme", "1", "default"));
        assertThat(second.get("projectSlug")).isEqualTo("default");
        assertThat(second.get("publicKey")).isNotEqualTo(key);
        assertThat(tenants.credentials().token((String) second.get("token"))).map(ManagementToken::organization).contains("acme");
    }

    @Test
    void refusesUnknownOrMissingOptions_byName() {
        assertThatThrownBy(() -> Bootstrap.Arguments.parse("--project", "1")).hasMessageContaining("--organization");
        assertThatThrownBy(() -> Bootstrap.Arguments.parse("--organization", "acme", "--colour", "red"))
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> Bootstrap.Arguments.parse("--organization")).hasMessageContaining("--organization");
    }

    /** A project slug of digits would read as a project id (docs/spec.md §1): the API refuses it, so does bootstrap. */
    @Test
    void refusesAProjectSlugOfDigits_asTheApiDoes() {
        assertThatThrownBy(() -> Bootstrap.Arguments.parse("--organization", "acme", "--project-slug", "12"))
                .hasMessageContaining("--project-slug").hasMessageContaining("not only digits");
    }
}
