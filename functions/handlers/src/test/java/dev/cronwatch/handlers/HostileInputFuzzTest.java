package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.queue.CheckInMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * A seeded, structure-aware fuzz of every route of the HTTP function (see {@link HostileInputs}) on the
 * in-memory ports, with guards for what DynamoDB and SQS would refuse. For every input: an answer (never
 * a throw: on API Gateway that is a dropped request), never a 5xx, a JSON error body for a 4xx, and
 * nothing stored or queued for a refused input. Accepted check-ins are applied as the processor would,
 * so later inputs meet monitors, check-ins and cursors that exist. A cursor taken from a real answer
 * and sent as made to another listing (another route, tenant, monitor or project) must not read a page,
 * and an answer to one tenant's token must show nothing of the other's, nor may an input write for an
 * organization whose credentials it does not carry. An input known to be invalid (a method no route
 * takes, a body flagged base64 that is not) must be refused. Each run fuzzes the fixed seed and a fresh one,
 * whose figures print the line that reproduces it; run another seed or more inputs with
 * {@code -Dfuzz.seed=… -Dfuzz.inputs=…}.
 */
class HostileInputFuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", 20261130L);
    static final int INPUTS = Integer.getInteger("fuzz.inputs", 30_000);
    /** Fewer inputs for the fresh seed: what it adds is other inputs, not more of them; the run stays near a minute. */
    static final int FRESH_INPUTS = INPUTS / 3;

    @Test
    void noInputGetsA5xx_orIsDropped_orLeavesATraceWhenRefused() {
        fuzz(SEED, INPUTS, true);
    }

    /**
     * A seed no run used before: over many CI runs, many more inputs than the fixed seed's. What it finds
     * is printed with the command that reproduces it (then made a case of the fixed seed or a regression
     * test) rather than failing an unrelated build; the fixed seed holds the build.
     */
    @Test
    void aFreshSeed_too() {
        fuzz(new SecureRandom().nextLong(), FRESH_INPUTS, false);
    }

    private static void fuzz(long seed, int count, boolean findingsFail) {
        System.out.printf("fuzz: seed %d, %d inputs (reproduce with -Dfuzz.seed=%d -Dfuzz.inputs=%d"
                + " -Dtest='HostileInputFuzzTest#noInputGetsA5xx_orIsDropped_orLeavesATraceWhenRefused')%n", seed, count, seed, count);
        TwoTenants system = new TwoTenants();
        HostileInputs inputs = new HostileInputs(seed, system);
        Set<String> routedMethods = system.routeTable().stream().map(r -> r.substring(0, r.indexOf(' '))).collect(Collectors.toSet());
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Map<Integer, Integer>> byRoute = new TreeMap<>();
        List<String> findings = new ArrayList<>();
        long slowestNanos = 0;
        String slowest = "";
        long[] nanos = new long[count];
        int accepted = 0;
        Map<String, Map<String, Integer>> byCursor = new TreeMap<>();
        int bentHeaders = 0;

        for (int i = 0; i < count; i++) {
            HostileInputs.Input input = inputs.next();
            int writesBefore = system.writes();
            int queuedBefore = system.queue.messages().size();
            int guardBefore = system.guardFindings.size();
            APIGatewayV2HTTPResponse response;
            long start = System.nanoTime();
            try {
                response = system.handler.handleRequest(HttpEvents.event(input.method(), input.path(), input.headers(),
                        input.body(), input.base64(), input.corruptBase64()), null);
            } catch (Throwable e) {
                findings.add("#" + i + " dropped (" + e + "): " + input.describe());
                continue;
            }
            long took = System.nanoTime() - start;
            nanos[i] = took;
            if (took > slowestNanos) {
                slowestNanos = took;
                slowest = "#" + i + " " + input.route() + " -> " + response.getStatusCode() + ": " + input.describe();
            }
            int status = response.getStatusCode();
            byStatus.merge(status / 100 + "xx", 1, Integer::sum);
            byRoute.computeIfAbsent(input.route(), r -> new TreeMap<>()).merge(status, 1, Integer::sum);
            String problem = isHealthchecks(input) ? healthchecksProblem(system, input, response, writesBefore, queuedBefore)
                    : problem(system, response, writesBefore, queuedBefore);
            if (problem == null) problem = writtenWithoutCredentials(system, input, queuedBefore);
            if (problem == null && knownInvalid(input, routedMethods) && status < 400) problem = "an invalid input accepted (" + status + ")";
            if (problem == null) problem = crossing(system, input, response);
            if (problem != null) findings.add("#" + i + " " + problem + ": " + input.describe());
            if (input.replay() != null && input.method().equals("GET")) { // another method is another route, not a read
                byCursor.computeIfAbsent(cursorKind(input), k -> new TreeMap<>()).merge(status / 100 + "xx", 1, Integer::sum);
            }
            if (input.headers().size() > 30 || input.headers().values().stream().anyMatch(v -> v != null && v.length() > 4_000)) {
                bentHeaders++;
            }
            for (int g = guardBefore; g < system.guardFindings.size(); g++) {
                findings.add("#" + i + " guard: " + system.guardFindings.get(g) + " for " + input.describe());
            }
            if (status < 300) accepted++;
            String cursor = HttpEvents.nextCursor(response);
            if (cursor != null) inputs.saw(input, cursor);
            if (i % 25 == 0) {
                int guards = system.guardFindings.size();
                system.process();
                system.takeWrittenOrganizations(); // the processor's writes: each message's organization was checked when queued
                for (int g = guards; g < system.guardFindings.size(); g++) findings.add("after #" + i + ": " + system.guardFindings.get(g));
            }
        }

        System.out.printf("fuzz: seed %d, %d inputs, statuses by class %s, accepted %d%n", seed, count, byStatus, accepted);
        System.out.printf("fuzz: statuses by route %s%n", byRoute);
        System.out.printf("fuzz: cursors from real answers on GETs, statuses by how they were sent %s%n", byCursor);
        System.out.printf("fuzz: inputs with more than 30 headers or one over 4 KB: %d%n", bentHeaders);
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("fuzz: slowest request %.1f ms (p50 %.3f ms, p99 %.3f ms): %s%n", slowestNanos / 1e6,
                sorted[count / 2] / 1e6, sorted[count * 99 / 100] / 1e6, slowest);
        if (!findingsFail && !findings.isEmpty()) {
            System.out.printf("fuzz: UNEXPECTED, %d findings of seed %d (reproduce as above): %s%n", findings.size(), seed, findings);
            return;
        }
        assertThat(findings).as("findings (seed %d, %d inputs)", seed, count).isEmpty();
        assertThat(byStatus).containsKeys("2xx", "4xx");
        assertThat(byRoute).hasSizeGreaterThanOrEqualTo(26);
        assertThat(byCursor.getOrDefault("as made, another listing", Map.of())).containsKey("4xx");
        assertThat(byCursor.getOrDefault("as made, its own listing", Map.of())).containsKey("2xx");
    }

    private static String cursorKind(HostileInputs.Input input) {
        HostileInputs.Replay replay = input.replay();
        if (replay.form() != HostileInputs.CursorForm.AS_MADE) return replay.form().name().toLowerCase().replace('_', ' ');
        return replay.madeBy().equals(input.listing()) ? "as made, its own listing" : "as made, another listing";
    }

    /**
     * A read across listings or tenants: a real cursor of another listing that read a page, or an
     * answer to one organization's token that shows the other's data (its check-in ids aside: any
     * client may send an id it knows, and its own check-in then carries it; so are the names and the
     * key the inputs send as plain values, which the reader's own data may then hold).
     */
    private static String crossing(TwoTenants system, HostileInputs.Input input, APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() >= 300) return null;
        HostileInputs.Replay replay = input.replay();
        if (replay != null && replay.form() == HostileInputs.CursorForm.AS_MADE && input.method().equals("GET")
                && !replay.madeBy().equals(input.listing())) {
            return "a cursor of " + replay.madeBy() + " read a page (" + response.getStatusCode() + ")";
        }
        String authorization = input.headers().get("authorization");
        for (TwoTenants.Tenant reader : TwoTenants.TENANTS) {
            if (!("Bearer " + reader.token()).equals(authorization)) continue;
            for (TwoTenants.Tenant other : TwoTenants.TENANTS) {
                if (other == reader) continue;
                String shown = text(response) + " " + response.getHeaders();
                for (String secret : system.secrets.get(other.organization())) {
                    if (!system.checkInIds.get(other.organization()).contains(secret) && !HostileInputs.sendsAsAValue(secret)
                            && shown.contains(secret)) {
                        return reader.organization() + " read " + secret + " of " + other.organization();
                    }
                }
            }
        }
        return null;
    }

    /** The body as text, unzipped when the answer was compressed (the dashboard's summaries, when asked). */
    private static String text(APIGatewayV2HTTPResponse response) {
        boolean gzipped = response.getHeaders() != null && "gzip".equals(response.getHeaders().get("Content-Encoding"));
        if (!gzipped || response.getBody() == null) return response.getBody();
        try (var in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(response.getBody())))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dashboard's page and assets are the one non-JSON success the API gives. */
    private static boolean servesTheDashboard(APIGatewayV2HTTPResponse response) {
        String type = response.getHeaders() == null ? null : response.getHeaders().get("Content-Type");
        return type != null && (type.startsWith("text/html") || type.startsWith("text/css")
                || type.startsWith("text/javascript") || type.startsWith("image/svg+xml"));
    }

    /**
     * A write for an organization the input holds no credential of (its token or one of its DSN keys,
     * anywhere in the request): to its ports directly, or by a check-in queued for it. An input whose
     * body is compressed is not read, so not judged.
     */
    private static String writtenWithoutCredentials(TwoTenants system, HostileInputs.Input input, int queuedBefore) {
        Set<String> written = new TreeSet<>(system.takeWrittenOrganizations());
        List<CheckInMessage> queued = system.queue.messages();
        for (int m = queuedBefore; m < queued.size(); m++) written.add(queued.get(m).monitor().organization());
        if (written.isEmpty() || input.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("content-encoding"))) return null;
        String path;
        try {
            path = URLDecoder.decode(input.path(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException brokenEscape) {
            path = input.path();
        }
        String request = path + " " + input.headers() + " " + (input.body() == null ? "" : new String(input.body(), StandardCharsets.UTF_8));
        for (String organization : written) {
            TwoTenants.Tenant owner = TwoTenants.TENANTS.stream().filter(t -> t.organization().equals(organization)).findFirst().orElse(null);
            // public keys are hex, read in either case: "DSN HTTP://2123…ABCDEF@…" holds the key 2123…abcdef
            String lower = request.toLowerCase(java.util.Locale.ROOT);
            boolean holdsCredential = owner != null && (request.contains(owner.token())
                    || owner.publicKeys().stream().anyMatch(k -> lower.contains(k.toLowerCase(java.util.Locale.ROOT)))
                    || request.contains(TwoTenants.apiKey(owner, 0)) || request.contains(TwoTenants.apiKey(owner, 1))
                    || request.contains(system.pingCodes.get(organization)) || request.contains(TwoTenants.pingKey(owner)));
            if (!holdsCredential) return "wrote for " + organization + " without its credentials";
        }
        return null;
    }

    /**
     * What no route can take: a method none of the route table's has (PATCH, HEAD), or a POST or PUT
     * whose body is flagged base64 but is not.
     */
    private static boolean knownInvalid(HostileInputs.Input input, Set<String> routedMethods) {
        if (input.route().equals("ping")) return false; // any method, and a body is cut, never refused
        if (!routedMethods.contains(input.method().toUpperCase(Locale.ROOT))) return true; // "get" is GET
        return input.corruptBase64() && (input.method().equals("POST") || input.method().equals("PUT"));
    }

    private static boolean isHealthchecks(HostileInputs.Input input) {
        return input.route().startsWith("hc.") || input.route().equals("ping") || input.route().equals("badge");
    }

    /**
     * What is wrong with an answer of a Healthchecks route, or null: a refusal is Healthchecks' own (a
     * JSON {@code error} in its words, a plain-text line of the ping API, or an empty 404 or 403) or, for
     * what Healthchecks has no words for (a path no route has, a method, the body's transport), ours; a 400
     * says what is wrong (but flips/'s, empty as Healthchecks'), and a success is JSON, plain text or a badge's SVG.
     */
    private static String healthchecksProblem(TwoTenants system, HostileInputs.Input input, APIGatewayV2HTTPResponse response, int writesBefore,
                                              int queuedBefore) {
        int status = response.getStatusCode();
        if (status >= 500) return "a " + status + " " + response.getBody();
        if (response.getHeaders() != null) {
            for (var header : response.getHeaders().entrySet()) {
                if (header.getValue().chars().anyMatch(c -> c < 0x20 || c > 0x7e)) return "header " + header.getKey() + " not ASCII";
            }
        }
        String type = response.getHeaders() == null ? "" : response.getHeaders().getOrDefault("Content-Type", "");
        String body = response.getBody() == null ? "" : response.getBody();
        if (status >= 400) {
            if (system.writes() != writesBefore) return "refused (" + status + ") but stored something";
            if (system.queue.messages().size() != queuedBefore) return "refused (" + status + ") but queued something";
            if (type.startsWith("application/json")) {
                try {
                    Map<String, Object> error = Json.parseObject(body);
                    boolean healthchecksWords = error.get("error") instanceof String text && !text.isBlank();
                    // what no route of Healthchecks' answers (an unknown path, a method, the transport) is our own refusal
                    boolean ours = error.get("detail") instanceof String && (status != 400 || error.get("field") instanceof String);
                    if (!healthchecksWords && !ours) return "an error naming nothing: " + body;
                } catch (RuntimeException e) {
                    return "an error body that is not JSON: " + body;
                }
            } else if (!body.isEmpty() && !type.startsWith("text/plain")) {
                return "an error neither JSON, text nor empty: " + type + " " + body;
            }
            // Healthchecks' flips/ answers a bad filter with an empty 400 (its form's is_valid)
            if (status == 400 && body.isEmpty() && !input.route().equals("hc.history")) return "a 400 that says nothing";
        } else if (status != 204 && !type.startsWith("text/plain") && !type.startsWith("image/svg+xml")) {
            try {
                Json.parse(body);
            } catch (RuntimeException e) {
                return "a body that is not JSON: " + body;
            }
        }
        return null;
    }

    /** What is wrong with this answer, or null. */
    private static String problem(TwoTenants system, APIGatewayV2HTTPResponse response, int writesBefore, int queuedBefore) {
        int status = response.getStatusCode();
        if (status >= 500) return "a " + status + " " + response.getBody();
        if (response.getHeaders() != null) {
            for (var header : response.getHeaders().entrySet()) {
                if (header.getValue().chars().anyMatch(c -> c < 0x20 || c > 0x7e)) return "header " + header.getKey() + " not ASCII";
            }
        }
        if (status >= 400) {
            if (system.writes() != writesBefore) return "refused (" + status + ") but stored something";
            if (system.queue.messages().size() != queuedBefore) return "refused (" + status + ") but queued something";
            try {
                Map<String, Object> body = Json.parseObject(text(response));
                if (!(body.get("detail") instanceof String)) return "an error without detail: " + response.getBody();
                if (status == 400 && !(body.get("field") instanceof String)) return "a 400 naming no field: " + response.getBody();
            } catch (RuntimeException e) {
                return "an error body that is not JSON: " + response.getBody();
            }
        } else if (status != 204 && status != 304 && !servesTheDashboard(response)) {
            try {
                Json.parse(text(response));
            } catch (RuntimeException e) {
                return "a body that is not JSON: " + response.getBody();
            }
        }
        return null;
    }
}
