package dev.cronwatch.handlers.usecases;

import dev.cronwatch.core.port.AlertPublisher;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.Metrics;
import dev.cronwatch.core.port.Stores;
import dev.cronwatch.core.port.Tenants;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What one process builds its functions' use cases from: the adapters {@code Wiring} picks (or a
 * test's fakes), the clock, where ids and secrets come from, and the operator's limits. Each function
 * builds from these only what it serves ({@link IngestServices}, {@link ManagementServices},
 * {@link JudgingServices}).
 *
 * @param secrets where new DSN keys, tokens and badge keys come from; a SecureRandom outside tests
 */
public record Ports(Stores stores, Tenants tenants, CheckInQueue queue, AlertPublisher publisher, Clock clock,
                    Supplier<UUID> ids, RandomGenerator secrets, Limits limits, Metrics metrics) {
    /** Secrets from a new SecureRandom, figures counted nowhere. */
    public static Ports of(Stores stores, Tenants tenants, CheckInQueue queue, AlertPublisher publisher,
                           Clock clock, Supplier<UUID> ids, Limits limits) {
        return new Ports(stores, tenants, queue, publisher, clock, ids, new SecureRandom(), limits, Metrics.NONE);
    }
}
