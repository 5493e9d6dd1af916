package dev.cronwatch.adapters.pagerduty;

import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The PagerDuty routing key, read from an SSM SecureString on first use and kept for the life of the
 * process: the key never appears in the template, the stack's parameters, samconfig.toml or the
 * function's configuration, and a new key takes effect at the next cold start.
 */
public final class SsmRoutingKey implements Supplier<String> {
    private final SsmClient ssm;
    private final String parameterName;
    private volatile String key;

    public SsmRoutingKey(SsmClient ssm, String parameterName) {
        this.ssm = ssm;
        this.parameterName = parameterName;
    }

    @Override
    public String get() {
        String k = key;
        if (k == null) {
            k = ssm.getParameter(b -> b.name(parameterName).withDecryption(true)).parameter().value();
            if (k == null || k.isBlank()) throw new IllegalStateException("SSM parameter " + parameterName + " is empty");
            key = k = k.strip();
        }
        return k;
    }
}
