package dev.cronwatch.handlers;

import dev.cronwatch.handlers.TwoTenants.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Requests an attacker (or a broken client) would send, built from the shapes each route expects and
 * then bent: every route, right and wrong methods, credentials of every tenant and none, JSON bodies
 * with hostile values, envelopes with lying lengths and too many items, multipart with odd boundaries,
 * gzip and deflate (and bombs), query strings on every route, cursors taken from real answers (replayed
 * on other listings, truncated, re-encoded, edited), headers in every form and size, paths and unicode.
 * Seeded: a seed names a whole run.
 */
final class HostileInputs {
    /**
     * {@code corruptBase64}: the body is flagged base64 but is not (API Gateway never does that; the
     * handler must cope). {@code replay}: the cursor the query carries, when it came from a real answer.
     */
    record Input(String route, String method, String path, Map<String, String> headers, byte[] body, boolean base64,
                 boolean corruptBase64, Replay replay) {
        Input(String route, String method, String path, Map<String, String> headers, byte[] body, boolean base64) {
            this(route, method, path, headers, body, base64, false, null);
        }

        Input(String route, String method, String path, Map<String, String> headers, byte[] body, boolean base64,
              boolean corruptBase64) {
            this(route, method, path, headers, body, base64, corruptBase64, null);
        }

        Input withReplay(Replay replay) {
            return new Input(route, method, path, headers, body, base64, corruptBase64, replay);
        }

        Input withHeaders(Map<String, String> headers) {
            return new Input(route, method, path, headers, body, base64, corruptBase64, replay);
        }

        String listing() {
            return listingOf(route, path);
        }

        String describe() {
            return method + " " + TwoTenants.shorten(path) + " headers=" + TwoTenants.shorten(headers)
                    + " body(" + (body == null ? 0 : body.length) + ")=" + TwoTenants.shorten(body == null ? ""
                    : new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
        }
    }

    /** JSON text spliced in as is: numbers JSON allows but Java does not hold, and text JSON does not allow. */
    record Raw(String text) {
    }

    /** A cursor of a real answer, and the listing that gave it. */
    record Seen(String listing, String cursor) {
    }

    /** How a query's cursor was made from a {@link Seen} one: {@code AS_MADE} is untouched, the rest bent. */
    enum CursorForm { AS_MADE, TRUNCATED, RE_ENCODED, BIT_EDITED, STORE_PART_EDITED, EXTENDED }

    /** A real cursor sent again: {@code madeBy} the listing that gave it. */
    record Replay(String madeBy, CursorForm form) {
    }

    private static final List<String> STRINGS = List.of("", " ", "a", "backup", "report", "latest", "acme", "globex",
            "x".repeat(51), "y".repeat(3_000), "\u0000", "\u0007", "\uffff", "\ufffe", "\ud800", "\udc00", "\ufdd0",
            "\u2028", "\u202e", "🙂", "é", "Ω≈ç√", "ä".repeat(64), "ä".repeat(65), "../..", "%00", "%zz", "a#b", "a/b",
            "a?b", "a b", "<script>", "' OR 1=1 --", "\r\n", "null", "true", "-1", "0", "1e309", "9".repeat(400),
            "00000000-0000-0000-0000-000000000000", "0123456789abcdef0123456789abcdef", "ok", "error", "in_progress",
            "missed", "timeout", "UTC", "Europe/Riga", "Mars/Base", "* * * * *", "0 * * * *", "61 * * * *", "@daily",
            "@reboot", "0 0 31 2 *", "production", "staging", "\t", "{}", "[]", "\"", "\\");
    private static final List<Object> NUMBERS = List.of(0, 1, -1, 2, 5, 30, 59, 60, 1440, 40_320, 40_321, 720, 721,
            2_147_483_647, 2_147_483_648L, -2_147_483_649L, Long.MAX_VALUE, Long.MIN_VALUE, 1e308, -1e308, 1e-320,
            3.5, 0.001, -0.0, new Raw("1e999"), new Raw("-1e999"), new Raw("99999999999999999999999999"),
            new Raw("NaN"), new Raw("Infinity"), new Raw("0x10"), new Raw("01"));

    /** Whether inputs may carry {@code value} anywhere a string goes (an organization's name, a key): any tenant's data may then hold it. */
    static boolean sendsAsAValue(String value) {
        return STRINGS.contains(value);
    }

    private final Random random;
    private final TwoTenants fixture;
    /** Cursors seen in Link headers, tried on their own listing and others, as made and bent. */
    private final List<Seen> cursors = new ArrayList<>();
    /** Whose credentials this input mostly uses, so that some inputs get past authentication to the checks behind it. */
    private Tenant current;
    /** The real cursor the input being built carries, if any. */
    private Replay replay;

    HostileInputs(long seed, TwoTenants fixture) {
        this.random = new Random(seed);
        this.fixture = fixture;
    }

    Input next() {
        current = TwoTenants.TENANTS.get(random.nextInt(2));
        replay = null;
        Input input = route();
        if (chance(20)) input = input.withHeaders(bentHeaders(input.headers()));
        return input.withReplay(replay);
    }

    /** Keeps the cursor of an answer, with the listing that gave it, for later inputs (a bounded pool). */
    void saw(Input input, String cursor) {
        Seen seen = new Seen(input.listing(), cursor);
        if (cursors.size() < 2_000) cursors.add(seen);
        else cursors.set(random.nextInt(cursors.size()), seen);
    }

    /** What a list route lists: the route and its path, decoded (what a cursor is bound to, less the filters). */
    static String listingOf(String route, String path) {
        String bare = path.split("\\?", 2)[0];
        try {
            return route + " " + java.net.URLDecoder.decode(bare, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException brokenEscape) {
            return route + " " + bare;
        }
    }

    private Input route() {
        int pick = random.nextInt(118);
        if (pick >= 100) return pick < 106 ? healthchecksApi() : pick < 112 ? ping() : badge();
        if (pick < 11) return checkInPost();
        if (pick < 17) return checkInPut();
        if (pick < 22) return attachment();
        if (pick < 30) return relay();
        if (pick < 41) return envelope();
        if (pick < 45) return monitorList();
        if (pick < 51) return monitorCreate();
        if (pick < 60) return monitorRoutes();
        if (pick < 64) return projects();
        if (pick < 69) return keys();
        if (pick < 72) return tokens();
        if (pick < 77) return organizationRoutes();
        if (pick < 92) return listing();
        return junk();
    }

    // ---- routes ----

    private Input checkInPost() {
        String path = monitors(org()) + slug() + "/checkins/" + strayQuery();
        return json("checkin.create", method("POST"), path, dsnHeaders(), checkInBody(false));
    }

    private Input checkInPut() {
        String path = monitors(org()) + slug() + "/checkins/" + checkInId() + "/" + strayQuery();
        return json("checkin.update", method("PUT"), path, dsnHeaders(), checkInBody(false));
    }

    private Input attachment() {
        String path = monitors(org()) + slug() + "/checkins/" + checkInId() + "/attachment/" + strayQuery();
        Map<String, String> headers = dsnHeaders();
        String boundary = boundary();
        headers.put("content-type", oneOf(() -> "multipart/form-data; boundary=" + boundary,
                () -> "multipart/form-data; boundary=\"" + boundary + "\"", () -> "multipart/form-data",
                () -> "text/plain", () -> "multipart/form-data; charset=utf-8; boundary=" + boundary + "; x=y"));
        return encoded(new Input("checkin.attachment", method("POST"), path, headers, multipart(boundary), true));
    }

    private Input relay() {
        Tenant t = tenant();
        String key = chance(70) ? t.publicKeys().get(random.nextInt(2)) : oneOf(this::publicKey, this::segment);
        String project = chance(70) ? t.projectIds().get(random.nextInt(2)) : projectSegment();
        String path = "/api/" + project + "/cron/" + slug() + "/" + key + "/" + query("status", "environment",
                "duration", "check_in_id", "sentry_key");
        boolean post = chance(50);
        Map<String, String> headers = new LinkedHashMap<>();
        if (post && chance(80)) headers.put("content-type", "application/json");
        return post ? json("relay", method("POST"), path, headers, chance(70) ? checkInBody(true) : null)
                : new Input("relay", method("GET"), path, headers, null, false);
    }

    private Input envelope() {
        Tenant t = tenant();
        int project = random.nextInt(2);
        Map<String, String> headers = new LinkedHashMap<>();
        String path = "/api/" + (chance(85) ? t.projectIds().get(project) : projectSegment()) + "/envelope/";
        int auth = random.nextInt(5);
        if (auth == 0) path += "?sentry_key=" + (chance(70) ? t.publicKeys().get(project) : encode(publicKey()));
        if (auth == 1) headers.put("x-sentry-auth", "Sentry sentry_version=7, sentry_key="
                + (chance(70) ? t.publicKeys().get(project) : publicKey()) + ", sentry_client=fuzz/1.0");
        String extra = chance(10) ? query("sentry_key", "x") : "";
        if (!extra.isEmpty()) path += (path.contains("?") ? "&" : "?") + extra.substring(1);
        String dsn = auth >= 2 ? (chance(70) ? t.dsn(project) : dsnText()) : null;
        return encoded(new Input("envelope", method("POST"), path, headers,
                envelopeBody(dsn).getBytes(StandardCharsets.UTF_8), true));
    }

    private Input monitorList() {
        String path = monitors(org()) + query("per_page", "cursor");
        return new Input("monitors.list", method("GET"), path, bearerHeaders(), null, false);
    }

    private Input monitorCreate() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (chance(85)) body.put("project", oneOf(() -> "1", () -> "2", () -> 1, () -> "web", this::value, () -> ""));
        if (chance(85)) body.put("name", oneOf(() -> "Job " + random.nextInt(1000), this::string, this::value));
        if (chance(50)) body.put("slug", oneOf(() -> "job-" + random.nextInt(1000), this::string, this::value));
        if (chance(85)) body.put("config", chance(80) ? config() : value());
        return json("monitors.create", method("POST"), monitors(org()) + strayQuery(), bearerHeaders(), jsonText(body));
    }

    private Input monitorRoutes() {
        String monitor = monitors(org()) + slug() + "/";
        int which = random.nextInt(8);
        return switch (which) {
            case 0 -> new Input("monitor.get", method("GET"), monitor + strayQuery(), bearerHeaders(), null, false);
            case 1 -> {
                Map<String, Object> body = new LinkedHashMap<>();
                if (chance(50)) body.put("name", chance(50) ? string() : value());
                if (chance(40)) body.put("status", oneOf(() -> "active", () -> "disabled", this::string, this::value));
                if (chance(40)) body.put("isMuted", oneOf(() -> true, () -> false, this::value));
                if (chance(40)) body.put("config", chance(60) ? config() : value());
                yield json("monitor.update", method("PUT"), monitor + strayQuery(), bearerHeaders(), jsonText(body));
            }
            case 2 -> {
                // never the fixture's monitors: later inputs page through their check-ins and incidents
                String slug = chance(50) ? "job-" + random.nextInt(50) : segment();
                yield new Input("monitor.delete", method("DELETE"), monitors(org())
                        + (TwoTenants.MONITORS.contains(slug) ? "job-0" : slug) + "/" + strayQuery(), bearerHeaders(), null, false);
            }
            case 3 -> new Input("monitor.checkins", method("GET"), monitor + "checkins/" + query("environment", "since",
                    "cursor", "per_page"), bearerHeaders(), null, false);
            case 4 -> new Input("monitor.incidents", method("GET"), monitor + "incidents/" + query("cursor", "per_page"),
                    bearerHeaders(), null, false);
            case 5 -> {
                String environment = monitor + "environments/" + oneOf(() -> "production", () -> "prod-" + tenant().organization(),
                        this::segment) + "/" + strayQuery();
                yield json("environment.mute", method("PUT"), environment, bearerHeaders(),
                        jsonText(mapOf("isMuted", oneOf(() -> true, () -> false, this::value))));
            }
            case 6 -> new Input("environment.delete", method("DELETE"), monitor + "environments/"
                    + oneOf(() -> "staging", this::segment) + "/" + strayQuery(), bearerHeaders(), null, false);
            default -> new Input("monitor.errors", method("GET"), monitor + "processing-errors/" + strayQuery(),
                    bearerHeaders(), null, false);
        };
    }

    private Input projects() {
        String path = "/api/0/organizations/" + org() + "/projects/";
        if (chance(50)) return new Input("projects.list", method("GET"), path + query("per_page", "cursor"), bearerHeaders(), null, false);
        Map<String, Object> body = new LinkedHashMap<>();
        if (chance(85)) body.put("name", oneOf(() -> "Project " + random.nextInt(100_000), this::string, this::value));
        if (chance(50)) body.put("slug", oneOf(() -> "p-" + random.nextInt(100_000), this::string, this::value));
        return json("projects.create", method("POST"), path + strayQuery(), bearerHeaders(), jsonText(body));
    }

    private Input keys() {
        String path = "/api/0/projects/" + org() + "/" + oneOf(() -> "web", () -> "1", () -> "jobs", () -> "ops",
                this::projectSegment) + "/keys/";
        int which = random.nextInt(3);
        if (which == 0) return new Input("keys.list", method("GET"), path + query("per_page", "cursor"), bearerHeaders(), null, false);
        if (which == 1) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (chance(60)) body.put("name", chance(60) ? string() : value());
            return json("keys.create", method("POST"), path + strayQuery(), bearerHeaders(), chance(80) ? jsonText(body) : null);
        }
        // never a live key of the fixture: the fuzz must keep its credentials
        return new Input("keys.revoke", method("DELETE"), path + oneOf(this::publicKey, this::segment) + "/" + strayQuery(),
                bearerHeaders(), null, false);
    }

