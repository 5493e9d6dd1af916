package dev.cronwatch.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.validation.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the HTTP edge refuses before anything is enqueued, each naming its field. */
class CheckInCommandTest {
    private static CheckInCommand command(String id, CheckInStatus status, String env, Long duration,
                                          Map<String, Object> config) {
        return new CheckInCommand("acme", "1", "job", id, status, env, duration, config);
    }

    private static String fieldOf(Runnable r) {
        try {
            r.run();
        } catch (FieldError e) {
            return e.field();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void namesEachRejectedField() {
        assertThat(fieldOf(() -> command("not-a-uuid", CheckInStatus.OK, null, null, null))).isEqualTo("check_in_id");
        assertThat(fieldOf(() -> command(null, CheckInStatus.MISSED, null, null, null))).isEqualTo("status");
        assertThat(fieldOf(() -> command(null, null, null, null, null))).isEqualTo("status");
        assertThat(fieldOf(() -> command(null, CheckInStatus.OK, "x".repeat(65), null, null))).isEqualTo("environment");
        assertThat(fieldOf(() -> command(null, CheckInStatus.OK, null, -1L, null))).isEqualTo("duration");
        assertThat(fieldOf(() -> command(null, CheckInStatus.OK, null, 2_147_483_648L, null))).isEqualTo("duration");
        assertThat(fieldOf(() -> new CheckInCommand("acme", "1", "Bad Slug", null, CheckInStatus.OK, null, null, null)))
                .isEqualTo("monitor_slug");
        assertThat(fieldOf(() -> CheckInCommand.status("missed"))).isEqualTo("status");
        assertThat(fieldOf(() -> CheckInCommand.status("running"))).isEqualTo("status");
        assertThat(fieldOf(() -> CheckInCommand.secondsToMillis(-0.5))).isEqualTo("duration");
    }

    /** Issue 21: Sentry's rule for environment names, and no invisible or reordering characters. */
    @Test
    void refusesEnvironmentNamesThatCannotBeAPathSegmentOrALabel() {
        for (String name : List.of("..", ".", "a/b", "/", "line\nbreak", "tab\there", "cr\rhere", "feed\fhere",
                "zero\u200Bwidth", "joi\u200Dner", "word\u2060joiner", "bom\uFEFF", "\u202Eright-to-left",
                "isolate\u2066x\u2069", "mark\u200F", "x".repeat(65),
                // blank letters: not format characters, yet they draw nothing, so "prod\u3164" passes for "prod"
                "prod\u3164", "\u3164", "a\u115Fb", "a\u1160b", "a\uFFA0b", "braille\u2800blank", "cgj\u034Fx")) {
            assertThat(fieldOf(() -> command(null, CheckInStatus.OK, name, null, null))).as(name).isEqualTo("environment");
        }
        for (String name : List.of("production", "staging env", "café", "...", ".hidden", "a..b", "x".repeat(64),
                "日本")) {
            assertThat(command(null, CheckInStatus.OK, name, null, null).environment()).isEqualTo(name);
        }
    }

    /** Issue 22: only the processor knows whether the monitor exists, so it alone judges the config. */
    @Test
    void carriesTheMonitorConfigAsSent_forTheProcessorToValidate() {
        Map<String, Object> config = Map.of("schedule", "61 * * * *", "timezone", "UTC+2");
        assertThat(command(null, CheckInStatus.ERROR, null, null, config)
                .toMessage("m", "11111111-2222-4333-8444-555555555555", Instant.EPOCH).monitorConfig())
                .isEqualTo(config);
    }

    @Test
    void acceptsBoundaries() {
        assertThat(command(null, CheckInStatus.OK, "x".repeat(64), 2_147_483_647L, null).durationMs())
                .isEqualTo(2_147_483_647L);
        assertThat(CheckInCommand.secondsToMillis(1.5)).isEqualTo(1500L);
    }

    @Test
    void treatsAllZeroUuidAndLatestAsLatest_andCanonicalisesIds() {
        assertThat(command("00000000-0000-0000-0000-000000000000", CheckInStatus.OK, null, null, null).isLatest()).isTrue();
        assertThat(command("latest", CheckInStatus.OK, null, null, null).isLatest()).isTrue();
        CheckInCommand explicit = command("9F8C4A1E00004000800000000000000A", CheckInStatus.OK, null, null, null);
        assertThat(explicit.isLatest()).isFalse();
        assertThat(explicit.checkInId()).isEqualTo("9f8c4a1e-0000-4000-8000-00000000000a");
    }

    @Test
    void sameRequestHasSameDeduplicationId_withinAMinuteWhenWithoutId() {
        CheckInCommand heartbeat = command(null, CheckInStatus.OK, null, null, null);
        Instant t = Instant.parse("2020-01-01T10:00:05Z");
        assertThat(heartbeat.deduplicationId(t)).isEqualTo(heartbeat.deduplicationId(t.plusSeconds(30)));
        assertThat(heartbeat.deduplicationId(t)).isNotEqualTo(heartbeat.deduplicationId(t.plusSeconds(60)));
        assertThat(heartbeat.deduplicationId(t))
                .isNotEqualTo(command(null, CheckInStatus.ERROR, null, null, null).deduplicationId(t));
        CheckInCommand withId = command("9f8c4a1e-0000-4000-8000-00000000000a", CheckInStatus.OK, null, null, null);
        assertThat(withId.deduplicationId(t)).isEqualTo(withId.deduplicationId(t.plusSeconds(240)));
    }

    @Test
    void latestMessageCarriesTheIdGivenToTheClient() {
        CheckInMessage m = command(null, CheckInStatus.IN_PROGRESS, "dev", null, null)
                .toMessage("msg-1", "11111111-2222-4333-8444-555555555555", Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(m.latest()).isTrue();
        assertThat(m.checkInId()).isEqualTo("11111111-2222-4333-8444-555555555555");
        assertThat(m.environmentOrDefault()).isEqualTo("dev");
        assertThatThrownBy(() -> new CheckInCommand("acme", "1", "", null, CheckInStatus.OK, null, null, null))
                .isInstanceOf(FieldError.class);
    }
}
