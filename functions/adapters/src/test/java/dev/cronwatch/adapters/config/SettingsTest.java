package dev.cronwatch.adapters.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    static Map<String, String> required() {
        Map<String, String> env = new HashMap<>();
        for (String name : Settings.REQUIRED) env.put(name, "x");
        env.put(Settings.RATE_LIMIT, "6");
        env.put(Settings.RETENTION_DAYS, "90");
        return env;
    }

    @Test
    void thePublicUrlIsOptional_andKeptWithoutTrailingSlash() {
        assertThat(Settings.from(required()).publicUrl()).isNull();
        Map<String, String> env = required();
        env.put(Settings.PUBLIC_URL, " https://abc.execute-api.eu-west-1.amazonaws.com/ ");
        assertThat(Settings.from(env).publicUrl()).isEqualTo("https://abc.execute-api.eu-west-1.amazonaws.com");
    }

    @Test
    void aPublicUrlPeopleCannotOpen_failsTheStartNamingTheVariable() {
        for (String bad : new String[] {"javascript:alert(1)", "cron.example.com", "https://x.example/?a=1", "ftp://x.example"}) {
            Map<String, String> env = required();
            env.put(Settings.PUBLIC_URL, bad);
            assertThatThrownBy(() -> Settings.from(env)).as(bad).hasMessageContaining(Settings.PUBLIC_URL);
        }
    }
}
