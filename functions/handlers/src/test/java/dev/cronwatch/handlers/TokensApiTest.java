package dev.cronwatch.handlers;

import static dev.cronwatch.handlers.HttpEvents.json;
import static dev.cronwatch.handlers.HttpEvents.list;
import static dev.cronwatch.handlers.HttpEvents.nextCursor;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An organization's management tokens: listed without their secret, made with an expiry, revoked. */
class TokensApiTest {
    static final String TOKENS = "/api/0/organizations/acme/tokens/";
    static final String MONITORS = "/api/0/organizations/acme/monitors/";

    final InMemorySystem system = InMemorySystem.withoutProjects();

    APIGatewayV2HTTPResponse call(HttpApiHandler on, String method, String path, String token, String body) {
        return on.handleRequest(HttpEvents.event(method, path, Map.of("authorization", "Bearer " + token), body), null);
    }

    APIGatewayV2HTTPResponse call(String method, String path, String token, String body) {
        return call(system.handler, method, path, token, body);
    }

    @Test
    void createsATokenThatWorks_showingItsSecretOnce_andListsTokensWithoutIt() {
        APIGatewayV2HTTPResponse created = call("POST", TOKENS, "acme-token", "{\"name\": \"CI\", \"expires_in_days\": 30}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        Map<String, Object> token = json(created);
        String secret = (String) token.get("token");
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(token).containsEntry("name", "CI").containsEntry("dateCreated", "2026-01-01T00:00:00Z")
                .containsEntry("expiresAt", "2026-01-31T00:00:00Z").containsEntry("dateRevoked", null)
                .containsEntry("status", "active").containsEntry("tokenLastCharacters", secret.substring(60));
        assertThat((String) token.get("id")).matches("[0-9a-f]{16}");
        assertThat(call("GET", MONITORS, secret, null).getStatusCode()).isEqualTo(200);

        APIGatewayV2HTTPResponse first = call("GET", TOKENS + "?per_page=1", secret, null);
        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(list(first)).extracting(t -> t.get("name")).containsExactly((Object) null); // acme-token, undated
        APIGatewayV2HTTPResponse second = call("GET", TOKENS + "?per_page=1&cursor=" + nextCursor(first), secret, null);
        assertThat(list(second)).singleElement().satisfies(t -> assertThat(t)
                .containsOnlyKeys("id", "name", "tokenLastCharacters", "dateCreated", "expiresAt", "dateRevoked", "status")
                .containsEntry("id", token.get("id")));
        assertThat(first.getBody() + second.getBody()).doesNotContain(secret).doesNotContain("acme-token");
    }

    @Test
    void aRevokedToken_isRefusedAtOnceHere_andWithinTheKeyTtlElsewhere_sayingWhy() {
        Map<String, Object> made = json(call("POST", TOKENS, "acme-token", "{}"));
        String secret = (String) made.get("token");
        String revokedId = (String) made.get("id");
        HttpApiHandler otherContainer = new HttpApiHandler(system.ingest(), system.management());
        assertThat(call(otherContainer, "GET", MONITORS, secret, null).getStatusCode()).isEqualTo(200);

        assertThat(call("DELETE", TOKENS + revokedId + "/", secret, null).getStatusCode())
                .as("a token may revoke itself").isEqualTo(204);
        APIGatewayV2HTTPResponse refused = call("GET", MONITORS, secret, null);
        assertThat(refused.getStatusCode()).as("refused at once where it was revoked").isEqualTo(401);
        assertThat(json(refused)).containsEntry("field", "authorization");
        assertThat((String) json(refused).get("detail")).contains("revoked");
        assertThat(call(otherContainer, "GET", MONITORS, secret, null).getStatusCode())
                .as("another container trusts what it saw until its trust runs out").isEqualTo(200);
        system.clock.advance(Duration.ofSeconds(10).plusMillis(1));
        assertThat(call(otherContainer, "GET", MONITORS, secret, null).getStatusCode()).isEqualTo(401);

        assertThat(call("DELETE", TOKENS + revokedId + "/", "acme-token", null).getStatusCode())
                .as("revoking again changes nothing").isEqualTo(204);
        assertThat(list(call("GET", TOKENS, "acme-token", null))).filteredOn(t -> t.get("id").equals(revokedId))
                .singleElement().satisfies(t -> assertThat(t).containsEntry("status", "revoked")
                        .containsEntry("dateRevoked", "2026-01-01T00:00:00Z"));
    }

    @Test
    void anExpiredToken_isRefusedFromItsExpiry_sayingSo() {
        String secret = (String) json(call("POST", TOKENS, "acme-token", "{\"expires_at\": \"2026-01-01T01:00:00Z\"}"))
                .get("token");
        HttpApiHandler otherContainer = new HttpApiHandler(system.ingest(), system.management());
        system.clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(call(otherContainer, "GET", MONITORS, secret, null).getStatusCode()).isEqualTo(200);
        system.clock.advance(Duration.ofSeconds(1));
        APIGatewayV2HTTPResponse refused = call(otherContainer, "GET", MONITORS, secret, null);
        assertThat(refused.getStatusCode()).as("even in a container that has just looked it up").isEqualTo(401);
        assertThat((String) json(refused).get("detail")).contains("expired");
        assertThat(list(call("GET", TOKENS, "acme-token", null))).extracting(t -> t.get("status"))
                .containsExactly("active", "expired");
    }

    @Test
    void anotherOrganizationsTokens_areNotFound_andBadInputIsRefusedNamingTheField() {
        String acmeId = (String) list(call("GET", TOKENS, "acme-token", null)).get(0).get("id");
        assertThat(call("GET", TOKENS, "globex-token", null).getStatusCode()).isEqualTo(404);
        assertThat(call("POST", TOKENS, "globex-token", "{}").getStatusCode()).isEqualTo(404);
        assertThat(call("DELETE", TOKENS + acmeId + "/", "globex-token", null).getStatusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/0/organizations/globex/tokens/" + acmeId + "/", "globex-token", null)
                .getStatusCode()).isEqualTo(404);
        assertThat(call("GET", MONITORS, "acme-token", null).getStatusCode()).isEqualTo(200);

        int writes = system.tenants.writes();
        Map<String, String> cases = Map.of(
                "{\"expires_in_days\": 0}", "expires_in_days",
                "{\"expires_in_days\": 3651}", "expires_in_days",
                "{\"expires_in_days\": \"soon\"}", "expires_in_days",
                "{\"expires_at\": \"2025-12-31T23:59:59Z\"}", "expires_at",
                "{\"expires_at\": \"2026-01-01T00:00:00Z\"}", "expires_at",
                "{\"expires_at\": \"tomorrow\"}", "expires_at",
                "{\"expires_at\": \"2027-01-01T00:00:00Z\", \"expires_in_days\": 3}", "expires_at",
                "{\"name\": \"" + "n".repeat(65) + "\"}", "name",
                "{\"name\": \"\\u0000\"}", "name");
        cases.forEach((body, field) -> {
            APIGatewayV2HTTPResponse r = call("POST", TOKENS, "acme-token", body);
            assertThat(r.getStatusCode()).as(body).isEqualTo(400);
            assertThat(json(r)).as(body).containsEntry("field", field);
        });
        assertThat(call("DELETE", TOKENS + "xyz/", "acme-token", null).getStatusCode()).isEqualTo(400);
        assertThat(call("DELETE", TOKENS + "0123456789abcdef/", "acme-token", null).getStatusCode()).isEqualTo(404);
        assertThat(system.tenants.writes()).isEqualTo(writes);
    }
}
