package dev.cronwatch.handlers;

import dev.cronwatch.core.port.AlertPublisher;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.Metric;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.AdminService;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.IngestService;
import dev.cronwatch.core.service.ProcessorService;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The use cases, built once from the ports. Handlers take this in their test constructor; the
 * Lambda constructor gets it from {@link Wiring}, which picks the real adapters.
 */
public final class Services {
    private final MonitorStore store;
    private final TenantDirectory tenants;
    private final Clock clock;
    private final IngestService ingest;
    private final ProcessorService processor;
    private final ClockService clockService;
    private final AdminService admin;
    private final Metrics metrics;

    public Services(MonitorStore store, TenantDirectory tenants, CheckInQueue queue, AlertPublisher publisher,
                    Clock clock, Supplier<UUID> ids, int rateLimitPerMinute) {
        this(store, tenants, queue, publisher, clock, ids, rateLimitPerMinute, Metrics.NONE);
    }

    public Services(MonitorStore store, TenantDirectory tenants, CheckInQueue queue, AlertPublisher publisher,
                    Clock clock, Supplier<UUID> ids, int rateLimitPerMinute, Metrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.tenants = tenants;
        this.clock = clock;
        AlertDispatcher alerts = new AlertDispatcher(store, publisher, clock);
        this.ingest = new IngestService(counted(queue, metrics), store, clock, ids);
        this.processor = new ProcessorService(store, new CheckInRules(rateLimitPerMinute), alerts);
        this.clockService = new ClockService(store, alerts);
        this.admin = new AdminService(store, tenants, clock, ids);
    }

    public MonitorStore store() {
        return store;
    }

    public TenantDirectory tenants() {
        return tenants;
    }

    public Clock clock() {
        return clock;
    }

    public IngestService ingest() {
        return ingest;
    }

    public ProcessorService processor() {
        return processor;
    }

    public ClockService clockService() {
        return clockService;
    }

    public AdminService admin() {
        return admin;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** Every check-in ingest queues is one accepted (an envelope's items each count). */
    private static CheckInQueue counted(CheckInQueue queue, Metrics metrics) {
        return (message, deduplicationId) -> {
            queue.send(message, deduplicationId);
            metrics.count(Metric.CHECK_INS_ACCEPTED);
        };
    }
}
