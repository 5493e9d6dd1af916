package dev.cronwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark command at tiny sizes, so it cannot rot; no figure is judged here, only produced. */
class BenchmarksSmokeTest {
    @Test
    void everySectionPrintsItsFigures() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Double> figures = Benchmarks.run(true, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertThat(text).contains("1. Processor throughput", "2. Clock cost", "3. End-to-end latency", "4. Cold start",
                "5a. Cost per message", "5b. Cost model", "7. Top-of-the-hour burst", "8. Mass miss");
        assertThat(figures).containsKeys("processor check-ins/s", "ceiling: conditional PutItem/s (one thread)",
                "accepted -> visible p99", "cold start http (process start -> handled)",
                "dollars per million check-ins: heartbeats", "dollars per million check-ins: start and finish",
                "write units per heartbeat", "per monitor-month (start and finish)", "burst: apply lag p99");
        assertThat(figures.values()).allSatisfy(v -> assertThat(v).isNotNaN().isFinite().isNotNegative());
        // a common check-in costs at most 3 DynamoDB requests, all of them the processor's
        assertThat(figures.get("DynamoDB requests per heartbeat (processor)")).isLessThanOrEqualTo(3.0);
        assertThat(figures.get("requests: heartbeat (ok, no id)")).isLessThanOrEqualTo(3.0);
        // the guarantees the burst and the mass miss exist to show hold at any size
        assertThat(figures.get("burst: lost")).isZero();
        assertThat(figures.get("burst: duplicated")).isZero();
        assertThat(figures).containsEntry("alerts published: 50 due, 2 workers, pump on an in-process FIFO queue", 50.0)
                .containsEntry("alerts published: 50 due, 2 workers, local mode, ElasticMQ", 50.0);
        assertThat(text).doesNotContain("NOT exactly once");
        assertThat(text).contains("6. Dashboard");
        if (new java.io.File("/usr/bin/chromium").canExecute() && new java.io.File("/usr/bin/chromedriver").canExecute()) {
            assertThat(figures).containsKeys("first load transferred (gzip, headers included)", "sign-in -> 20 monitors shown");
            // the bound is what a screen's rows read, not the monitors: the compact rows of wave 3 (8 in
            // 720 px) put every monitor of the smoke size on screen, where 20 was the old screen's rows
            assertThat(figures.get("timeline requests for the rows on screen")).isLessThanOrEqualTo(30.0);
        }
    }
}
