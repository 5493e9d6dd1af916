package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/spec.md §11: every option is checked as it is parsed, and a refusal names the option and what it takes. */
class LocalOptionsTest {
    @Test
    void numericOptions_outOfRangeOrNotANumber_areRefusedNamingTheOptionAndTheRange() {
        assertRefused("--port takes a whole number from 0 to 65535, not 70000", "--port", "70000");
        assertRefused("--port takes a whole number from 0 to 65535, not -1", "--port", "-1");
        assertRefused("--port takes a whole number from 0 to 65535, not abc", "--port", "abc");
        assertRefused("--rate-limit takes a whole number of at least 1, not 0", "--rate-limit", "0");
        assertRefused("--rate-limit takes a whole number of at least 1, not abc", "--rate-limit", "abc");
        assertRefused("--workers takes a whole number of at least 1, not -1", "--workers", "-1");
        assertRefused("--workers takes a whole number of at least 1, not 99999999999", "--workers", "99999999999");
    }

    @Test
    void numericOptions_atTheEdgesOfTheirRanges_areTaken() {
        LocalOptions options = LocalOptions.parse("--port", "65535", "--rate-limit", "1", "--workers", "1");
        assertThat(options.port()).isEqualTo(65535);
        assertThat(options.rateLimitPerMinute()).isEqualTo(1);
        assertThat(options.workers()).isEqualTo(1);
        assertThat(LocalOptions.parse("--port", "0").port()).isZero();
    }

    @Test
    void theWebhook_isAnAbsoluteHttpOrHttpsUrl() {
        for (String bad : List.of("notaurl", "hooks.slack.com/services/T0/B0/x", "ftp://example.com/hook", "http:///hook",
                "mailto:ops@example.com", "https://exa mple.com/")) {
            assertRefused("--webhook takes an absolute http or https URL (https://hooks.slack.com/services/...), not " + bad,
                    "--webhook", bad);
        }
        assertThat(LocalOptions.parse("--webhook", "https://hooks.slack.com/services/T0/B0/x").webhook())
                .isEqualTo(URI.create("https://hooks.slack.com/services/T0/B0/x"));
        assertThat(LocalOptions.parse("--webhook", "HTTP://127.0.0.1:9000/hook").webhook().getPort()).isEqualTo(9000);
    }

    private static void assertRefused(String message, String... args) {
        assertThatThrownBy(() -> LocalOptions.parse(args)).as(String.join(" ", args))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
