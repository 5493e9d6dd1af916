package dev.cronwatch.handlers.usecases;

import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.BadgeService;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.ProcessorService;
import java.time.Duration;

/**
 * What the two functions that judge serve with: the processor, which applies check-ins and
 * judgements, and the clock, which queues judgements or, when they waited too long, judges with a
 * processor of its own.
 */
public final class JudgingServices {
    /** How long one tick may spend judging deadlines itself; the clock function's timeout is 60 s. */
    private static final Duration DIRECT_JUDGEMENT_BUDGET = Duration.ofSeconds(30);

    private JudgingServices() {
    }

    public static ProcessorService processor(Ports ports) {
        return processor(ports, alerts(ports));
    }

    public static ClockService clock(Ports ports) {
        AlertDispatcher alerts = alerts(ports);
        return new ClockService(ports.stores().decisions(), ports.queue(), processor(ports, alerts), alerts,
                ports.clock(), ports.limits().maxJudgementDelay(), DIRECT_JUDGEMENT_BUDGET);
    }

    private static ProcessorService processor(Ports ports, AlertDispatcher alerts) {
        BadgeService badges = new BadgeService(ports.tenants().badges(), ports.stores().management(), ports.secrets());
        return new ProcessorService(ports.stores().decisions(), ports.limits().checkInRules(), alerts, ports.clock(),
                badges::changed);
    }

    private static AlertDispatcher alerts(Ports ports) {
        return new AlertDispatcher(ports.stores().outbox(), ports.publisher(), ports.clock());
    }
}