    /** The organization-wide routes: processing errors, the dashboard's summaries and organizations, its page. */
    private Input organizationRoutes() {
        String organization = "/api/0/organizations/" + org() + "/";
        return switch (random.nextInt(5)) {
            case 0 -> new Input("organization.errors", method("GET"), organization + "processing-errors/"
                    + query("cursor", "per_page"), bearerHeaders(), null, false);
            case 1 -> new Input("dashboard.summaries", method("GET"), organization + "monitor-summaries/"
                    + query("cursor", "per_page"), bearerHeaders(), null, false);
            case 2 -> new Input("dashboard.organizations", method("GET"), "/api/0/organizations/" + strayQuery(),
                    bearerHeaders(), null, false);
            case 3 -> new Input("dashboard.page", method("GET"), "/" + strayQuery(), new LinkedHashMap<>(), null, false);
            default -> new Input("dashboard.asset", method("GET"), "/assets/" + segment() + "/" + oneOf(() -> "app.js",
                    this::segment) + strayQuery(), new LinkedHashMap<>(), null, false);
        };
    }

    /**
     * A GET of a paged listing with a cursor: one of this listing, of another route or tenant, or one
     * of those bent; the other parameters as the listing takes them, or not.
     */
    private Input listing() {
        Tenant t = tenant();
        String organization = chance(90) ? t.organization() : org();
        String monitor = monitors(organization) + oneOf(() -> "backup", () -> "report", this::slug) + "/";
        String[] listing = switch (random.nextInt(7)) {
            case 0 -> new String[] {"monitors.list", monitors(organization)};
            case 1 -> new String[] {"monitor.checkins", monitor + "checkins/"};
            case 2 -> new String[] {"monitor.incidents", monitor + "incidents/"};
            case 3 -> new String[] {"organization.errors", "/api/0/organizations/" + organization + "/processing-errors/"};
            case 4 -> new String[] {"dashboard.summaries", "/api/0/organizations/" + organization + "/monitor-summaries/"};
            case 5 -> new String[] {"projects.list", "/api/0/organizations/" + organization + "/projects/"};
            default -> new String[] {"keys.list", "/api/0/projects/" + organization + "/" + oneOf(() -> "1", () -> "2",
                    () -> t.projectSlugs().get(0), this::projectSegment) + "/keys/"};
        };
        String route = listing[0];
        StringBuilder q = new StringBuilder("?cursor=").append(encode(cursor(listingOf(route, listing[1]))));
        if (chance(60)) q.append("&per_page=").append(chance(80) ? String.valueOf(1 + random.nextInt(3)) : encode(String.valueOf(number())));
        if (route.equals("monitor.checkins")) {
            if (chance(30)) q.append("&environment=").append(encode(oneOf(() -> "prod-" + t.organization(), this::string)));
            if (chance(30)) q.append("&since=").append(encode(since()));
        }
        String stray = strayQuery();
        if (!stray.isEmpty()) q.append('&').append(stray.substring(1));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("authorization", "Bearer " + (chance(95) ? t.token() : tenant().token()));
        return new Input(route, method("GET"), listing[1] + q, headers, null, false);
    }

