package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.http.PathSegment;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.healthchecks.CheckSpec;
import dev.cronwatch.core.healthchecks.CheckView;
import dev.cronwatch.core.healthchecks.PingLogEntry;
import dev.cronwatch.core.healthchecks.StackChannel;
import dev.cronwatch.core.monitor.KeywordFilter;
import dev.cronwatch.core.monitor.Ping;
import dev.cronwatch.core.service.BadgeService;
import dev.cronwatch.core.service.HealthchecksService;
import dev.cronwatch.core.service.NotFoundException;
import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Healthchecks' management API v3 (docs/spec.md §14.3), authenticated by a project's API key in
 * {@code X-Api-Key} (or {@code api_key} in a POST's JSON body), answering in Healthchecks' shapes: its
 * JSON field names, {@code {"error": "<text>"}} refusals in its words, and its CORS headers.
 */
record HealthchecksApi(HealthchecksService checks, BadgeService badges, Credentials credentials, Clock clock) {
    static final String PREFIX = "/api/v3";
    /** Healthchecks' ping log limit for a paid account, the most its API returns. */
    private static final int PINGS_LIMIT = 1000;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'")
            .withZone(ZoneOffset.UTC);

    /** {@code GET checks/[?tag=…][&slug=…]}: read-only keys too. */
    APIGatewayV2HTTPResponse list(Request request) {
        return answer(request, false, (key, body) -> {
            String slug = request.query().get("slug");
            List<CheckView> found = checks.list(key, new HashSet<>(request.queryValues("tag")), slug);
            return json(200, Map.of("checks", found.stream().map(c -> view(c, key, request)).toList()));
        });
    }

    /** {@code POST checks/}: 201 a new check, 200 an existing one that {@code unique} matched. */
    APIGatewayV2HTTPResponse create(Request request) {
        return answer(request, true, (key, body) -> {
            HealthchecksService.Created created = checks.create(key, CheckSpec.parse(body));
            return json(created.created() ? 201 : 200, view(created.check(), key, request));
        });
    }

    /** {@code GET checks/<uuid>} or {@code checks/<unique_key>}. */
    APIGatewayV2HTTPResponse get(Request request, String code) {
        return answer(request, false, (key, body) -> json(200, view(checks.get(key, code), key, request)));
    }

    /** {@code POST checks/<uuid>}: the fields sent change, the others stay. */
    APIGatewayV2HTTPResponse update(Request request, String code) {
        return answer(request, true, (key, body) -> json(200, view(checks.update(key, code, CheckSpec.parse(body)), key, request)));
    }

    /** {@code DELETE checks/<uuid>}: the check as it was. */
    APIGatewayV2HTTPResponse delete(Request request, String code) {
        return answer(request, true, (key, body) -> json(200, view(checks.delete(key, code), key, request)));
    }

    APIGatewayV2HTTPResponse pause(Request request, String code) {
        return answer(request, true, (key, body) -> json(200, view(checks.pause(key, code), key, request)));
    }

    APIGatewayV2HTTPResponse resume(Request request, String code) {
        return answer(request, true, (key, body) -> json(200, view(checks.resume(key, code), key, request)));
    }

    /** {@code GET checks/<uuid>/pings/}: read-write keys only, newest first. */
    APIGatewayV2HTTPResponse pings(Request request, String code) {
        return answer(request, true, (key, body) -> {
            String bodies = SiteRoot.of(request) + PREFIX + "/checks/" + code + "/pings/";
            List<Map<String, Object>> out = checks.pings(key, code, PINGS_LIMIT).stream().map(p -> ping(p, bodies)).toList();
            return json(200, Map.of("pings", out));
        });
    }

    /** {@code GET checks/<uuid>/pings/<n>/body}: the body as text; 404 when the ping came without one. */
    APIGatewayV2HTTPResponse pingBody(Request request, String code, String n) {
        return answer(request, true, (key, body) -> {
            if (!n.matches("[0-9]{1,18}")) return HealthchecksAnswers.error(404, "not found");
            byte[] content = checks.pingBody(key, code, Long.parseLong(n), PINGS_LIMIT);
            return HealthchecksAnswers.text(200, new String(content, StandardCharsets.UTF_8));
        });
    }

    /** {@code GET checks/<uuid or unique_key>/flips/[?seconds=|start=|end=]}. */
    APIGatewayV2HTTPResponse flips(Request request, String code) {
        return answer(request, false, (key, body) -> {
            Instant from = null;
            Instant to = null;
            try {
                String seconds = request.query().get("seconds");
                String start = request.query().get("start");
                String end = request.query().get("end");
                if (seconds != null) from = clock.instant().minusSeconds(Long.parseLong(seconds));
                if (start != null) from = Instant.ofEpochSecond(Long.parseLong(start));
                if (end != null) to = Instant.ofEpochSecond(Long.parseLong(end));
            } catch (NumberFormatException | java.time.DateTimeException | ArithmeticException e) {
                // a number that is no instant is as malformed as one that is no number
                return HealthchecksAnswers.empty(400);
            }
            List<Map<String, Object>> flips = checks.flips(key, code, from, to).stream()
                    .map(f -> Map.<String, Object>of("timestamp", time(f.getKey()), "up", f.getValue() ? 1 : 0)).toList();
            return json(200, Map.of("flips", flips));
        });
    }

    /** {@code GET badges/}: every tag's badge URLs, and {@code *}'s for the whole project. */
    APIGatewayV2HTTPResponse badges(Request request) {
        return answer(request, false, (key, body) -> {
            Map<String, Map<String, String>> urls = new LinkedHashMap<>();
            badges.urls(key).forEach((tag, forms) -> {
                Map<String, String> absolute = new LinkedHashMap<>();
                forms.forEach((form, path) -> absolute.put(form, SiteRoot.of(request) + badgePath(path)));
                urls.put(tag, absolute);
            });
            return json(200, Map.of("badges", urls));
        });
    }

    private static String badgePath(BadgeService.BadgePath p) {
        String tag = p.tag() == null ? "" : "/" + PathSegment.encode(p.tag());
        return "/badge/" + p.badgeKey() + "/" + p.signature() + tag + "." + p.format();
    }

    /** {@code GET channels/}: read-write keys only; the stack's one channel (its SNS topic). */
    APIGatewayV2HTTPResponse channels(Request request) {
        return answer(request, true, (key, body) -> json(200, Map.of("channels", List.of(Map.of(
                "id", StackChannel.ID, "name", StackChannel.NAME, "kind", StackChannel.KIND)))));
    }

    /** {@code GET status/}: {@code OK} while the service answers. */
    APIGatewayV2HTTPResponse status(Request request) {
        return HealthchecksAnswers.text(200, "OK");
    }

    /** {@code OPTIONS} on any route: the CORS preflight Healthchecks answers. */
    APIGatewayV2HTTPResponse preflight(Request request) {
        return HealthchecksAnswers.empty(204);
    }

    private interface Action {
        APIGatewayV2HTTPResponse run(ApiKey key, Map<String, Object> body);
    }

    /**
     * Healthchecks' order: a POST's body is parsed first (its {@code api_key} may authenticate), then the
     * key is checked (32 characters, else {@code missing api key}; unknown, or read-only on a route that
     * writes, {@code wrong api key}); refusals of the body and the check in Healthchecks' words.
     */
    private APIGatewayV2HTTPResponse answer(Request request, boolean write, Action action) {
        Map<String, Object> body = Map.of();
        if (request.method().equals("POST") && request.hasBody()) {
            Object parsed;
            try {
                parsed = Json.parse(new String(request.body(), StandardCharsets.UTF_8));
            } catch (Json.MalformedJsonException e) {
                return HealthchecksAnswers.error(400, "could not parse request body");
            }
            if (!(parsed instanceof Map<?, ?> map)) return HealthchecksAnswers.error(400, "json validation error: value is not an object");
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            body = object;
        }
        String secret = request.header("x-api-key");
        if (secret == null && write && body.get("api_key") != null) secret = String.valueOf(body.get("api_key"));
        if (secret == null || secret.length() != ApiKey.LENGTH) return HealthchecksAnswers.error(401, "missing api key");
        ApiKey key = credentials.apiKey(secret).filter(k -> !write || !k.readOnly()).orElse(null);
        if (key == null) return HealthchecksAnswers.error(401, "wrong api key");
        try {
            return action.run(key, body);
        } catch (FieldError e) {
            return HealthchecksAnswers.error(400, e.detail());
        } catch (NotFoundException e) {
            return HealthchecksAnswers.error(404, "not found");
        } catch (HealthchecksService.ForbiddenException e) {
            return HealthchecksAnswers.empty(403);
        } catch (HealthchecksService.NotPausedException e) {
            return HealthchecksAnswers.text(409, "check is not paused");
        }
    }

    private static APIGatewayV2HTTPResponse json(int status, Object body) {
        return HealthchecksAnswers.json(status, body);
    }

    /** Healthchecks' {@code Check.to_dict}: a read-only key sees no uuid nor URLs, and the unique key instead. */
    private Map<String, Object> view(CheckView c, ApiKey key, Request request) {
        String root = SiteRoot.of(request);
        KeywordFilter filter = c.filter();
        Map<String, Object> json = Json.object("name", c.name(), "slug", c.slug(), "tags", c.tags(), "desc", c.desc(),
                "grace", c.grace(), "n_pings", c.nPings(), "status", c.status(), "started", c.started(),
                "last_ping", time(c.lastPing()), "next_ping", time(c.nextPing()), "manual_resume", c.manualResume(),
                "methods", c.methods(),
                "subject", filter.subject() ? filter.successKeywords() : "",
                "subject_fail", filter.subject() ? filter.failureKeywords() : "",
                "start_kw", filter.startKeywords(), "success_kw", filter.successKeywords(),
                "failure_kw", filter.failureKeywords(), "filter_subject", filter.subject(), "filter_body", filter.body(),
                "filter_http_body", filter.httpBody(), "filter_default_fail", filter.defaultFail());
        json.put("badge_url", badges.checkPath(key, c.slug(), "svg", false).map(path -> root + path).orElse(null));
        if (c.lastDuration() != null) json.put("last_duration", c.lastDuration());
        if (key.readOnly()) {
            json.put("unique_key", HealthchecksService.uniqueKey(c.code()));
        } else {
            json.put("uuid", c.code());
            json.put("ping_url", root + "/ping/" + c.code());
            String update = root + PREFIX + "/checks/" + c.code();
            json.put("update_url", update);
            json.put("pause_url", update + "/pause");
            json.put("resume_url", update + "/resume");
            json.put("channels", c.channels());
        }
        if (c.timeout() != null) {
            json.put("timeout", c.timeout());
        } else {
            json.put("schedule", c.schedule());
            json.put("tz", c.tz());
        }
        return json;
    }

    /** Healthchecks' {@code Ping.to_dict}. */
    private static Map<String, Object> ping(PingLogEntry entry, String bodies) {
        Ping ping = entry.ping();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", entry.type());
        json.put("date", time(entry.date()));
        json.put("n", entry.n());
        json.put("scheme", ping == null || ping.scheme() == null ? "http" : ping.scheme());
        json.put("remote_addr", ping == null ? null : ping.remoteAddr());
        json.put("method", ping == null ? null : ping.method());
        json.put("ua", ping == null || ping.userAgent() == null ? "" : ping.userAgent());
        json.put("rid", ping == null ? null : ping.rid());
        json.put("body_url", entry.bodyId() == null ? null : bodies + entry.n() + "/body");
        if (entry.durationMs() != null) json.put("duration", Math.round(entry.durationMs() / 10.0) / 100.0);
        return json;
    }

    /** Healthchecks' timestamps: ISO 8601 with {@code +00:00} and no fraction. */
    static String time(Instant instant) {
        return instant == null ? null : ISO.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
