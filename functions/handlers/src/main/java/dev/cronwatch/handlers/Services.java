package dev.cronwatch.handlers;

import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.port.AlertPublisher;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.port.Stores;
import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.MonitorService;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ApiKeyService;
import dev.cronwatch.core.service.AttachmentService;
import dev.cronwatch.core.service.BadgeService;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.HealthchecksService;
import dev.cronwatch.core.service.IngestService;
import dev.cronwatch.core.service.PingCheckService;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.core.service.ProjectService;
import dev.cronwatch.core.service.TokenService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The use cases, built once from the ports. Handlers take this in their test constructor; the
 * Lambda constructor gets it from {@link Wiring}, which picks the adapters.
 */
public final class Services {
    /** How long one tick may spend judging deadlines itself; the clock function's timeout is 60 s. */
    private static final Duration DIRECT_JUDGEMENT_BUDGET = Duration.ofSeconds(30);

    private final Stores stores;
    private final TenantDirectory tenants;
    private final Clock clock;
    private final IngestService ingest;
    private final ProcessorService processor;
    private final ClockService clockService;
    private final MonitorService monitors;
    private final AttachmentService attachments;
    private final ProjectService projects;
    private final TokenService tokens;
    private final ApiKeyService apiKeys;
    private final BadgeService badges;
    private final HealthchecksService healthchecks;
    private final Metrics metrics;
    private final Supplier<UUID> ids;
    private final int rateLimitPerMinute;

    public Services(Stores stores, TenantDirectory tenants, CheckInQueue queue, AlertPublisher publisher,
                    Clock clock, Supplier<UUID> ids, Limits limits) {
        this(stores, tenants, queue, publisher, clock, ids, limits, Metrics.NONE);
    }

    public Services(Stores stores, TenantDirectory tenants, CheckInQueue queue, AlertPublisher publisher,
                    Clock clock, Supplier<UUID> ids, Limits limits, Metrics metrics) {
        this(stores, tenants, queue, publisher, clock, ids, new SecureRandom(), limits, metrics);
    }

    /** {@code secrets}: where new DSN keys and tokens come from; a SecureRandom outside tests. */
    public Services(Stores stores, TenantDirectory tenants, CheckInQueue queue, AlertPublisher publisher,
                    Clock clock, Supplier<UUID> ids, RandomGenerator secrets, Limits limits, Metrics metrics) {
        this.metrics = metrics;
        this.ids = ids;
        this.rateLimitPerMinute = limits.rateLimitPerMinute();
        this.stores = stores;
        this.tenants = tenants;
        this.clock = clock;
        AlertDispatcher alerts = new AlertDispatcher(stores.outbox(), publisher, clock);
        this.badges = new BadgeService(tenants, stores.management(), secrets);
        this.ingest = new IngestService(new CountedQueue(queue, metrics), clock, ids);
        this.processor = new ProcessorService(stores.decisions(),
                new CheckInRules(limits.rateLimitPerMinute(), limits.maxMonitorsPerOrganization(),
                        limits.maxNewMonitorsPerMinute(), limits.maxEnvironmentsPerMonitor()), alerts, clock,
                badges::changed);
        this.clockService = new ClockService(stores.decisions(), queue, processor, alerts, clock, limits.maxJudgementDelay(),
                DIRECT_JUDGEMENT_BUDGET);
        this.monitors = new MonitorService(stores.decisions(), stores.management(), stores.errors(), tenants, clock, ids,
                limits.maxMonitorsPerOrganization());
        this.attachments = new AttachmentService(stores.management());
        this.projects = new ProjectService(tenants, clock, secrets);
        this.tokens = new TokenService(tenants, clock, secrets);
        this.apiKeys = new ApiKeyService(tenants, clock, secrets);
        this.healthchecks = new HealthchecksService(monitors, new PingCheckService(stores.decisions(), clock),
                stores.management(), badges, clock, UUID::randomUUID);
    }

    /**
     * The operator's limits (template parameters): check-ins per minute per environment, monitors per
     * organization, monitors its check-ins may create per minute, environments per monitor, and how
     * long a deadline may wait in the queue before the clock judges it itself.
     */
    public record Limits(int rateLimitPerMinute, int maxMonitorsPerOrganization, int maxNewMonitorsPerMinute,
                         int maxEnvironmentsPerMonitor, Duration maxJudgementDelay) {
        public static final Limits DEFAULTS = new Limits(6, 10_000, Duration.ofMinutes(15));

        /** New monitors per minute and environments per monitor at their defaults. */
        public Limits(int rateLimitPerMinute, int maxMonitorsPerOrganization, Duration maxJudgementDelay) {
            this(rateLimitPerMinute, maxMonitorsPerOrganization, CheckInRules.DEFAULT_NEW_MONITORS_PER_MINUTE,
                    Monitor.MAX_ENVIRONMENTS, maxJudgementDelay);
        }
    }

    /** Check-ins per environment per minute: the processor's limit, and the ping URLs' at the edge. */
    public int rateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    public Stores stores() {
        return stores;
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

    public MonitorService monitors() {
        return monitors;
    }

    public AttachmentService attachments() {
        return attachments;
    }

    public ProjectService projects() {
        return projects;
    }

    public TokenService tokens() {
        return tokens;
    }

    public ApiKeyService apiKeys() {
        return apiKeys;
    }

    public HealthchecksService healthchecks() {
        return healthchecks;
    }

    public BadgeService badges() {
        return badges;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** Where new ids come from: a new run's check-in id is one. */
    public Supplier<UUID> ids() {
        return ids;
    }
}
