package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a user's scripts do to a running cronwatch: real HTTP requests on loopback. */
final class LocalApi {
    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalCredentials credentials;

    LocalApi(LocalCredentials credentials) {
        this.credentials = credentials;
    }

    record Response(int status, Object body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return (Map<String, Object>) body;
        }
    }

    Response send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(credentials.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (body != null) request.header("Content-Type", "application/json");
        return exchange(request.build());
    }

    private Response exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Response(response.statusCode(), text == null || text.isBlank() ? null : Json.parse(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A file as a multipart form's "file" field, with the DSN: how sentry-cli uploads a run's log. */
    Response sendMultipart(String path, String filename, String content) {
        String boundary = "cronwatch-" + Long.toHexString(System.nanoTime());
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(credentials.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Authorization", "DSN " + credentials.dsn())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).build();
        return exchange(request);
    }

    String organization() {
        return credentials.organization();
    }

    String projectId() {
        return credentials.projectId();
    }

    String token() {
        return credentials.token();
    }

    private Map<String, String> dsn() {
        return Map.of("Authorization", "DSN " + credentials.dsn());
    }

    Map<String, String> bearer() {
        return Map.of("Authorization", "Bearer " + credentials.token());
    }

    private String monitors() {
        return "/api/0/organizations/" + credentials.organization() + "/monitors/";
    }

    /** POST a check-in; returns its id. */
    String checkIn(String slug, String json) {
        Response r = postCheckIn(slug, json);
        assertThat(r.status()).as("POST check-in %s: %s", json, r.body()).isEqualTo(201);
        return (String) r.object().get("id");
    }

    /** POST a check-in, whatever the answer. */
    Response postCheckIn(String slug, String json) {
        return send("POST", monitors() + slug + "/checkins/", dsn(), json);
    }

    void update(String slug, String idOrLatest, String json) {
        Response r = putCheckIn(slug, idOrLatest, json);
        assertThat(r.status()).as("PUT check-in %s: %s", json, r.body()).isEqualTo(202);
    }

    /** PUT a check-in's update, whatever the answer. */
    Response putCheckIn(String slug, String idOrLatest, String json) {
        return send("PUT", monitors() + slug + "/checkins/" + idOrLatest + "/", dsn(), json);
    }

    /** Sentry's relay URL, as crontab lines call it. */
    void relay(String slug, String query, String json) {
        String path = "/api/" + credentials.projectId() + "/cron/" + slug + "/" + credentials.publicKey() + "/?" + query;
        Response r = send(json == null ? "GET" : "POST", path, Map.of(), json);
        assertThat(r.status()).as("relay %s: %s", query, r.body()).isEqualTo(202);
    }

    Map<String, Object> monitor(String slug) {
        Response r = send("GET", monitors() + slug + "/", bearer(), null);
        assertThat(r.status()).as("GET monitor %s: %s", slug, r.body()).isEqualTo(200);
        return r.object();
    }

    Map<String, Object> environment(String slug, String name) {
        return list(monitor(slug).get("environments")).stream().filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no environment " + name + " in " + slug));
    }

    /** Newest first. */
    List<Map<String, Object>> checkIns(String slug) {
        return list(get(monitors() + slug + "/checkins/"));
    }

    List<Map<String, Object>> incidents(String slug) {
        return list(get(monitors() + slug + "/incidents/"));
    }

    List<Map<String, Object>> processingErrors(String slug) {
        return list(get(monitors() + slug + "/processing-errors/"));
    }

    /** Every monitor's, newest first: {@code GET /api/0/organizations/{org}/processing-errors/}. */
    List<Map<String, Object>> organizationProcessingErrors() {
        return list(get("/api/0/organizations/" + credentials.organization() + "/processing-errors/"));
    }

    List<Map<String, Object>> notifications() {
        return list(send("GET", "/_local/notifications", Map.of(), null).body());
    }

    Response moveClock(Instant now) {
        return send("POST", "/_local/clock", Map.of(), Json.write(Map.of("now", now.toString())));
    }

    private Object get(String path) {
        Response r = send("GET", path, bearer(), null);
        assertThat(r.status()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return r.body();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object json) {
        return (List<Map<String, Object>>) json;
    }
}
