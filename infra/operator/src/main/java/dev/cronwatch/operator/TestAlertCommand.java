package dev.cronwatch.operator;

import dev.cronwatch.adapters.alert.AlertRenderer;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.validation.SlugRule;
import dev.cronwatch.core.alert.TestAlerts;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.port.AlertPublisher;
import dev.cronwatch.core.tenant.TenantNames;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code test-alert [--monitor <slug>] [--organization <slug>] [--environment <name>] [--project <id>]}:
 * a sample incident opened and resolved, published to the alert topic by the publisher the functions
 * use. The names default to ones no real monitor has; give a team's own to check that its filter
 * policies let the alert through.
 */
record TestAlertCommand(TestAlerts.Target target) {
    static TestAlertCommand parse(String... args) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--monitor", "cronwatch-test-alert",
                "--organization", "cronwatch-test", "--environment", MonitorEnvironment.DEFAULT_NAME, "--project", "1"));
        for (int i = 0; i < args.length; i += 2) {
            if (!options.containsKey(args[i])) throw new IllegalArgumentException("test-alert: unknown option " + args[i]);
            if (i + 1 >= args.length) throw new IllegalArgumentException("test-alert: " + args[i] + " needs a value");
            options.put(args[i], args[i + 1]);
        }
        for (var slug : Map.of("--monitor", SlugRule.MONITOR, "--organization", SlugRule.ORGANIZATION).entrySet()) {
            if (!slug.getValue().accepts(options.get(slug.getKey()))) {
                throw new IllegalArgumentException("test-alert: " + slug.getKey() + " is " + slug.getValue().rule());
            }
        }
        String environment = options.get("--environment");
        if (environment.isBlank() || environment.length() > MonitorEnvironment.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("test-alert: --environment is 1 to " + MonitorEnvironment.MAX_NAME_LENGTH + " characters");
        }
        if (!TenantNames.isProjectId(options.get("--project"))) {
            throw new IllegalArgumentException("test-alert: --project is a project id: a positive whole number");
        }
        return new TestAlertCommand(new TestAlerts.Target(options.get("--organization"), options.get("--project"),
                options.get("--monitor"), environment));
    }

    /** Publishes the opened alert, then the resolved one; what it prints. */
    Map<String, Object> publish(AlertPublisher publisher, AlertRenderer renderer, String topicArn, Clock clock) {
        String incidentId = UUID.randomUUID().toString();
        List<PendingAlert> alerts = TestAlerts.compose(target, incidentId, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        for (PendingAlert alert : alerts) publisher.publish(alert);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topicArn", topicArn);
        out.put("incidentId", incidentId);
        out.put("published", alerts.stream().map(a -> renderer.render(a.message().body()).subject()).toList());
        out.put("attributes", alerts.get(0).message().attributes());
        return out;
    }
}
