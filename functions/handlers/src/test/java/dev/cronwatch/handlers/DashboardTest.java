package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.testing.RecordingClassLoader;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.handlers.http.Dashboard;
import dev.cronwatch.handlers.http.HttpRoutes;
import dev.cronwatch.handlers.http.Request;
import dev.cronwatch.handlers.usecases.ManagementServices;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The dashboard's files as the HTTP function serves them: types, caching, compression, and the page's policy. */
class DashboardTest {
    final HttpApiHandler handler = InMemorySystem.seeded().handler;
    final String version = Dashboard.fromClasspath().version();

    APIGatewayV2HTTPResponse get(String path, Map<String, String> headers) {
        return handler.handleRequest(HttpEvents.event("GET", path, headers, null), null);
    }

    static String text(APIGatewayV2HTTPResponse r) throws IOException {
        byte[] body = r.getIsBase64Encoded() ? Base64.getDecoder().decode(r.getBody()) : r.getBody().getBytes(StandardCharsets.UTF_8);
        if ("gzip".equals(r.getHeaders().get("Content-Encoding"))) {
            body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Issue 29: a management function's cold start serving an API call does not read, hash and compress them. */
    @Test
    void theFilesAreReadOnTheFirstPageRequest_notWhenTheRoutesAreBuilt() throws Exception {
        try (RecordingClassLoader loader = new RecordingClassLoader()) {
            Runnable firstPage = loader.newInstance(ManagementRoutes.class, Runnable.class);
            assertThat(loader.resources()).noneMatch(name -> name.startsWith("dashboard/"));
            firstPage.run();
            assertThat(loader.resources()).contains("dashboard/index.html", "dashboard/app.js");
        }
    }

    /** Loaded by the recording loader: the management function's routes, then its first page request. */
    public static final class ManagementRoutes implements Runnable {
        private final HttpRoutes routes = HttpRoutes.management(new ManagementServices(null, null, null, null, null, null,
                new InMemoryTenantDirectory(), Clock.systemUTC(), Metrics.NONE));

        @Override
        public void run() {
            assertThat(routes.handle(Request.of(HttpEvents.event("GET", "/", Map.of(), null))).getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void servesThePageAtTheRoot_revalidatedEveryLoad_underAStrictPolicy() throws IOException {
        APIGatewayV2HTTPResponse page = get("/", Map.of());

        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("Cache-Control", "no-cache").containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Referrer-Policy", "no-referrer").containsKey("ETag");
        String policy = page.getHeaders().get("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'", "require-trusted-types-for 'script'").doesNotContain("unsafe", "http:", "https:");
        String html = text(page);
        assertThat(html).contains("<script type=\"module\" src=\"/assets/" + version + "/app.js\"></script>")
                .doesNotContain("{{version}}", "style=", "onclick", "http://", "https://");
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>").matcher(html).find()).as("an inline script").isFalse();
    }

    @Test
    void everyFileThePageLinksIsServed_withItsType_andCachedForAYear() throws IOException {
        String html = text(get("/", Map.of()));
        Matcher links = Pattern.compile("(?:href|src)=\"(/assets/[^\"]+)\"").matcher(html);
        int found = 0;
        while (links.find()) {
            APIGatewayV2HTTPResponse asset = get(links.group(1), Map.of());
            assertThat(asset.getStatusCode()).as(links.group(1)).isEqualTo(200);
            assertThat(asset.getHeaders().get("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
            assertThat(asset.getHeaders().get("Content-Type")).as(links.group(1))
                    .isIn("text/javascript; charset=utf-8", "text/css; charset=utf-8", "image/svg+xml");
            found++;
        }
        assertThat(found).isGreaterThanOrEqualTo(3);
    }

    @Test
    void everyFileOfTheFolderIsListed_soNoImportIsLeftUnserved() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getClassLoader().getResource("dashboard/index.html").toURI()).getParent();
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("index.html")).toList();
            for (String name : names) {
                assertThat(get("/assets/" + version + "/" + name, Map.of()).getStatusCode()).as(name).isEqualTo(200);
            }
        }
        String app = text(get("/assets/" + version + "/monitors.js", Map.of()));
        Matcher imports = Pattern.compile("from '\\./([a-z]+\\.js)'").matcher(app);
        while (imports.find()) {
            assertThat(get("/assets/" + version + "/" + imports.group(1), Map.of()).getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void compressesForBrowsersThatAcceptIt_andAnswers304ToAKnownTag() throws IOException {
        String path = "/assets/" + version + "/monitor.js";
        APIGatewayV2HTTPResponse plain = get(path, Map.of());
        APIGatewayV2HTTPResponse gzip = get(path, Map.of("accept-encoding", "gzip, deflate, br"));

        assertThat(gzip.getHeaders()).containsEntry("Content-Encoding", "gzip").containsEntry("Vary", "Accept-Encoding");
        assertThat(plain.getHeaders()).doesNotContainKey("Content-Encoding");
        assertThat(text(gzip)).isEqualTo(text(plain));
        assertThat(Base64.getDecoder().decode(gzip.getBody()).length).isLessThan(text(plain).length() / 2);
        assertThat(gzip.getHeaders().get("ETag")).isNotEqualTo(plain.getHeaders().get("ETag"));
        assertThat(get(path, Map.of("accept-encoding", "gzip;q=0")).getHeaders()).doesNotContainKey("Content-Encoding");

        APIGatewayV2HTTPResponse again = get(path, Map.of("accept-encoding", "gzip", "if-none-match", gzip.getHeaders().get("ETag")));
        assertThat(again.getStatusCode()).isEqualTo(304);
        assertThat(again.getBody()).isNull();
        assertThat(get(path, Map.of("if-none-match", "\"other\"")).getStatusCode()).isEqualTo(200);
        assertThat(get("/", Map.of("if-none-match", get("/", Map.of()).getHeaders().get("ETag"))).getStatusCode()).isEqualTo(304);
    }

    @Test
    void anOldVersionOrAnUnknownFileIsGone() {
        assertThat(get("/assets/000000000000/app.js", Map.of()).getStatusCode()).isEqualTo(404);
        assertThat(get("/assets/" + version + "/secrets.txt", Map.of()).getStatusCode()).isEqualTo(404);
        assertThat(get("/assets/" + version + "/..%2Findex.html", Map.of()).getStatusCode()).isEqualTo(404);
        assertThat(get("/assets/" + version + "/../../etc/passwd", Map.of()).getStatusCode()).isEqualTo(404);
    }

    @Test
    void theScriptsBuildThePageWithoutParsingMarkup() throws IOException {
        for (String name : List.of("app.js", "api.js", "dom.js", "format.js", "status.js", "signin.js", "monitors.js",
                "timeline.js", "monitor.js", "monitoractions.js", "monitorcheckins.js", "monitorenvironments.js",
                "monitorhistory.js", "chart.js", "setup.js", "errors.js", "firstrun.js", "monitorform.js")) {
            String script = text(get("/assets/" + version + "/" + name, Map.of()));
            assertThat(script).as(name).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                    "eval(", "new Function", "localStorage");
        }
    }
}
