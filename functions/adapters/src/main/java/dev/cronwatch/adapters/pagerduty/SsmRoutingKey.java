package dev.cronwatch.adapters.pagerduty;

import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.adapters.config.Settings;
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

    /** The forwarder's key on AWS, through the function's role, in its region. */
    public static SsmRoutingKey forAws(Settings.PagerDuty settings) {
        return new SsmRoutingKey(AwsClients.forAws(settings.region()).ssm(null), settings.routingKeyParameter());
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
