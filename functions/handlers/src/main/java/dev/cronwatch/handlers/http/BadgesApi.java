package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.healthchecks.BadgeSignature;
import dev.cronwatch.core.healthchecks.BadgeStatus;
import dev.cronwatch.core.healthchecks.BadgeSvg;
import dev.cronwatch.core.service.BadgeService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Healthchecks' status badges (docs/spec.md §14.4), at URLs whose key and signature are the only
 * credentials: SVG, JSON and Shields.io's endpoint format, per tag, for the whole project, and per
 * monitor. Each costs one read of the project's badge summary and may be cached for a minute.
 */
final class BadgesApi {
    /** The label of the whole project's badge (Healthchecks' MASTER_BADGE_LABEL). */
    static final String ALL_LABEL = "cronwatch";
    private static final String CACHE = "public, max-age=60";
    /**
     * Every badge URL that names no badge answers these words, whatever is wrong with it (key,
     * signature, tag, slug or format), so an answer tells nothing about a project (docs/spec.md §14.5).
     */
    static final String NOT_FOUND = "not found: badge URLs come from GET /api/v3/badges/ with a read-write key";

    private final BadgeService badges;

    BadgesApi(BadgeService badges) {
        this.badges = badges;
    }

    /** {@code /badge/<key>/<signature>.<fmt>}: every monitor of the project. */
    APIGatewayV2HTTPResponse all(Request request, String badgeKey, String file) {
        return project(badgeKey, name(file), BadgeSignature.ALL, format(file));
    }

    /** {@code /badge/<key>/<signature>/<tag>.<fmt>}: the monitors with that tag (the route decoded its segment). */
    APIGatewayV2HTTPResponse tag(Request request, String badgeKey, String signature, String file) {
        return project(badgeKey, signature, name(file), format(file));
    }

    /** {@code /b/<2|3>/<key>/<signature>/<slug>.<fmt>}: one monitor, two or three states. */
    APIGatewayV2HTTPResponse check(Request request, String states, String badgeKey, String signature, String file) {
        Optional<BadgeService.Badge> badge = format(file) == null ? Optional.empty()
                : badges.checkBadge(badgeKey, signature, name(file), "3".equals(states));
        return badge.map(b -> draw(b, format(file))).orElseGet(BadgesApi::notFound);
    }

    /** A badge URL with a part left out ({@code /badge/<file>}, {@code /b/<n>/<key>/<file>}). */
    APIGatewayV2HTTPResponse incomplete() {
        return notFound();
    }

    private static APIGatewayV2HTTPResponse notFound() {
        return HealthchecksAnswers.text(404, NOT_FOUND);
    }

    private APIGatewayV2HTTPResponse project(String badgeKey, String signature, String tag, String format) {
        Optional<BadgeService.Badge> badge = format == null ? Optional.empty()
                : badges.badge(badgeKey, signature, tag, ALL_LABEL);
        return badge.map(b -> draw(b, format)).orElseGet(BadgesApi::notFound);
    }

    private static APIGatewayV2HTTPResponse draw(BadgeService.Badge badge, String format) {
        BadgeStatus status = badge.status();
        Map<String, String> cache = Map.of("Cache-Control", CACHE);
        return switch (format) {
            case "svg" -> HealthchecksAnswers.answer(200, "image/svg+xml", BadgeSvg.render(badge.label(), status), cache);
            case "json" -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("status", status.status());
                json.put("total", status.total());
                json.put("grace", status.grace());
                json.put("down", status.down());
                yield HealthchecksAnswers.answer(200, "application/json", dev.cronwatch.adapters.json.Json.write(json), cache);
            }
            default -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("schemaVersion", 1);
                json.put("label", badge.label());
                json.put("message", status.status());
                json.put("color", status.shieldsColor());
                yield HealthchecksAnswers.answer(200, "application/json", dev.cronwatch.adapters.json.Json.write(json), cache);
            }
        };
    }

    /** {@code svg}, {@code json} or {@code shields} after the last dot; null for anything else (a 404). */
    private static String format(String file) {
        int dot = file.lastIndexOf('.');
        String format = dot < 0 ? null : file.substring(dot + 1);
        return format != null && BadgeService.FORMATS.contains(format) ? format : null;
    }

    private static String name(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }
}
