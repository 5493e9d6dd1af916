package dev.cronwatch.adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.port.Metric;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lines CloudWatch Logs must read as metrics: the shape of the embedded metric format specification. */
class EmfMetricsTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    final List<String> lines = new ArrayList<>();
    final EmfMetrics metrics = new EmfMetrics(Clock.fixed(NOW, ZoneOffset.UTC), "cronwatch-prod", lines::add);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> directive(Map<String, Object> line) {
        Map<String, Object> aws = (Map<String, Object>) line.get("_aws");
        return (Map<String, Object>) ((List<Object>) aws.get("CloudWatchMetrics")).get(0);
    }

    @Test
    void writesNothingUntilFlushedThenOneLinePerDimensionValue() {
        metrics.count(Metric.TICKS);
        metrics.add(Metric.APPLY_LAG_MS, 120);
        metrics.add(Metric.APPLY_LAG_MS, 80);
        metrics.add(Metric.CHECK_INS_REJECTED, 1, "unauthorized");
        metrics.add(Metric.CHECK_INS_REJECTED, 1, "invalid");
        metrics.add(Metric.CHECK_INS_REJECTED, 1, "invalid");
        assertThat(lines).isEmpty();
        metrics.flush();
        assertThat(lines).hasSize(3);

        Map<String, Object> plain = Json.parseObject(lines.get(0));
        assertThat(plain).containsEntry("Ticks", 1).containsEntry("ApplyLagMs", List.of(120, 80))
                .containsEntry("Stack", "cronwatch-prod");
        assertThat(((Map<?, ?>) plain.get("_aws")).get("Timestamp")).isEqualTo(NOW.toEpochMilli());
        assertThat(directive(plain)).containsEntry("Namespace", "cronwatch")
                .containsEntry("Dimensions", List.of(List.of("Stack")))
                .containsEntry("Metrics", List.of(Map.of("Name", "ApplyLagMs", "Unit", "Milliseconds"),
                        Map.of("Name", "Ticks", "Unit", "Count")));

        Map<String, Object> invalid = Json.parseObject(lines.get(2));
        assertThat(invalid).containsEntry("CheckInsRejected", List.of(1, 1)).containsEntry("Reason", "invalid");
        // the total (by stack) and the breakdown (by stack and reason) from the same values
        assertThat(directive(invalid)).containsEntry("Dimensions", List.of(List.of("Stack"), List.of("Stack", "Reason")));
        assertThat(Json.parseObject(lines.get(1))).containsEntry("Reason", "unauthorized");

        metrics.flush();
        assertThat(lines).hasSize(3);
    }

    @Test
    void splitsAMetricOfMoreThanAHundredValuesOverLines() {
        for (int i = 0; i < 250; i++) metrics.add(Metric.APPLY_LAG_MS, i);
        metrics.count(Metric.CHECK_INS_APPLIED);
        metrics.flush();
        assertThat(lines).hasSize(3);
        assertThat((List<?>) Json.parseObject(lines.get(0)).get("ApplyLagMs")).hasSize(100);
        assertThat(Json.parseObject(lines.get(0))).containsEntry("CheckInsApplied", 1);
        assertThat(Json.parseObject(lines.get(2)).get("ApplyLagMs")).asList().hasSize(50).startsWith(200);
        assertThat(Json.parseObject(lines.get(2))).doesNotContainKey("CheckInsApplied");
        assertThat(directive(Json.parseObject(lines.get(2))).get("Metrics"))
                .isEqualTo(List.of(Map.of("Name", "ApplyLagMs", "Unit", "Milliseconds")));
    }

    @Test
    void hasNoStackDimensionOutsideAStack() {
        EmfMetrics local = new EmfMetrics(Clock.fixed(NOW, ZoneOffset.UTC), null, lines::add);
        local.add(Metric.CHECK_INS_REJECTED, 1, null);
        local.flush();
        Map<String, Object> line = Json.parseObject(lines.get(0));
        assertThat(line).doesNotContainKey("Stack").containsEntry("Reason", "unknown");
        assertThat(directive(line)).containsEntry("Dimensions", List.of(List.of(), List.of("Reason")));
    }

    /** Lambda's order of application log levels; a JSON line whose level is missing or unknown counts as INFO. */
    private static final List<String> LAMBDA_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");

    private static boolean lambdaKeeps(Map<String, Object> line, String applicationLogLevel) {
        Object level = line.get("level");
        int rank = level instanceof String s && LAMBDA_LEVELS.contains(s) ? LAMBDA_LEVELS.indexOf(s) : 2;
        return rank >= LAMBDA_LEVELS.indexOf(applicationLogLevel);
    }

    @Test
    void everyLinePassesLambdasLogLevelFilterWhateverTheLevelIsSetTo() {
        for (String configured : LAMBDA_LEVELS) {
            lines.clear();
            EmfMetrics atLevel = new EmfMetrics(Clock.fixed(NOW, ZoneOffset.UTC), "cronwatch-prod",
                    configured.toLowerCase(java.util.Locale.ROOT), lines::add);
            atLevel.count(Metric.TICKS);
            atLevel.add(Metric.CHECK_INS_REJECTED, 1, "RATE_LIMITED");
            atLevel.flush();
            assertThat(lines).hasSize(2);
            for (String line : lines) {
                Map<String, Object> parsed = Json.parseObject(line);
                assertThat(lambdaKeeps(parsed, configured)).as(configured + ": " + line).isTrue();
                assertThat(directive(parsed)).containsKey("Metrics");
            }
        }
    }

    @Test
    void writesNoLevelWhereLambdaSetsNoneOrAnUnknownOne() {
        EmfMetrics unknown = new EmfMetrics(Clock.fixed(NOW, ZoneOffset.UTC), "s", "verbose", lines::add);
        unknown.count(Metric.TICKS);
        unknown.flush();
        metrics.count(Metric.TICKS);
        metrics.flush();
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(Json.parseObject(line)).doesNotContainKey("level"));
    }
}
