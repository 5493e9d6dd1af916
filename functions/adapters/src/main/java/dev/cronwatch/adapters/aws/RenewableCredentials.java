package dev.cronwatch.adapters.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The function's credentials, through a provider that can be replaced under the clients that use it.
 * A SnapStart snapshot holds the provider as it was at the checkpoint, with the credentials it cached
 * and the source it settled on; a restored copy must find its own (Lambda gives restored functions
 * theirs through the container credentials endpoint).
 */
final class RenewableCredentials implements AwsCredentialsProvider {
    private final Supplier<AwsCredentialsProvider> factory;
    private volatile AwsCredentialsProvider current;

    RenewableCredentials(Supplier<AwsCredentialsProvider> factory) {
        this.factory = factory;
        this.current = factory.get();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return current.resolveCredentials();
    }

    /** Forgets what the provider cached and where it found it; the next call resolves anew. */
    void renew() {
        AwsCredentialsProvider old = current;
        current = factory.get();
        if (old instanceof SdkAutoCloseable closeable) closeable.close();
    }
}
