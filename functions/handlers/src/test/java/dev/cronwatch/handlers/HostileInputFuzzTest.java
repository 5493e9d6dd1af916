package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A seeded, structure-aware fuzz of every route of the HTTP function (see {@link HostileInputs}) on the
 * in-memory ports, with guards for what DynamoDB and SQS would refuse. For every input: an answer (never
 * a throw: on API Gateway that is a dropped request), never a 5xx, a JSON error body for a 4xx, and
 * nothing stored or queued for a refused input. Accepted check-ins are applied as the processor would,
 * so later inputs meet monitors, check-ins and cursors that exist. Run another seed or more inputs with
 * {@code -Dfuzz.seed=… -Dfuzz.inputs=…}; the figures are printed.
 */
class HostileInputFuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", 20261130L);
    static final int INPUTS = Integer.getInteger("fuzz.inputs", 12_000);

    @Test
    void noInputGetsA5xx_orIsDropped_orLeavesATraceWhenRefused() {
        TwoTenants system = new TwoTenants();
        HostileInputs inputs = new HostileInputs(SEED, system);
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Map<Integer, Integer>> byRoute = new TreeMap<>();
        List<String> findings = new ArrayList<>();
        long slowestNanos = 0;
        String slowest = "";
        long[] nanos = new long[INPUTS];
        int accepted = 0;

        for (int i = 0; i < INPUTS; i++) {
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
            String problem = problem(system, response, writesBefore, queuedBefore);
            if (problem != null) findings.add("#" + i + " " + problem + ": " + input.describe());
            for (int g = guardBefore; g < system.guardFindings.size(); g++) {
                findings.add("#" + i + " guard: " + system.guardFindings.get(g) + " for " + input.describe());
            }
            if (status < 300) accepted++;
            String cursor = HttpEvents.nextCursor(response);
            if (cursor != null) inputs.cursors.add(cursor);
            if (i % 25 == 0) {
                int guards = system.guardFindings.size();
                system.process();
                for (int g = guards; g < system.guardFindings.size(); g++) findings.add("after #" + i + ": " + system.guardFindings.get(g));
            }
        }

        System.out.printf("fuzz: seed %d, %d inputs, statuses by class %s, accepted %d%n", SEED, INPUTS, byStatus, accepted);
        System.out.printf("fuzz: statuses by route %s%n", byRoute);
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("fuzz: slowest request %.1f ms (p50 %.3f ms, p99 %.3f ms): %s%n", slowestNanos / 1e6,
                sorted[INPUTS / 2] / 1e6, sorted[INPUTS * 99 / 100] / 1e6, slowest);
        assertThat(findings).as("findings (seed %d)", SEED).isEmpty();
        assertThat(byStatus).containsKeys("2xx", "4xx");
        assertThat(byRoute).hasSizeGreaterThanOrEqualTo(19);
    }

    /** The dashboard's page and assets are the one non-JSON success the API gives. */
    private static boolean servesTheDashboard(APIGatewayV2HTTPResponse response) {
        String type = response.getHeaders() == null ? null : response.getHeaders().get("Content-Type");
        return type != null && (type.startsWith("text/html") || type.startsWith("text/css")
                || type.startsWith("text/javascript") || type.startsWith("image/svg+xml"));
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
                Map<String, Object> body = Json.parseObject(response.getBody());
                if (!(body.get("detail") instanceof String)) return "an error without detail: " + response.getBody();
                if (status == 400 && !(body.get("field") instanceof String)) return "a 400 naming no field: " + response.getBody();
            } catch (RuntimeException e) {
                return "an error body that is not JSON: " + response.getBody();
            }
        } else if (status != 204 && status != 304 && !servesTheDashboard(response)) {
            try {
                Json.parse(response.getBody());
            } catch (RuntimeException e) {
                return "a body that is not JSON: " + response.getBody();
            }
        }
        return null;
    }
}
