package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.fakes.MutableClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/0/organizations/{org}/processing-errors/}: what was dropped, wherever it was sent. */
class OrganizationProcessingErrorsTest {
    static final String KEY = "0123456789abcdef0123456789abcdef";
    static final String DSN = "http://" + KEY + "@cronwatch.test/1";
    static final String ERRORS = "/api/0/organizations/acme/processing-errors/";

    final InMemoryMonitorStore store = new InMemoryMonitorStore();
    final InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
    final RecordingQueue queue = new RecordingQueue();
    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    Services services;
    HttpApiHandler handler;

    @BeforeEach
    void setUp() {
        tenants.ensureOrganization("acme");
        tenants.ensureProject(new Project("acme", "1", "web"));
        tenants.ensureDsnKey(new DsnKey(KEY, "acme", "1"));
        tenants.ensureToken("acme", "acme-token");
        tenants.ensureOrganization("globex");
        tenants.ensureToken("globex", "globex-token");
        services = new Services(store, tenants, queue, new RecordingPublisher(), clock, UUID::randomUUID,
                Services.Limits.DEFAULTS);
        handler = new HttpApiHandler(services);
    }

    APIGatewayV2HTTPResponse call(String method, String pathAndQuery, String authorization, String body) {
        String[] parts = pathAndQuery.split("\\?", 2);
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(parts[0]).build();
        Map<String, String> headers = new HashMap<>(Map.of("authorization", authorization, "content-type", "application/json"));
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath(parts[0])
                .withRawQueryString(parts.length > 1 ? parts[1] : "").withHeaders(headers)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).build())
                .withBody(body).withIsBase64Encoded(false).build(), null);
    }

    void checkIn(String slug, String body) {
        clock.advance(Duration.ofMinutes(1));
        APIGatewayV2HTTPResponse r = call("POST", "/api/0/organizations/acme/monitors/" + slug + "/checkins/", "DSN " + DSN, body);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(201);
        for (RecordingQueue.Delivery d : queue.takeAll()) services.processor().apply(d.message(), d.sequence());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(APIGatewayV2HTTPResponse r) {
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        return (List<Map<String, Object>>) (List<?>) Json.parseArray(r.getBody());
    }

    @Test
    void aCheckInForAMistypedSlug_isListedForTheOrganization_newestFirst_paged() {
        checkIn("nightly-backup", "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}");
        checkIn("nightly-bakup", "{\"status\": \"ok\"}");                 // the crontab line's typo
        checkIn("nightly-bakup", "{\"status\": \"error\"}");

        List<Map<String, Object>> all = list(call("GET", ERRORS, "Bearer acme-token", null));
        assertThat(all).hasSize(2).allSatisfy(e -> assertThat(e).containsEntry("monitor", "nightly-bakup")
                .containsEntry("name", "MONITOR_NOT_FOUND").containsEntry("type", 11));
        assertThat(all).extracting(e -> e.get("dateAdded")).containsExactly("2026-01-01T00:03:00Z", "2026-01-01T00:02:00Z");

        APIGatewayV2HTTPResponse first = call("GET", ERRORS + "?per_page=1", "Bearer acme-token", null);
        assertThat(list(first)).extracting(e -> e.get("dateAdded")).containsExactly("2026-01-01T00:03:00Z");
        String link = first.getHeaders().get("Link");
        assertThat(link).contains("rel=\"next\"").contains("per_page=1");
        String cursor = link.replaceAll(".*cursor=\"([^\"]+)\".*", "$1");
        APIGatewayV2HTTPResponse second = call("GET", ERRORS + "?per_page=1&cursor="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8), "Bearer acme-token", null);
        assertThat(list(second)).extracting(e -> e.get("dateAdded")).containsExactly("2026-01-01T00:02:00Z");
        assertThat(second.getHeaders()).doesNotContainKey("Link");
    }

    @Test
    void badPagingNamesTheField_andAnotherOrganizationSeesNothing() {
        checkIn("nightly-bakup", "{\"status\": \"ok\"}");
        assertThat(Json.parseObject(call("GET", ERRORS + "?cursor=not-a-cursor", "Bearer acme-token", null).getBody()))
                .containsEntry("field", "cursor");
        assertThat(call("GET", ERRORS + "?per_page=0", "Bearer acme-token", null).getStatusCode()).isEqualTo(400);
        assertThat(call("GET", ERRORS, "Bearer globex-token", null).getStatusCode()).isEqualTo(404);
        assertThat(list(call("GET", "/api/0/organizations/globex/processing-errors/", "Bearer globex-token", null))).isEmpty();
    }
}
