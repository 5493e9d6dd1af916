package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** docs/spec.md §11: what the start prints. */
class LocalMainTest {
    @Test
    void theBannerNamesTheProjectByIdAndBySlug() {
        LocalOptions options = LocalOptions.parse("--port", "18102", "--data-dir", "/tmp/cronwatch-banner");
        LocalCredentials credentials = new LocalCredentials("http://127.0.0.1:18102", "local", "1", "default",
                "http://abc@127.0.0.1:18102/1", "abc", "token", "abcdefghijklmnopqrstuv", "hcw_0123456789abcdefghijklmnopqr");

        assertThat(LocalMain.banner("1.0", options, credentials)).contains("  project       1 (default)\n")
                .contains("  API key       hcw_0123456789abcdefghijklmnopqr");
    }

    @Test
    void theBannerPrintsAReadyHealthchecksPing() {
        LocalOptions options = LocalOptions.parse("--port", "18102", "--data-dir", "/tmp/cronwatch-banner");
        LocalCredentials credentials = new LocalCredentials("http://127.0.0.1:18102", "local", "1", "default",
                "http://abc@127.0.0.1:18102/1", "abc", "token", "abcdefghijklmnopqrstuv", "hcw_0123456789abcdefghijklmnopqr");

        assertThat(LocalMain.banner("1.0", options, credentials)).contains(
                "  curl -fsS -m 10 --retry 5 -o /dev/null \"http://127.0.0.1:18102/ping/abcdefghijklmnopqrstuv/my-job?create=1\"\n");
    }
}