    /** A cursor of a real answer ({@code listing}'s own, or another's), as made or bent; sometimes none made here. */
    private String cursor(String listing) {
        if (cursors.isEmpty() || chance(8)) return string();
        List<Seen> own = cursors.stream().filter(c -> c.listing().equals(listing)).toList();
        Seen seen = !own.isEmpty() && chance(50) ? own.get(random.nextInt(own.size())) : cursors.get(random.nextInt(cursors.size()));
        CursorForm form = chance(45) ? CursorForm.AS_MADE : CursorForm.values()[1 + random.nextInt(CursorForm.values().length - 1)];
        replay = new Replay(seen.listing(), form);
        String c = seen.cursor();
        return switch (form) {
            case AS_MADE -> c;
            case TRUNCATED -> c.substring(0, random.nextInt(c.length()));
            case RE_ENCODED -> oneOf(() -> c.replace('-', '+').replace('_', '/') + "==", () -> encode(c), () -> c.toUpperCase(),
                    () -> c + "=", () -> java.util.Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8)));
            case BIT_EDITED -> {
                char[] chars = c.toCharArray();
                int at = random.nextInt(chars.length);
                chars[at] = (char) (chars[at] ^ (1 << random.nextInt(7)));
                yield new String(chars);
            }
            case STORE_PART_EDITED -> storePartEdited(c);
            case EXTENDED -> c + oneOf(() -> ".", () -> "%00", () -> c, () -> "x".repeat(9_000), () -> "\u0000");
        };
    }

    /**
     * The binding kept and the store's part decoded, changed and encoded again, as a client that has
     * read our source could: the store's own checks are all that stands.
     */
    private String storePartEdited(String cursor) {
        int dot = cursor.indexOf('.');
        String store = dot < 0 ? cursor : cursor.substring(dot + 1);
        String text;
        try {
            text = new String(java.util.Base64.getUrlDecoder().decode(store), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            text = store;
        }
        String original = text;
        String edited = oneOf(() -> original.replace("acme", "globex"), () -> original.replace("globex", "acme"),
                () -> original.replaceAll("[0-9]+$", String.valueOf(number())), () -> original + "\n" + original,
                () -> original.replace("\n", ""), this::string);
        return (dot < 0 ? "" : cursor.substring(0, dot + 1))
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(edited.getBytes(StandardCharsets.UTF_8));
    }

    private String since() {
        return oneOf(() -> "2026-01-01T00:00:00Z", () -> "2025-12-31T23:59:59.999Z", () -> "2026-01-01T00:00:00+02:00",
                () -> "+999999999-12-31T23:59:59Z", () -> "-999999999-01-01T00:00:00Z", () -> "1969-12-31T23:59:59Z",
                () -> "2199-12-31T23:59:59.999999999Z", () -> "2200-01-01T00:00:00Z", () -> "2026-13-01T00:00:00Z",
                () -> "2026-01-01", () -> "1767225600000", this::string);
    }

    /** Query parameters a route does not read (and some it reads elsewhere), which must change nothing. */
    private String strayQuery() {
        if (chance(80)) return "";
        StringBuilder q = new StringBuilder("?");
        for (String name : List.of("per_page", "cursor", "since", "environment", "status", "duration", "check_in_id",
                "sentry_key", "x")) {
            if (chance(25)) q.append(encode(name)).append('=').append(encode(name.equals("since") ? since() : string())).append('&');
        }
        if (chance(20)) q.append(oneOf(() -> "%zz=1", () -> "=", () -> "&&&", () -> "a=%", () -> "a=" + "b".repeat(5_000)));
        return q.toString();
    }

    // ---- headers ----

    /**
     * The headers bent: another form or case of a credential, a header sent twice (API Gateway joins
     * repeats with a comma), sizes no proxy would pass, an odd Host, content types and encodings.
     */
    private Map<String, String> bentHeaders(Map<String, String> original) {
        Map<String, String> headers = new LinkedHashMap<>(original);
        String auth = headers.getOrDefault("authorization", "Bearer " + current.token());
        Tenant t = tenant();
        switch (random.nextInt(10)) {
            case 0 -> headers.put("authorization", oneOf(() -> auth + "," + auth, () -> auth + ", Bearer " + t.token(),
                    () -> auth.toUpperCase(), () -> auth.replace(" ", "  "), () -> auth.replace(" ", "\t"), () -> " " + auth,
                    () -> auth + " ", () -> "Basic " + java.util.Base64.getEncoder().encodeToString("a:b".getBytes(StandardCharsets.UTF_8)),
                    () -> "Token " + t.token(), () -> "Sentry sentry_key=" + t.publicKeys().get(0), () -> ""));
            case 1 -> headers.put("x-sentry-auth", oneOf(() -> "Sentry sentry_key=" + t.publicKeys().get(0),
                    () -> "Sentry sentry_key=", () -> "sentry_key=" + t.publicKeys().get(1),
                    () -> "Sentry sentry_key=" + t.publicKeys().get(0) + ", sentry_key=" + TwoTenants.GLOBEX.publicKeys().get(0),
                    () -> "Sentry sentry_version=7,sentry_key=" + publicKey(), () -> "Sentry " + "x".repeat(20_000), this::string));
            case 2 -> headers.put("content-type", oneOf(() -> "application/json", () -> "application/json; charset=utf-16",
                    () -> "application/json,application/json", () -> "", () -> "text/plain", () -> "multipart/form-data; boundary=",
                    () -> "multipart/form-data; boundary=" + "b".repeat(5_000), () -> "application/x-sentry-envelope", this::string));
            case 3 -> headers.put("content-encoding", oneOf(() -> "identity", () -> "", () -> " gzip ", () -> "gzip,gzip",
                    () -> "gzip, identity", () -> "deflate", () -> "br", () -> "x".repeat(3_000), this::string));
            case 4 -> headers.put("host", oneOf(() -> "", () -> "evil.example", () -> "a".repeat(10_000), () -> "[::1]:99999",
                    () -> "localhost:0", () -> "h\r\nX-Injected: 1", () -> "ünicode.test", () -> "a:1:2", () -> "@x", this::string));
            case 5 -> {
                for (int i = random.nextInt(300); i > 0; i--) headers.put("x-filler-" + i, "v".repeat(random.nextInt(200)));
            }
            case 6 -> headers.put(oneOf(() -> "x-big", () -> "cookie", () -> "user-agent"), "z".repeat(64 * 1024 + random.nextInt(3)));
            case 7 -> {
                String value = headers.remove("authorization");
                if (value != null) headers.put(oneOf(() -> "AUTHORIZATION", () -> "Authorization", () -> "authorization "), value);
            }
            case 8 -> headers.put("accept-encoding", oneOf(() -> "gzip", () -> "gzip;q=0", () -> "*", () -> "br, gzip", this::string));
            default -> headers.put("x-forwarded-proto", oneOf(() -> "https", () -> "HTTPS", () -> "ftp", this::string));
        }
        return headers;
    }

    private Input tokens() {
        String path = "/api/0/organizations/" + org() + "/tokens/";
        int which = random.nextInt(3);
        if (which == 0) return new Input("tokens.list", method("GET"), path + query("per_page", "cursor"), bearerHeaders(), null, false);
        if (which == 1) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (chance(50)) body.put("name", chance(60) ? string() : value());
            if (chance(40)) body.put("expires_at", oneOf(() -> "2026-02-01T00:00:00Z", () -> "2999-01-01T00:00:00Z", this::string, this::value));
            if (chance(40)) body.put("expires_in_days", value());
            return json("tokens.create", method("POST"), path, bearerHeaders(), chance(80) ? jsonText(body) : null);
        }
        // never the id of a live token of the fixture: the fuzz must keep its credentials
        return new Input("tokens.revoke", method("DELETE"), path + oneOf(() -> "0123456789abcdef", () -> "0".repeat(17),
                () -> "ABCDEF0123456789", this::publicKey, this::segment) + "/", bearerHeaders(), null, false);
    }

    private Input junk() {
        String path = oneOf(() -> "/", () -> "/api/", () -> "/api/0/", () -> "/" + segment(), () -> "/api/0/organizations/",
                () -> "/api/0/organizations/acme/monitors/backup/checkins/x/y/z/",
                () -> "/api//envelope/", () -> "//api/1/envelope//", () -> "/api/1/envelope/%",
                () -> "/api/0/organizations/acme/monitors/%2F/", () -> "/" + "a/".repeat(500));
        Map<String, String> headers = chance(50) ? dsnHeaders() : bearerHeaders();
        byte[] body = chance(50) ? null : bytes(random.nextInt(2_000));
        return encoded(new Input("junk", oneOf(() -> "GET", () -> "POST", () -> "PATCH", () -> "OPTIONS", () -> "get",
                () -> "", () -> "FROB"), path + query("a", "b"), headers, body, chance(50)));
    }

    // ---- Healthchecks: API v3, ping URLs, badges ----

    private Input healthchecksApi() {
        String checks = "/api/v3/checks/";
        Map<String, String> headers = apiKeyHeaders();
        return switch (random.nextInt(10)) {
            case 0 -> new Input("hc.list", method("GET"), checks + query("tag", "slug"), headers, null, false);
            case 1, 2 -> json("hc.create", method("POST"), checks + strayQuery(), headers, checkSpec());
            case 3 -> new Input("hc.get", method("GET"), checks + checkRef(), headers, null, false);
            case 4 -> json("hc.update", method("POST"), checks + checkRef(), headers, checkSpec());
            // never the fixture's check: later inputs ping it and read its badges
            case 5 -> new Input("hc.delete", method("DELETE"), checks + oneOf(() -> UUID.randomUUID().toString(), this::segment),
                    headers, null, false);
            case 6 -> json("hc.pause", method("POST"), checks + checkRef() + oneOf(() -> "/pause", () -> "/resume"), headers,
                    chance(50) ? null : checkSpec());
            case 7 -> new Input("hc.history", method("GET"), checks + checkRef() + oneOf(() -> "/pings/", () -> "/flips/")
                    + query("seconds", "start", "end"), headers, null, false);
            case 8 -> new Input("hc.badges", method("GET"), "/api/v3/badges/" + strayQuery(), headers, null, false);
            default -> new Input("hc.status", oneOf(() -> "GET", () -> "OPTIONS"), oneOf(() -> "/api/v3/status/",
                    () -> checks), headers, null, false);
        };
    }

    /** Any method, as Healthchecks' ping view takes; by code or by ping key and slug; a rid, create, a body. */
    private Input ping() {
        Tenant t = tenant();
        String code = oneOf(() -> fixture.pingCodes.get(t.organization()), () -> fixture.pingCodes.get(t.organization()).toUpperCase(),
                () -> UUID.randomUUID().toString(), () -> "{" + fixture.pingCodes.get(t.organization()) + "}", this::segment);
        String path = chance(60) ? "/ping/" + code
                : "/ping/" + oneOf(() -> TwoTenants.pingKey(t), this::segment) + "/" + oneOf(() -> "nightly", () -> "backup",
                        () -> "new-" + random.nextInt(20), () -> "Nightly", () -> "x".repeat(101), this::segment);
        if (chance(60)) path += "/" + oneOf(() -> "start", () -> "fail", () -> "log", () -> "0", () -> "1", () -> "255",
                () -> "256", () -> "-1", () -> "007", () -> "9".repeat(400), this::segment);
        if (chance(40)) path += "?" + oneOf(() -> "rid=" + UUID.randomUUID(), () -> "rid=" + encode(string()), () -> "create=1",
                () -> "create=1&rid=" + UUID.randomUUID(), () -> "create=" + encode(string()));
        Map<String, String> headers = new LinkedHashMap<>();
        if (chance(50)) headers.put("user-agent", oneOf(() -> "curl/8.5.0", this::string, () -> "u".repeat(3_000)));
        byte[] body = chance(60) ? null : oneOf(() -> string().getBytes(StandardCharsets.UTF_8), () -> bytes(random.nextInt(3_000)));
        return new Input("ping", oneOf(() -> "GET", () -> "POST", () -> "HEAD", () -> "PUT", () -> "PATCH", () -> "OPTIONS",
                () -> "DELETE"), path, headers, body, chance(30));
    }

    /** A listed badge URL, as listed or bent: another key, signature, tag, slug, format, or a path that climbs. */
    private Input badge() {
        List<String> paths = fixture.badgePaths.get(tenant().organization());
        String listed = paths.get(random.nextInt(paths.size()));
        String path = switch (random.nextInt(6)) {
            case 0 -> listed;
            case 1 -> listed.replaceFirst("\\.(svg|json|shields)$", "." + oneOf(() -> "png", () -> "", () -> "svg.svg",
                    () -> "json%00", this::segment));
            case 2 -> listed.replaceFirst("/[^/]+(\\.[a-z]+)$", "/" + oneOf(() -> "..%2F..%2Fetc%2Fpasswd", () -> "..",
                    () -> "%2e%2e", () -> "x".repeat(3_000), this::segment) + "$1");
            case 3 -> listed.replaceFirst("/(badge|b/[23])/[0-9a-f]{32}/", "/$1/" + oneOf(this::publicKey, this::segment) + "/");
            case 4 -> "/b/" + oneOf(() -> "2", () -> "3", () -> "4", () -> "-1", () -> "9".repeat(400), this::segment) + "/"
                    + oneOf(this::publicKey, this::segment) + "/" + segment() + "/" + segment() + ".svg";
            default -> "/badge/" + segment() + "/" + segment() + oneOf(() -> "", () -> "/" + segment()) + ".json";
        };
        return new Input("badge", method("GET"), path + strayQuery(), new LinkedHashMap<>(), null, false);
    }

    /** The project's read-write key mostly; another tenant's, none, or one bent. */
    private Map<String, String> apiKeyHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "cronwatch.test");
        Tenant t = tenant();
        int which = random.nextInt(10);
        if (which < 7) headers.put("x-api-key", TwoTenants.apiKey(t, random.nextInt(2)));
        else if (which < 9) headers.put(oneOf(() -> "x-api-key", () -> "X-Api-Key"), oneOf(this::string,
                () -> "hcw_" + "0".repeat(28), () -> "hcr_" + "0".repeat(28), () -> TwoTenants.apiKey(t, 0) + "\u0000",
                () -> TwoTenants.apiKey(t, 0).toUpperCase(), () -> "k".repeat(3_000)));
        return headers;
    }

    /** A check's uuid: the fixture's, its unique key, another, or no uuid at all. */
    private String checkRef() {
        String code = fixture.pingCodes.get(tenant().organization());
        return oneOf(() -> code, () -> code, () -> code.toUpperCase(), () -> UUID.randomUUID().toString(),
                () -> dev.cronwatch.core.service.HealthchecksService.uniqueKey(code), () -> "..%2F..%2Fapi%2F0", this::segment);
    }

    /** Healthchecks' Spec: each field right, wrong in type, too long or too big; sometimes not an object. */
    private String checkSpec() {
        if (chance(5)) return oneOf(() -> "{", () -> "[]", () -> "null", () -> "\"x\"", () -> "[".repeat(5_000), () -> "{\"a\":".repeat(3_000));
        Map<String, Object> body = new LinkedHashMap<>();
        if (chance(60)) body.put("name", oneOf(() -> "Check " + random.nextInt(1000), this::string, this::value));
        if (chance(40)) body.put("slug", oneOf(() -> "c-" + random.nextInt(1000), () -> "../..", () -> "a/b", this::string, this::value));
        if (chance(40)) body.put("tags", oneOf(() -> "prod db", () -> "100% a+b ../x", () -> "t".repeat(3_000), this::string, this::value));
        if (chance(20)) body.put("desc", oneOf(this::string, this::value));
        if (chance(40)) body.put("timeout", oneOf(() -> 3600, () -> 59, () -> 31_536_001, this::number, this::value));
        if (chance(40)) body.put("grace", oneOf(() -> 60, () -> 0, this::number, this::value));
        if (chance(30)) body.put("schedule", oneOf(() -> "0 * * * *", () -> "Mon *-*-* 03:00", () -> "61 * * * *",
                () -> "s".repeat(3_000), this::string, this::value));
        if (chance(25)) body.put("tz", oneOf(() -> "UTC", () -> "Europe/Riga", () -> "Mars/Base", () -> "../../etc", this::string, this::value));
        if (chance(20)) body.put("manual_resume", oneOf(() -> true, () -> "true", this::value));
        if (chance(20)) body.put("methods", oneOf(() -> "", () -> "POST", () -> "GET", this::value));
        if (chance(15)) body.put("channels", oneOf(() -> "*", () -> "", this::string, this::value));
        if (chance(20)) body.put("unique", oneOf(() -> List.of("name"), () -> List.of("slug", "tags"), () -> List.of("x"),
                () -> "name", this::value));
        if (chance(10)) body.put("api_key", oneOf(() -> TwoTenants.apiKey(tenant(), 0), this::string));
        if (chance(10)) body.put(string(), value());
        return jsonText(body);
    }

    // ---- bodies ----

    private String checkInBody(boolean sentryForm) {
        if (chance(5)) return oneOf(() -> "{", () -> "[]", () -> "null", () -> "\"ok\"", () -> "{\"status\": }",
                () -> "[".repeat(5_000), () -> "{\"a\":".repeat(3_000), () -> "{\"status\": \"ok\"}garbage");
        Map<String, Object> body = new LinkedHashMap<>();
        if (chance(90)) body.put("status", oneOf(() -> "ok", () -> "error", () -> "in_progress", this::string, this::value));
        if (chance(40)) body.put("environment", oneOf(() -> "production", () -> "staging", this::string, this::value));
        if (chance(30)) body.put("duration", number());
        if (sentryForm && chance(40)) body.put("check_in_id", oneOf(this::checkInId, this::value));
        if (sentryForm && chance(90)) body.put("monitor_slug", oneOf(this::rawSlug, this::value));
        if (chance(60)) body.put("monitor_config", chance(85) ? config() : value());
        if (chance(10)) body.put(string(), value());
        return jsonText(body);
    }

    private Object config() {
        Map<String, Object> config = new LinkedHashMap<>();
        int schedule = random.nextInt(6);
        switch (schedule) {
            case 0 -> config.put("schedule", oneOf(() -> "0 * * * *", () -> "*/5 * * * *", () -> "@hourly", this::string));
            case 1 -> config.put("schedule", mapOf("type", oneOf(() -> "crontab", () -> "interval", this::string),
                    "value", oneOf(() -> "0 * * * *", this::number, this::string), "unit",
                    oneOf(() -> "minute", () -> "hour", () -> "year", this::string)));
            case 2 -> config.put("schedule", List.of(number(), oneOf(() -> "minute", () -> "day", this::string)));
            case 3 -> {
                config.put("schedule", oneOf(() -> "0 * * * *", () -> 5, this::string));
                config.put("schedule_type", oneOf(() -> "crontab", () -> "interval", this::string));
            }
            case 4 -> config.put("schedule", value());
            default -> {
                // no schedule at all
            }
        }
        for (String key : List.of("checkin_margin", "max_runtime", "failure_issue_threshold", "recovery_threshold")) {
            if (chance(25)) config.put(key, chance(70) ? number() : value());
        }
        if (chance(30)) config.put("timezone", oneOf(() -> "Europe/Riga", () -> "UTC", this::string, this::value));
        if (chance(10)) config.put(string(), value());
        if (chance(3)) config.put("deep", nested(random.nextInt(2_000)));
        return config;
    }

    private String envelopeBody(String dsn) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> header = new LinkedHashMap<>();
        if (chance(50)) header.put("event_id", UUID.randomUUID().toString().replace("-", ""));
        if (dsn != null) header.put("dsn", dsn);
        out.append(chance(5) ? oneOf(() -> "{", () -> "", () -> "[]", this::string) : jsonText(header)).append('\n');
        int items = chance(8) ? 95 + random.nextInt(60) : random.nextInt(5);
        for (int i = 0; i < items; i++) {
            String type = oneOf(() -> "check_in", () -> "check_in", () -> "check_in", () -> "session", () -> "event",
                    () -> "attachment", this::string);
            String payload = type.equals("check_in") ? checkInBody(true) : "{\"sid\":\"" + i + "\"}";
            int actual = payload.getBytes(StandardCharsets.UTF_8).length;
            Map<String, Object> itemHeader = new LinkedHashMap<>();
            itemHeader.put("type", chance(95) ? type : value());
            int length = random.nextInt(10);
            if (length < 6) itemHeader.put("length", actual);
            else if (length < 8) itemHeader.put("length", chance(50) ? number() : actual + random.nextInt(1_000) - 500);
            out.append(jsonText(itemHeader)).append('\n').append(payload);
            if (chance(90)) out.append('\n');
            if (chance(5)) out.append('\n');
        }
        return out.toString();
    }

    private byte[] multipart(String boundary) {
        StringBuilder out = new StringBuilder();
        if (chance(10)) out.append("preamble\r\n");
        int parts = random.nextInt(3) + (chance(80) ? 1 : 0);
        for (int p = 0; p < parts; p++) {
            out.append(p == 0 && chance(90) ? "" : "\r\n").append("--").append(chance(95) ? boundary : string());
            out.append(chance(95) ? "\r\n" : oneOf(() -> "  \r\n", () -> "", () -> "\n"));
            String name = chance(70) ? "file" : string();
            if (chance(95)) {
                out.append("Content-Disposition: form-data; ").append(chance(50) ? "filename=\"" + string() + "\"; " : "")
                        .append("name=\"").append(name).append('"').append("\r\n");
            }
            if (chance(40)) out.append("Content-Type: ").append(chance(70) ? "text/plain" : string()).append("\r\n");
            if (chance(92)) out.append("\r\n");
            int size = chance(5) ? 100 * 1024 + random.nextInt(2_000) : random.nextInt(300);
            out.append("l".repeat(size));
        }
        if (chance(90)) out.append("\r\n--").append(boundary).append(chance(90) ? "--\r\n" : "");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String boundary() {
        return oneOf(() -> "XyZ", () -> "----WebKitFormBoundary7MA4YWxkTrZu0gW", () -> "-".repeat(70),
                () -> "-".repeat(71), () -> "-".repeat(8_000), () -> "a b", () -> "a ", () -> "", () -> "é", this::string);
    }

    // ---- transport: encodings, base64, sizes ----

    private Input json(String route, String method, String path, Map<String, String> headers, String body) {
        if (body != null && chance(70)) headers.putIfAbsent("content-type", "application/json");
        return encoded(new Input(route, method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                chance(30)));
    }

    private Input encoded(Input input) {
        byte[] body = input.body();
        Map<String, String> headers = new LinkedHashMap<>(input.headers());
        boolean base64 = input.base64();
        int encoding = random.nextInt(100);
        if (body != null && encoding < 10) {
            headers.put("content-encoding", chance(90) ? "gzip" : "GZIP");
            body = gzip(body);
            base64 = true;
        } else if (body != null && encoding < 13) {
            headers.put("content-encoding", "deflate");
            body = deflate(body);
            base64 = true;
        } else if (encoding < 15) {
            headers.put("content-encoding", "gzip");
            body = gzip(new byte[1024 * 1024 + random.nextInt(3) - 1]); // a bomb, or just within the limit
            base64 = true;
        } else if (body != null && encoding < 17) {
            headers.put("content-encoding", "gzip");
            byte[] gz = gzip(body);
            body = java.util.Arrays.copyOf(gz, random.nextInt(gz.length)); // cut short
            base64 = true;
        } else if (encoding < 18) {
            headers.put("content-encoding", oneOf(() -> "br", () -> "zstd", () -> "gzip, br", this::string));
        } else if (encoding < 20) {
            body = bytes(100 * 1024 + random.nextInt(3) - 1);
            base64 = true;
        } else if (encoding < 21) {
            return new Input(input.route(), input.method(), input.path(), headers, body, true, true);
        }
        return new Input(input.route(), input.method(), input.path(), headers, body, base64);
    }

    // ---- credentials ----

    private Map<String, String> dsnHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        Tenant t = tenant();
        int which = random.nextInt(10);
        if (which < 6) headers.put("authorization", "DSN " + t.dsn(random.nextInt(2)));
        else if (which < 8) headers.put("authorization", oneOf(() -> "DSN " + dsnText(), () -> "dsn " + t.dsn(0),
                () -> "Bearer " + t.token(), () -> "DSN", () -> "Basic YTpi"));
        else if (which < 9) headers.put("Authorization", "DSN " + t.dsn(0));
        return headers;
    }

    private Map<String, String> bearerHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        Tenant t = tenant();
        int which = random.nextInt(10);
        if (which < 7) headers.put("authorization", "Bearer " + t.token());
        else if (which < 9) headers.put("authorization", oneOf(() -> "Bearer " + string(), () -> "Bearer",
                () -> "bearer " + t.token(), () -> "DSN " + t.dsn(0), () -> "Bearer " + "t".repeat(10_000),
                () -> "Bearer " + t.token() + "\u0000"));
        return headers;
    }

    private String dsnText() {
        return oneOf(() -> "http://a b@x/1", () -> "http://" + publicKey() + "@x/1", () -> "http://@x/1",
                () -> "not a url", () -> "http://" + "a".repeat(3_000) + "@x/1", () -> "http://x/1",
                () -> ":::", () -> "http://" + TwoTenants.ACME.publicKeys().get(0) + ":secret@x/" + projectSegment(),
                this::string);
    }

    // ---- parts ----

    private Tenant tenant() {
        return chance(85) ? current : TwoTenants.TENANTS.get(random.nextInt(2));
    }

    private String org() {
        int which = random.nextInt(10);
        if (which < 6) return current.organization();
        if (which < 8) return TwoTenants.TENANTS.get(random.nextInt(2)).organization();
        return oneOf(() -> "nobody", this::segment);
    }

    private String slug() {
        return chance(60) ? oneOf(() -> "backup", () -> "report", () -> "job-" + random.nextInt(50)) : segment();
    }

    private String rawSlug() {
        return chance(60) ? oneOf(() -> "backup", () -> "Report", () -> "job " + random.nextInt(50)) : string();
    }

    private String checkInId() {
        return oneOf(() -> "latest", () -> UUID.randomUUID().toString(), () -> UUID.randomUUID().toString().replace("-", ""),
                () -> knownCheckInId(), () -> knownCheckInId().toUpperCase(), this::segment,
                () -> "00000000-0000-0000-0000-000000000000", () -> "-".repeat(20) + UUID.randomUUID().toString().replace("-", ""));
    }

    private String knownCheckInId() {
        List<String> ids = fixture.checkInIds.get(tenant().organization());
        return ids.isEmpty() ? UUID.randomUUID().toString() : ids.get(random.nextInt(ids.size()));
    }

    private String projectSegment() {
        return oneOf(() -> "0", () -> "-1", () -> "3", () -> "99999999999999999999", () -> "1.0", () -> "web",
                () -> "1%23x", this::segment);
    }

    private String publicKey() {
        return oneOf(() -> "a".repeat(3_000), () -> "g".repeat(32), () -> "A".repeat(32), () -> "0".repeat(31),
                () -> "0".repeat(33), () -> "", () -> "0123456789abcdef0123456789abcdef".toUpperCase(), this::string);
    }

    /** A path segment: hostile text percent-encoded, or raw bytes a path should not hold. */
    private String segment() {
        return chance(70) ? encode(string()) : oneOf(() -> "%zz", () -> "%", () -> "a%2Fb", () -> "x%23secret",
                () -> "%F0%9F", () -> "%C0%AF", () -> "a+b", () -> "UPPER", () -> ".", () -> "..");
    }

    private String query(String... names) {
        if (chance(30)) return "";
        StringBuilder q = new StringBuilder("?");
        for (String name : names) {
            if (!chance(50)) continue;
            String value = switch (name) {
                case "cursor" -> !cursors.isEmpty() && chance(60) ? cursors.get(random.nextInt(cursors.size())).cursor() : string();
                case "per_page" -> chance(50) ? String.valueOf(number()) : string();
                case "since" -> since();
                default -> string();
            };
            q.append(encode(name)).append('=').append(chance(90) ? encode(value) : value).append('&');
        }
        if (chance(5)) q.append(oneOf(() -> "%zz=1", () -> "=", () -> "&&&", () -> "a=%", () -> "status=ok&status=error"));
        return q.toString();
    }

    private Object value() {
        return oneOf(this::string, this::number, () -> true, () -> null, () -> List.of(string(), number()),
                () -> mapOf(string(), string()), () -> nested(random.nextInt(50)));
    }

    private String string() {
        if (chance(10)) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(80); i > 0; i--) s.appendCodePoint(random.nextInt(0x110000));
            return s.toString();
        }
        return STRINGS.get(random.nextInt(STRINGS.size()));
    }

    private Object number() {
        return chance(85) ? NUMBERS.get(random.nextInt(NUMBERS.size())) : String.valueOf(NUMBERS.get(random.nextInt(NUMBERS.size())));
    }

    private Object nested(int depth) {
        Object value = "x";
        for (int i = 0; i < depth; i++) value = chance(50) ? List.of(value) : mapOf("a", value);
        return value;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String method(String right) {
        return chance(95) ? right : oneOf(() -> "GET", () -> "POST", () -> "PUT", () -> "DELETE", () -> "PATCH", () -> "HEAD");
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    private <T> T oneOf(Supplier<? extends T>... choices) {
        return choices[random.nextInt(choices.length)].get();
    }

    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        return map;
    }

    private static String monitors(String org) {
        return "/api/0/organizations/" + org + "/monitors/";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * JSON text with every character outside printable ASCII escaped, so that lone surrogates and
     * non-characters reach the server as the escapes a client would send; {@link Raw} goes in as is.
     */
    static String jsonText(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.text());
        } else if (value instanceof String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') out.append('\\').append(c);
                else if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
                else out.append(c);
            }
            out.append('"');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) out.append(',');
                first = false;
                write(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) out.append(',');
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) out.write(buffer, 0, deflater.deflate(buffer));
        deflater.end();
        return out.toByteArray();
    }
}
