package dev.cronwatch.handlers.usecases;

import dev.cronwatch.core.port.CredentialLookup;
import dev.cronwatch.core.port.ManagementStore;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.service.AttachmentService;
import dev.cronwatch.core.service.IngestService;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the ingest function serves with: Sentry's check-in routes and Healthchecks' ping URLs, the
 * credentials they are read with, and the ping URLs' own log and rate limit (docs/spec.md §14.1).
 */
public record IngestServices(IngestService ingest, AttachmentService attachments, CredentialLookup credentials,
                             ManagementStore store, Clock clock, Supplier<UUID> ids, int pingRateLimit,
                             Metrics metrics) {
    public static IngestServices of(Ports ports) {
        ManagementStore store = ports.stores().management();
        return new IngestServices(new IngestService(new CountedQueue(ports.queue(), ports.metrics()), ports.clock(),
                ports.ids()), new AttachmentService(store), ports.tenants().credentials(), store, ports.clock(), ports.ids(),
                ports.limits().rateLimitPerMinute(), ports.metrics());
    }
}
