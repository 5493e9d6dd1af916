package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.handlers.TwoTenants.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Two organizations of two projects each. Every route of the route table ({@link TwoTenants#routeTable()},
 * so a route added later is tried too) is tried by each organization with each of its credentials
 * (token, both DSNs in every form a route takes, none) against everything of the other that can be
 * named: organization and monitor slugs, project ids and slugs, key ids, check-in ids, environments,
 * cursors. A crossing is a response that shows any secret or identifier of the other organization
 * ({@link TwoTenants#secrets}) that this very request had not sent (a read), or any change to the other
 * organization's monitors, environments, check-ins, incidents, processing errors, attachments, projects,
 * keys or tokens once the queue is applied (a write). The matrix is printed.
 */
class TenancyTest {
    /**
     * {@code route} is a line of {@link TwoTenants#routeTable()} (or, for what is not one, a name);
     * {@code alreadySent} is what the attacker sent in an earlier request that this one may see again.
     */
    record Attempt(String route, String credential, String method, String path, Map<String, String> headers, String body,
                   String alreadySent) {
        Attempt(String route, String credential, String method, String path, Map<String, String> headers, String body) {
            this(route, credential, method, path, headers, body, "");
        }

        /** Everything the attacker is known to have sent for this request: a victim's value in it is no read. */
        String sent() {
            return path + " " + headers + " " + body + " " + alreadySent;
        }
    }

    @Test
    void noRouteReadsOrWritesAcrossOrganizations_withAnyCredentialOrName() {
        assertNoCrossing(false);
    }

    /**
     * The same, with the other organization's check-in ids sent on one's own monitors (PUT, relay,
     * envelope, attachment): these reach the processor and the store, where a check-in id still names a
     * check-in wherever it lives.
     */
    @Test
    void anotherOrganizationsCheckInIds_onOnesOwnMonitors_crossNothing() {
        assertNoCrossing(true);
    }

    private void assertNoCrossing(boolean withForeignCheckInIds) {
        TwoTenants system = new TwoTenants();
        Map<String, Map<String, Integer>> tried = new TreeMap<>();
        List<String> crossings = new ArrayList<>();
        for (Tenant attacker : TwoTenants.TENANTS) {
            for (Tenant victim : TwoTenants.TENANTS) {
                if (attacker == victim) continue;
                Map<String, String> victimCursors = cursorsOf(system, victim);
                Object before = state(system, victim);
                List<Attempt> attempts = withForeignCheckInIds ? foreignCheckInIds(system, attacker, victim)
                        : attempts(system, attacker, victim, victimCursors);
                for (Attempt a : attempts) {
                    tried.computeIfAbsent(a.route(), r -> new TreeMap<>()).merge(a.credential(), 1, Integer::sum);
                    APIGatewayV2HTTPResponse r = system.send(a.method(), a.path(), a.headers(),
                            a.body() == null ? null : a.body().getBytes(StandardCharsets.UTF_8), false);
                    if (r.getStatusCode() >= 500) crossings.add("a " + r.getStatusCode() + " for " + a);
                    String shown = r.getBody() + " " + r.getHeaders();
                    for (String secret : system.secrets.get(victim.organization())) {
                        // what this request sent may come back to it (an error naming the path): not a read
                        if (shown.contains(secret) && !a.sent().contains(secret)) {
                            crossings.add(attacker.organization() + " read " + secret + " of " + victim.organization() + " via " + a);
                        }
                    }
                    system.process();
                    Object after = state(system, victim);
                    if (!after.equals(before)) {
                        crossings.add(attacker.organization() + " changed " + victim.organization() + " via " + a
                                + "\n  before " + before + "\n  after  " + after);
                        before = after;
                    }
                }
            }
        }
        if (withForeignCheckInIds) crossings.addAll(victimsCanStillAttach(system));
        crossings.addAll(system.guardFindings);
        int total = tried.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        System.out.printf("tenancy%s: %d routes x credentials, %d requests, %d crossings%n",
                withForeignCheckInIds ? " (foreign check-in ids)" : "", tried.size(), total, crossings.size());
        tried.forEach((route, byCredential) -> System.out.printf("tenancy:   %-72s %s%n", route, byCredential));
        assertThat(crossings).isEmpty();
        if (!withForeignCheckInIds) assertThat(tried.keySet()).containsAll(system.routeTable());
    }

    /** Each organization can still upload the one attachment of each of its check-ins that has none. */
    private static List<String> victimsCanStillAttach(TwoTenants system) {
        List<String> crossings = new ArrayList<>();
        for (Tenant t : TwoTenants.TENANTS) {
            for (String slug : TwoTenants.MONITORS) {
                MonitorKey key = new MonitorKey(t.organization(), slug);
                for (var checkIn : system.store.allCheckIns(key)) {
                    if (system.store.attachment(key, checkIn.id()).isPresent()) continue;
                    APIGatewayV2HTTPResponse r = system.send("POST", "/api/0/organizations/" + t.organization() + "/monitors/"
                            + slug + "/checkins/" + checkIn.id() + "/attachment/", Map.of("authorization", "DSN "
                            + t.dsn(slug.equals("backup") ? 0 : 1), "content-type", "multipart/form-data; boundary=b"),
                            multipart(t.organization()).getBytes(StandardCharsets.UTF_8), false);
                    if (r.getStatusCode() != 200) {
                        crossings.add(t.organization() + " cannot attach to its check-in " + checkIn.id() + ": " + r.getBody());
                    }
                }
            }
        }
        return crossings;
    }

    /** Everything of an organization another must not change, as comparable values. */
    private static Object state(TwoTenants system, Tenant t) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("monitors", system.store.monitors(t.organization()));
        for (String slug : TwoTenants.MONITORS) {
            MonitorKey key = new MonitorKey(t.organization(), slug);
            state.put(slug + ".environments", system.store.environments(key));
            state.put(slug + ".checkIns", system.store.allCheckIns(key));
            state.put(slug + ".incidents", system.store.incidents(key, null, 10_000).items());
            state.put(slug + ".errors", system.store.processingErrors(key, system.clock.instant()));
            for (String id : system.checkInIds.get(t.organization())) {
                system.store.attachment(key, id).ifPresent(a -> state.put(slug + ".attachment." + id,
                        a.filename() + ":" + new String(a.content(), StandardCharsets.UTF_8)));
            }
        }
        state.put("projects", system.tenants.projects(t.organization(), null, 10_000).items());
        for (String project : t.projectIds()) {
            state.put("keys." + project, system.tenants.keys(t.organization(), project, null, 10_000).items());
            state.put("apiKeys." + project, system.tenants.apiKeys(t.organization(), project, null, 10_000).items());
        }
        state.put("tokens", system.tenants.tokens(t.organization(), null, 10_000).items());
        return state;
    }

    /** Cursors the victim's own listings hand out, for the attacker to try on its listings. */
    private static Map<String, String> cursorsOf(TwoTenants system, Tenant victim) {
        Map<String, String> cursors = new LinkedHashMap<>();
        Map<String, String> bearer = Map.of("authorization", "Bearer " + victim.token());
        String base = "/api/0/organizations/" + victim.organization();
        for (String listing : List.of(base + "/monitors/?per_page=1", base + "/projects/?per_page=1",
                base + "/monitors/backup/checkins/?per_page=1", "/api/0/projects/" + victim.organization() + "/1/keys/?per_page=1")) {
            APIGatewayV2HTTPResponse r = system.send("GET", listing, bearer, null, false);
            String cursor = HttpEvents.nextCursor(r);
            if (cursor != null) cursors.put(listing, cursor);
        }
        return cursors;
    }

    /**
     * Every route of the table with each of the attacker's credentials, on every name of the victim its
     * path can hold; then what the table cannot say: the victim's cursors and keys on the attacker's own
     * listings and project, and an envelope that names its key in the query.
     */
    private static List<Attempt> attempts(TwoTenants system, Tenant attacker, Tenant victim, Map<String, String> victimCursors) {
        List<Attempt> out = new ArrayList<>();
        String a = attacker.organization();
        for (Map.Entry<String, Map<String, String>> credential : credentials(attacker).entrySet()) {
            String c = credential.getKey();
            Map<String, String> h = credential.getValue();
            for (String route : system.routeTable()) {
                String method = route.substring(0, route.indexOf(' '));
                String pattern = route.substring(route.indexOf(' ') + 1);
                Map<String, String> headers = pattern.endsWith("/attachment") ? with(h, "content-type", "multipart/form-data; boundary=b") : h;
                String query = method.equals("GET") && pattern.contains("/cron/") ? "?status=error" : "";
                for (String path : paths(pattern, system, attacker, victim)) {
                    out.add(new Attempt(route, c, method, path + "/" + query, headers, body(method, pattern, attacker)));
                }
            }
            String checkIns = "GET " + MONITOR + "/checkins";
            for (String cursor : victimCursors.values()) {
                for (String slug : TwoTenants.MONITORS) {
                    out.add(new Attempt(checkIns, c, "GET", "/api/0/organizations/" + a + "/monitors/" + slug + "/checkins/?cursor=" + cursor, h, null));
                }
                out.add(new Attempt("GET /api/0/organizations/{org}/monitors", c, "GET", "/api/0/organizations/" + a + "/monitors/?cursor=" + cursor, h, null));
                out.add(new Attempt("GET /api/0/organizations/{org}/projects", c, "GET", "/api/0/organizations/" + a + "/projects/?cursor=" + cursor, h, null));
                out.add(new Attempt(KEYS_ROUTE, c, "GET", "/api/0/projects/" + a + "/1/keys/?cursor=" + cursor, h, null));
            }
            for (int p = 0; p < 2; p++) {
                for (String key : victim.publicKeys()) {
                    out.add(new Attempt("DELETE " + KEYS_PATTERN + "/{key}", c, "DELETE", "/api/0/projects/" + a + "/"
                            + attacker.projectIds().get(p) + "/keys/" + key + "/", h, null));
                }
                out.add(new Attempt("POST /api/{project}/envelope", c, "POST", "/api/" + victim.projectIds().get(p)
                        + "/envelope/?sentry_key=" + attacker.publicKeys().get(p), h, envelope(null, "report", null)));
            }
        }
        return out;
    }

    private static final String MONITOR = "/api/0/organizations/{org}/monitors/{slug}";
    private static final String KEYS_PATTERN = "/api/0/projects/{org}/{project}/keys";
    private static final String KEYS_ROUTE = "GET " + KEYS_PATTERN;

    /** The pattern's path with each variable set to every name of the victim it can take. */
    private static List<String> paths(String pattern, TwoTenants system, Tenant attacker, Tenant victim) {
        List<String> paths = List.of("");
        for (String segment : pattern.substring(1).split("/")) {
            List<String> values = segment.startsWith("{") ? namesFor(segment, pattern, system, attacker, victim) : List.of(segment);
            List<String> longer = new ArrayList<>();
            for (String path : paths) {
                for (String value : values) longer.add(path + "/" + value);
            }
            paths = longer;
        }
        return paths;
    }

    /**
     * What the victim has that a path variable can name. On the ingest routes under {@code /api/{project}}
     * the key in the path is the credential, so it is the attacker's own (with the victim's the request
     * is the victim's own); a variable of a route added later is tried with each of the victim's
     * identifiers.
     */
    private static List<String> namesFor(String variable, String pattern, TwoTenants system, Tenant attacker, Tenant victim) {
        boolean keyIsCredential = pattern.startsWith("/api/{project}");
        List<String> checkIns = new ArrayList<>(system.checkInIds.get(victim.organization()));
        checkIns.add("latest");
        List<String> projects = new ArrayList<>(victim.projectIds());
        if (!keyIsCredential) projects.addAll(victim.projectSlugs());
        return switch (variable) {
            case "{org}" -> List.of(victim.organization());
            case "{slug}" -> TwoTenants.MONITORS;
            case "{id}" -> pattern.contains("/tokens/") ? system.tenants.tokens(victim.organization(), null, 100).items()
                    .stream().map(ManagementToken::id).toList()
                    : pattern.contains("/api-keys/") ? victim.projectIds().stream()
                    .flatMap(p -> system.tenants.apiKeys(victim.organization(), p, null, 100).items().stream())
                    .map(dev.cronwatch.core.tenant.ApiKey::id).toList()
                    : checkIns;
            case "{project}" -> projects;
            case "{key}" -> keyIsCredential ? attacker.publicKeys() : victim.publicKeys();
            case "{env}" -> List.of("prod-" + victim.organization());
            default -> List.of(victim.organization(), victim.token(), victim.publicKeys().get(0),
                    system.checkInIds.get(victim.organization()).get(0), victim.projectSlugs().get(0));
        };
    }

    /** A body the route would accept from the victim, so that a missing check shows as a change. */
    private static String body(String method, String pattern, Tenant attacker) {
        if (method.equals("GET") || method.equals("DELETE")) return null;
        String a = attacker.organization();
        if (pattern.endsWith("/attachment")) return multipart(a);
        if (pattern.endsWith("/envelope")) return envelope(attacker.dsn(0), "backup", null);
        if (pattern.contains("/checkins") || pattern.contains("/cron/")) {
            return "{\"status\": \"error\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}";
        }
        if (pattern.endsWith("/monitors")) return "{\"project\": \"1\", \"name\": \"planted\", \"config\": {\"schedule\": \"0 * * * *\"}}";
        if (pattern.equals(MONITOR)) return "{\"name\": \"taken by " + a + "\", \"isMuted\": true}";
        if (pattern.contains("/environments/")) return "{\"isMuted\": true}";
        return "{\"name\": \"planted by " + a + "\"}"; // projects, keys, and what a later route takes by a name
    }

    /** Check-in ids of the victim, sent by the attacker on its own monitors of the same slugs. */
    private static List<Attempt> foreignCheckInIds(TwoTenants system, Tenant attacker, Tenant victim) {
        List<Attempt> out = new ArrayList<>();
        String a = attacker.organization();
        for (int p = 0; p < 2; p++) {
            Map<String, String> dsn = Map.of("authorization", "DSN " + attacker.dsn(p), "content-type", "application/json");
            for (String slug : TwoTenants.MONITORS) {
                String monitor = "/api/0/organizations/" + a + "/monitors/" + slug + "/";
                Map<String, String> token = Map.of("authorization", "Bearer " + attacker.token());
                for (String id : system.checkInIds.get(victim.organization())) {
                    out.add(new Attempt("PUT checkins/{id}", "dsn" + p, "PUT", monitor + "checkins/" + id + "/", dsn,
                            "{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}"));
                    out.add(new Attempt("POST attachment", "dsn" + p, "POST", monitor + "checkins/" + id + "/attachment/",
                            with(dsn, "content-type", "multipart/form-data; boundary=b"), multipart(a)));
                    out.add(new Attempt("GET relay", "relay-url" + p, "GET", "/api/" + attacker.projectIds().get(p) + "/cron/" + slug + "/"
                            + attacker.publicKeys().get(p) + "/?status=ok&check_in_id=" + id, Map.of(), null));
                    out.add(new Attempt("POST envelope", "sentry_key" + p, "POST", "/api/" + attacker.projectIds().get(p)
                            + "/envelope/?sentry_key=" + attacker.publicKeys().get(p), Map.of(), envelope(null, slug, id)));
                    // what the attacker then sees of its own monitor must hold nothing of the victim's but the ids
                    // it was given (its own check-ins of those ids, and their processing errors, carry them)
                    for (String listing : List.of("checkins/", "processing-errors/", "incidents/", "")) {
                        out.add(new Attempt("GET own " + (listing.isEmpty() ? "monitor" : listing), "token", "GET",
                                monitor + listing, token, null, String.join(" ", system.checkInIds.get(victim.organization()))));
                    }
                }
            }
        }
        return out;
    }

    /** Each way the attacker can authenticate, and none. */
    private static Map<String, Map<String, String>> credentials(Tenant t) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        out.put("token", Map.of("authorization", "Bearer " + t.token(), "content-type", "application/json"));
        out.put("dsn1", Map.of("authorization", "DSN " + t.dsn(0), "content-type", "application/json"));
        out.put("dsn2", Map.of("authorization", "DSN " + t.dsn(1), "content-type", "application/json"));
        out.put("x-sentry-auth", Map.of("x-sentry-auth", "Sentry sentry_version=7, sentry_key=" + t.publicKeys().get(0),
                "content-type", "application/json"));
        out.put("none", Map.of("content-type", "application/json"));
        return out;
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.put(name, value);
        return out;
    }

    private static String multipart(String organization) {
        return "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"planted.log\"\r\n\r\nplanted by "
                + organization + "\r\n--b--\r\n";
    }

    private static String envelope(String dsn, String slug, String checkInId) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (dsn != null) header.put("dsn", dsn);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("monitor_slug", slug);
        item.put("status", "error");
        if (checkInId != null) item.put("check_in_id", checkInId);
        item.put("monitor_config", Map.of("schedule", Map.of("type", "crontab", "value", "0 * * * *")));
        String payload = Json.write(item);
        return Json.write(header) + "\n{\"type\":\"check_in\",\"length\":" + payload.getBytes(StandardCharsets.UTF_8).length
                + "}\n" + payload + "\n";
    }
}
