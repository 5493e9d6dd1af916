package dev.cronwatch.handlers;

import static dev.cronwatch.handlers.HttpEvents.json;
import static dev.cronwatch.handlers.HttpEvents.list;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A project's API keys for the Healthchecks API: made with a token, listed without their secret, revoked. */
class ApiKeysApiTest {
    static final String API_KEYS = "/api/0/projects/acme/web/api-keys/";
    static final String CHECKS = "/api/v3/checks/";

    final InMemorySystem system = InMemorySystem.seeded();

    APIGatewayV2HTTPResponse call(String method, String path, String token, String body) {
        return system.handler.handleRequest(HttpEvents.event(method, path, Map.of("authorization", "Bearer " + token), body), null);
    }

    APIGatewayV2HTTPResponse v3(HttpApiHandler on, String key) {
        return on.handleRequest(HttpEvents.event("GET", CHECKS, Map.of("x-api-key", key), null), null);
    }

    @Test
    void makesReadWriteAndReadOnlyKeys_showingTheSecretOnce_andListsThemWithoutIt() {
        APIGatewayV2HTTPResponse rw = call("POST", API_KEYS, "acme-token", "{\"name\": \"scripts\"}");
        assertThat(rw.getStatusCode()).as(rw.getBody()).isEqualTo(201);
        String rwKey = (String) json(rw).get("key");
        assertThat(rwKey).matches("hcw_[a-z0-9]{28}");
        assertThat(json(rw)).containsEntry("name", "scripts").containsEntry("readOnly", false).containsEntry("projectId", "1")
                .containsEntry("keyLastCharacters", rwKey.substring(28)).containsEntry("dateCreated", "2026-01-01T00:00:00Z");
        String roKey = (String) json(call("POST", API_KEYS, "acme-token", "{\"readOnly\": true}")).get("key");
        assertThat(roKey).matches("hcr_[a-z0-9]{28}");

        APIGatewayV2HTTPResponse listed = call("GET", API_KEYS, "acme-token", null);
        assertThat(list(listed)).extracting(k -> k.get("readOnly")).containsExactlyInAnyOrder(false, true);
        assertThat(listed.getBody()).doesNotContain(rwKey).doesNotContain(roKey);
        assertThat(v3(system.handler, rwKey).getStatusCode()).isEqualTo(200);
        assertThat(v3(system.handler, roKey).getStatusCode()).isEqualTo(200);
    }

    @Test
    void refusesWhatIsNotTheOrganizations_andABadReadOnlyFlag() {
        assertThat(call("POST", API_KEYS, "globex-token", "{}").getStatusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/0/projects/acme/nope/api-keys/", "acme-token", "{}").getStatusCode()).isEqualTo(404);
        APIGatewayV2HTTPResponse bad = call("POST", API_KEYS, "acme-token", "{\"readOnly\": \"yes\"}");
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(json(bad)).containsEntry("field", "readOnly");
        assertThat(system.tenants.apiKeys("acme", "1", null, 10).items()).isEmpty();
    }

    @Test
    void aRevokedKey_isRefusedAtOnceHere_andWithinTheKeyTtlElsewhere() {
        Map<String, Object> made = json(call("POST", API_KEYS, "acme-token", "{}"));
        String key = (String) made.get("key");
        HttpApiHandler otherContainer = new HttpApiHandler(system.ingest(), system.management());
        assertThat(v3(otherContainer, key).getStatusCode()).isEqualTo(200);

        assertThat(call("DELETE", API_KEYS + made.get("id") + "/", "acme-token", null).getStatusCode()).isEqualTo(204);
        assertThat(v3(system.handler, key).getStatusCode()).isEqualTo(401);
        assertThat(v3(otherContainer, key).getStatusCode()).isEqualTo(200);
        system.clock.advance(Duration.ofSeconds(10).plusMillis(1));
        assertThat(v3(otherContainer, key).getStatusCode()).isEqualTo(401);
        assertThat(call("DELETE", API_KEYS + made.get("id") + "/", "acme-token", null).getStatusCode()).isEqualTo(404);
    }
}
