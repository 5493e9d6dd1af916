package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingMetrics;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.handlers.usecases.IngestServices;
import dev.cronwatch.handlers.usecases.JudgingServices;
import dev.cronwatch.handlers.usecases.Limits;
import dev.cronwatch.handlers.usecases.ManagementServices;
import dev.cronwatch.handlers.usecases.Ports;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;

/**
 * The whole system on the in-memory ports behind the HTTP function, as the handler tests start it:
 * organizations acme (token acme-token) and globex (token globex-token), the clock at
 * 2026-01-01T00:00:00Z, and, unless a test onboards its own, acme's project 1 "web" with the DSN
 * key {@link #KEY}. Nothing is processed until a test says so ({@link #process()}).
 */
final class InMemorySystem {
    static final String KEY = "0123456789abcdef0123456789abcdef";
    /** The DSN of acme's project 1 "web". */
    static final String DSN = "http://" + KEY + "@cronwatch.test/1";

    final InMemoryMonitorStore store = new InMemoryMonitorStore();
    final InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
    final RecordingQueue queue = new RecordingQueue();
    final RecordingPublisher publisher = new RecordingPublisher();
    final RecordingMetrics metrics = new RecordingMetrics();
    final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
    final Ports ports = new Ports(store.stores(), tenants.tenants(), queue, publisher, clock, UUID::randomUUID, new SecureRandom(),
            Limits.DEFAULTS, metrics);
    final ProcessorService processor = JudgingServices.processor(ports);
    final ClockService clockService = JudgingServices.clock(ports);
    final HttpApiHandler handler = new HttpApiHandler(ingest(), management());

    private InMemorySystem() {
        for (String organization : new String[] {"acme", "globex"}) {
            tenants.ensureOrganization(organization);
            tenants.ensureToken(organization, organization + "-token");
        }
    }

    /** What the ingest function of another container would serve with, on the same ports. */
    IngestServices ingest() {
        return IngestServices.of(ports);
    }

    ManagementServices management() {
        return ManagementServices.of(ports);
    }

    /** acme with its project 1 "web" and that project's DSN key; globex with no project. */
    static InMemorySystem seeded() {
        InMemorySystem system = new InMemorySystem();
        system.tenants.ensureProject(new Project("acme", "1", "web"));
        system.tenants.ensureDsnKey(new DsnKey(KEY, "acme", "1"));
        return system;
    }

    /** {@link #seeded()} with a read-write Healthchecks API key of acme's project 1, {@code secret}. */
    static InMemorySystem seededWithApiKey(String secret) {
        InMemorySystem system = seeded();
        system.tenants.createApiKey(ApiKey.of("acme", "1", secret, null, null), secret);
        return system;
    }

    /** Both organizations with no project and no key: what an organization has before it onboards itself. */
    static InMemorySystem withoutProjects() {
        return new InMemorySystem();
    }

    /** Applies what the HTTP function queued, as the processor would. */
    void process() {
        for (RecordingQueue.Delivery d : queue.takeAll()) processor.apply(d.message(), d.sequence());
    }

    /** A check-in to one of acme's monitors with project 1's DSN, which must be accepted, then processed. */
    void checkIn(String slug, String json) {
        APIGatewayV2HTTPResponse r = handler.handleRequest(HttpEvents.event("POST",
                "/api/0/organizations/acme/monitors/" + slug + "/checkins/",
                Map.of("authorization", "DSN " + DSN, "content-type", "application/json"), json), null);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(201);
        process();
    }
}
