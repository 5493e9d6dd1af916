package dev.cronwatch.handlers;

import static dev.cronwatch.handlers.HttpEvents.json;
import static dev.cronwatch.handlers.HttpEvents.list;
import static dev.cronwatch.handlers.HttpEvents.nextCursor;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An organization onboards itself: projects and DSN keys through the management API, and revokes keys. */
class OnboardingApiTest {
    static final String PROJECTS = "/api/0/organizations/acme/projects/";

    /** No project yet: those this test creates through the API are numbered from 1. */
    final InMemorySystem system = InMemorySystem.withoutProjects();

    static APIGatewayV2HTTPResponse call(HttpApiHandler on, String method, String pathAndQuery, Map<String, String> headers,
                                         String body) {
        return on.handleRequest(HttpEvents.event(method, pathAndQuery, headers, body), null);
    }

    APIGatewayV2HTTPResponse call(String method, String path, String token, String body) {
        return call(system.handler, method, path, Map.of("authorization", "Bearer " + token, "host", "cron.example.com",
                "x-forwarded-proto", "https"), body);
    }

    @Test
    void createsAndListsProjects_inSentrysShape() {
        APIGatewayV2HTTPResponse created = call("POST", PROJECTS, "acme-token", "{\"name\": \"Nightly Jobs\"}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        assertThat(json(created)).containsOnlyKeys("id", "slug", "name", "dateCreated")
                .containsEntry("id", "1").containsEntry("slug", "nightly-jobs").containsEntry("name", "Nightly Jobs")
                .containsEntry("dateCreated", "2026-01-01T00:00:00Z");
        assertThat(json(call("POST", PROJECTS, "acme-token", "{\"name\": \"Web\", \"slug\": \"web\"}")))
                .containsEntry("id", "2");

        APIGatewayV2HTTPResponse first = call("GET", PROJECTS + "?per_page=1", "acme-token", null);
        assertThat(list(first)).extracting(p -> p.get("slug")).containsExactly("nightly-jobs");
        assertThat(first.getHeaders().get("Link")).contains("rel=\"next\"").contains("per_page=1");
        String cursor = nextCursor(first);
        assertThat(list(call("GET", PROJECTS + "?per_page=1&cursor=" + cursor, "acme-token", null)))
                .extracting(p -> p.get("slug")).containsExactly("web");
        assertThat(list(call("GET", "/api/0/organizations/globex/projects/", "globex-token", null))).isEmpty();
    }

    @Test
    void refusesBadOrTakenProjectNamesAndSlugs_namingTheField() {
        call("POST", PROJECTS, "acme-token", "{\"name\": \"Web\"}");
        int writes = system.tenants.writes();
        Map<String, String> cases = Map.of(
                "{\"name\": \"Web\"}", "slug",
                "{\"name\": \"Other\", \"slug\": \"web\"}", "slug",
                "{\"name\": \"x\", \"slug\": \"Web#1\"}", "slug",
                "{\"name\": \"x\", \"slug\": \"-web\"}", "slug",
                "{\"name\": \"x\", \"slug\": \"123\"}", "slug",
                "{\"name\": \"x\", \"slug\": \"" + "s".repeat(51) + "\"}", "slug",
                "{\"name\": \"!!!\"}", "slug",
                "{\"slug\": \"ok\"}", "name",
                "{\"name\": \"" + "n".repeat(201) + "\"}", "name",
                "{\"name\": 7}", "name");
        cases.forEach((body, field) -> {
            APIGatewayV2HTTPResponse r = call("POST", PROJECTS, "acme-token", body);
            assertThat(r.getStatusCode()).as(body).isBetween(400, 409);
            assertThat(json(r)).as(body).containsEntry("field", field);
        });
        assertThat(call("POST", PROJECTS, "acme-token", "{\"name\": \"Web\"}").getStatusCode()).isEqualTo(409);
        assertThat(system.tenants.writes()).isEqualTo(writes);
        assertThat(call("POST", "/api/0/organizations/globex/projects/", "globex-token", "{\"name\": \"Web\"}")
                .getStatusCode()).as("slugs are per organization").isEqualTo(201);
    }

    @Test
    void createsListsAndRevokesKeys_andARevokedKeyIsRefusedFromThenOn() {
        call("POST", PROJECTS, "acme-token", "{\"name\": \"Web\"}");
        APIGatewayV2HTTPResponse created = call("POST", "/api/0/projects/acme/web/keys/", "acme-token", "{\"name\": \"CI\"}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        Map<String, Object> key = json(created);
        String publicKey = (String) key.get("public");
        assertThat(publicKey).matches("[0-9a-f]{32}");
        assertThat(key).containsEntry("id", publicKey).containsEntry("name", "CI")
                .containsEntry("dsn", Map.of("public", "https://" + publicKey + "@cron.example.com/1"))
                .containsEntry("dateCreated", "2026-01-01T00:00:00Z");
        system.clock.advance(Duration.ofSeconds(1));
        String second = (String) json(call("POST", "/api/0/projects/acme/1/keys/", "acme-token", null)).get("public");
        assertThat(list(call("GET", "/api/0/projects/acme/web/keys/", "acme-token", null)))
                .extracting(k -> k.get("public")).containsExactly(publicKey, second);

        // the key works, in this container and in another one that has seen it
        HttpApiHandler otherContainer = new HttpApiHandler(system.ingest(), system.management());
        String dsn = "DSN https://" + publicKey + "@cron.example.com/1";
        String checkIn = "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}";
        String path = "/api/0/organizations/acme/monitors/job/checkins/";
        assertThat(call(system.handler, "POST", path, Map.of("authorization", dsn), checkIn).getStatusCode()).isEqualTo(201);
        assertThat(call(otherContainer, "POST", path, Map.of("authorization", dsn), checkIn).getStatusCode()).isEqualTo(201);

        assertThat(call("DELETE", "/api/0/projects/acme/web/keys/" + publicKey + "/", "globex-token", null).getStatusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", "/api/0/projects/acme/web/keys/" + publicKey + "/", "acme-token", null).getStatusCode())
                .isEqualTo(204);
        int queued = system.queue.messages().size();
        assertThat(call(system.handler, "POST", path, Map.of("authorization", dsn), checkIn).getStatusCode())
                .as("refused at once where it was revoked").isEqualTo(401);
        system.clock.advance(Duration.ofSeconds(10).plusMillis(1));
        assertThat(call(otherContainer, "POST", path, Map.of("authorization", dsn), checkIn).getStatusCode())
                .as("and everywhere once a container's trust in it has run out").isEqualTo(401);
        assertThat(system.queue.messages()).hasSize(queued);
        assertThat(list(call("GET", "/api/0/projects/acme/web/keys/", "acme-token", null)))
                .extracting(k -> k.get("public")).containsExactly(second);
        assertThat(call("DELETE", "/api/0/projects/acme/web/keys/" + publicKey + "/", "acme-token", null).getStatusCode())
                .isEqualTo(404);
    }

    @Test
    void keysOfAnotherProjectOrOrganization_areNotFound_andMalformedIdsAreRefused() {
        call("POST", PROJECTS, "acme-token", "{\"name\": \"Web\"}");
        call("POST", PROJECTS, "acme-token", "{\"name\": \"Jobs\"}");
        String webKey = (String) json(call("POST", "/api/0/projects/acme/web/keys/", "acme-token", null)).get("public");
        assertThat(call("DELETE", "/api/0/projects/acme/jobs/keys/" + webKey + "/", "acme-token", null).getStatusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/api/0/projects/acme/web/keys/", "globex-token", null).getStatusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/0/projects/acme/web/keys/", "globex-token", null).getStatusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/0/projects/acme/nope/keys/", "acme-token", null).getStatusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/0/projects/acme/we%23b/keys/", "acme-token", null).getStatusCode()).isEqualTo(400);
        assertThat(call("DELETE", "/api/0/projects/acme/web/keys/xyz/", "acme-token", null).getStatusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/0/projects/acme/web/keys/", "acme-token", "{\"name\": \"\\u0000\"}").getStatusCode())
                .isEqualTo(400);
        assertThat(system.tenants.dsnKey(webKey)).isPresent();
    }

    @Test
    void aKeysDsnNamesTheHostItWasAskedOn_andLocalModeIsPlainHttp() {
        call("POST", PROJECTS, "acme-token", "{\"name\": \"Web\"}");
        APIGatewayV2HTTPResponse local = call(system.handler, "POST", "/api/0/projects/acme/web/keys/",
                Map.of("authorization", "Bearer acme-token", "host", "127.0.0.1:8080"), null);
        assertThat(json(local).get("dsn")).asString().startsWith("{public=http://").endsWith("@127.0.0.1:8080/1}");
        APIGatewayV2HTTPResponse hostile = call(system.handler, "POST", "/api/0/projects/acme/web/keys/",
                Map.of("authorization", "Bearer acme-token", "host", "evil.example/<script>"), null);
        assertThat(json(hostile).get("dsn")).asString().endsWith("@localhost/1}");
    }
}
