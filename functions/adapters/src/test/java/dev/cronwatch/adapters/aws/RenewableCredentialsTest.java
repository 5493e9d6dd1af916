package dev.cronwatch.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class RenewableCredentialsTest {

    @Test
    void afterARestoreTheCredentialsCachedBeforeTheCheckpointAreNotUsedAgain() {
        AtomicInteger built = new AtomicInteger();
        RenewableCredentials credentials = new RenewableCredentials(() -> StaticCredentialsProvider.create(
                AwsBasicCredentials.create("key-" + built.incrementAndGet(), "secret")));
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("key-1");

        credentials.renew();

        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("key-2");
    }
}
