package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ProcessorService.MessageOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Local mode's console line for a processing error: a check-in dropped, or applied without its config. */
class ProcessingErrorWarningsTest {
    private static final ProcessingError INVALID_CONFIG = new ProcessingError("m1", new MonitorKey("local", "job"),
            ProcessingErrorType.MONITOR_INVALID_CONFIG, Map.of("reason", "applied"), "c1", Instant.EPOCH);

    private static String printed(MessageOutcome.Kind kind, Changes changes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ProcessingErrorWarnings(new PrintStream(out, true, StandardCharsets.UTF_8))
                .applied(null, new MessageOutcome(kind, changes, new AlertDispatcher.Result()));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Issue 22: a check-in applied with its monitor's stored config was not dropped, and must not say so. */
    @Test
    void aCheckInAppliedWithoutItsConfig_isNotCalledDropped() {
        Changes applied = new Changes(null, null, List.of(), List.of(), INVALID_CONFIG, List.of());
        assertThat(printed(MessageOutcome.Kind.APPLIED, applied))
                .startsWith("! applied check-in c1 for local/job: MONITOR_INVALID_CONFIG");
        assertThat(printed(MessageOutcome.Kind.REJECTED, Changes.rejected(INVALID_CONFIG)))
                .startsWith("! dropped check-in c1 for local/job: MONITOR_INVALID_CONFIG");
    }
}
