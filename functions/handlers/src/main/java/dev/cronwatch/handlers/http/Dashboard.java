package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's files, from the classpath: the page at {@code /} and its scripts, styles and icon
 * under {@code /assets/<version>/}, where the version is a digest of them all. The page is
 * revalidated on every load (ETag), the assets are cached for a year: a new deployment changes the
 * version, so no browser keeps an old script. Everything is compressed once, at load.
 */
public final class Dashboard {
    /** Every file the page loads; {@code DashboardTest} checks that no file of the folder is missing here. */
    static final List<String> ASSETS = List.of("app.js", "api.js", "dom.js", "format.js", "status.js", "signin.js",
            "monitors.js", "timeline.js", "monitor.js", "monitoractions.js", "monitorcheckins.js",
            "monitorenvironments.js", "monitorhistory.js", "chart.js", "setup.js", "errors.js", "firstrun.js",
            "monitorform.js", "style.css", "favicon.svg");
    static final String FOLDER = "dashboard/";

    /**
     * Same origin only, no inline script or style, and Trusted Types enforced: the scripts build the
     * page with DOM calls and text nodes, so a monitor named like markup stays text.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
            + "require-trusted-types-for 'script'; trusted-types 'none'";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private record File(String contentType, byte[] raw, byte[] gzip, String etag) {
    }

    private final String version;
    private final File page;
    private final Map<String, File> assets = new LinkedHashMap<>();

    private Dashboard(String version, File page, Map<String, File> assets) {
        this.version = version;
        this.page = page;
        this.assets.putAll(assets);
    }

    public static Dashboard fromClasspath() {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        MessageDigest all = sha256();
        for (String name : ASSETS) {
            byte[] bytes = read(FOLDER + name);
            contents.put(name, bytes);
            all.update(name.getBytes(StandardCharsets.UTF_8));
            all.update(bytes);
        }
        String version = HexFormat.of().formatHex(all.digest()).substring(0, 12);
        Map<String, File> files = new LinkedHashMap<>();
        contents.forEach((name, bytes) -> files.put(name, file(contentType(name), bytes)));
        String html = new String(read(FOLDER + "index.html"), StandardCharsets.UTF_8).replace("{{version}}", version);
        return new Dashboard(version, file("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8)), files);
    }

    public String version() {
        return version;
    }

    APIGatewayV2HTTPResponse page(Request request) {
        return respond(request, page, "no-cache");
    }

    /** An asset of another version (a page from before a deployment) is gone: 404, never today's file under an old name. */
    APIGatewayV2HTTPResponse asset(Request request, String assetVersion, String name) {
        File file = assets.get(name);
        if (file == null || !version.equals(assetVersion)) {
            return withSecurityHeaders(Response.error(404, null, "No such file."));
        }
        return respond(request, file, IMMUTABLE);
    }

    /** Each encoding has its own entity tag, as a strong validator must. */
    private static APIGatewayV2HTTPResponse respond(Request request, File file, String cacheControl) {
        boolean gzip = Gzip.accepted(request);
        String etag = gzip ? file.etag().replaceFirst("\"$", "-gz\"") : file.etag();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", cacheControl);
        headers.put("ETag", etag);
        headers.put("Vary", "Accept-Encoding");
        String ifNoneMatch = request.header("if-none-match");
        if (ifNoneMatch != null && List.of(ifNoneMatch.trim().split("\\s*,\\s*")).contains(etag)) {
            return withSecurityHeaders(APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(headers).build());
        }
        headers.put("Content-Type", file.contentType());
        if (gzip) headers.put("Content-Encoding", "gzip");
        return withSecurityHeaders(APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers)
                .withBody(Base64.getEncoder().encodeToString(gzip ? file.gzip() : file.raw()))
                .withIsBase64Encoded(true).build());
    }

    private static APIGatewayV2HTTPResponse withSecurityHeaders(APIGatewayV2HTTPResponse response) {
        Map<String, String> headers = new LinkedHashMap<>(response.getHeaders());
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        response.setHeaders(headers);
        return response;
    }

    private static File file(String contentType, byte[] raw) {
        String etag = "\"" + HexFormat.of().formatHex(sha256().digest(raw)).substring(0, 16) + "\"";
        return new File(contentType, raw, Gzip.compress(raw), etag);
    }

    private static String contentType(String name) {
        if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
        if (name.endsWith(".css")) return "text/css; charset=utf-8";
        if (name.endsWith(".svg")) return "image/svg+xml";
        throw new IllegalArgumentException("no content type for " + name);
    }

    private static byte[] read(String resource) {
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
