package dev.cronwatch.handlers.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.handlers.LogContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;

/** What the deployed functions' log records look like, and that the template's JVM option selects them. */
class LambdaLogTest {
    record Written(String text, LogLevel level) {
    }

    final List<Written> written = new ArrayList<>();
    final BasicMDCAdapter mdc = new BasicMDCAdapter();

    LambdaLog logger(LogLine.Format format, Level threshold) {
        return new LambdaLog("dev.cronwatch.handlers.ProcessorHandler", threshold, new LogLine(format, mdc),
                (bytes, level) -> written.add(new Written(new String(bytes, StandardCharsets.UTF_8), level)));
    }

    @Test
    void jsonRecordsCarryTheInvocationsContextOnEveryLine() {
        LambdaLog log = logger(LogLine.Format.JSON, Level.INFO);
        log.info("tick {}: {} due", "12:00", 3);
        mdc.put(LogContext.REQUEST_ID, "req-1");
        mdc.put(LogContext.ORGANIZATION, "acme");
        mdc.put(LogContext.MONITOR, "backup");
        mdc.put("checkInId", "c-9");
        log.warn("check-in {} dropped", "c-9", new IllegalStateException("boom\nsecond line"));

        assertThat(written).hasSize(2);
        Map<String, Object> first = Json.parseObject(written.get(0).text());
        assertThat(first).containsEntry("level", "INFO").containsEntry("message", "tick 12:00: 3 due")
                .containsEntry("logger", "dev.cronwatch.handlers.ProcessorHandler")
                .containsEntry("requestId", null).containsEntry("organization", null).containsEntry("monitor", null);
        Map<String, Object> second = Json.parseObject(written.get(1).text());
        assertThat(second).containsEntry("level", "WARN").containsEntry("message", "check-in c-9 dropped")
                .containsEntry("requestId", "req-1").containsEntry("organization", "acme")
                .containsEntry("monitor", "backup").containsEntry("checkInId", "c-9")
                .containsEntry("errorType", "java.lang.IllegalStateException")
                .containsEntry("errorMessage", "boom\nsecond line");
        assertThat((String) second.get("stackTrace")).contains("at dev.cronwatch.handlers.logging.LambdaLogTest");
        // one record per call, even with a multi-line stack trace: Lambda keeps it one log event
        assertThat(written.get(1).text().strip()).doesNotContain("\n");
        assertThat(written.get(1).level()).isEqualTo(LogLevel.WARN);
    }

    @Test
    void dropsWhatIsBelowTheFunctionsLogLevel() {
        LambdaLog log = logger(LogLine.Format.JSON, LambdaLog.threshold("WARN"));
        log.info("not kept");
        log.debug("not kept");
        log.error("kept");
        assertThat(written).extracting(Written::level).containsExactly(LogLevel.ERROR);
        assertThat(LambdaLog.threshold(null)).isEqualTo(Level.INFO);
        assertThat(LambdaLog.threshold("debug")).isEqualTo(Level.DEBUG);
        assertThat(LambdaLog.threshold("FATAL")).isEqualTo(Level.ERROR);
    }

    @Test
    void textRecordsAreOneReadableLine() {
        mdc.put(LogContext.ORGANIZATION, "acme");
        logger(LogLine.Format.TEXT, Level.INFO).info("applied {}", "c-1");
        assertThat(written.get(0).text()).isEqualTo("INFO ProcessorHandler {organization=acme} - applied c-1\n");
    }

    static Context context(String requestId) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getAwsRequestId") ? requestId : null);
    }

    /** A JVM started as template.yaml starts the functions logs JSON through this provider. */
    @Test
    void theTemplatesJvmOptionSelectsThisProvider() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dslf4j.provider=" + LambdaLogProvider.class.getName(),
                "-cp", System.getProperty("java.class.path"), LogsOnce.class.getName()).redirectErrorStream(true);
        builder.environment().put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        builder.environment().put("AWS_LAMBDA_LOG_LEVEL", "INFO");
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) lines.add(line);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<Map<String, Object>> records = lines.stream().filter(l -> l.startsWith("{")).map(Json::parseObject).toList();
        assertThat(records).as(String.join("\n", lines)).hasSize(4);
        // an HTTP request: the organization and monitor its path names
        assertThat(records.get(0)).containsEntry("message", "accepted").containsEntry("requestId", "aws-req")
                .containsEntry("organization", "acme").containsEntry("monitor", "backup");
        // a relay URL names the monitor only; without a Lambda context the gateway's request id stands in
        assertThat(records.get(1)).containsEntry("requestId", "gw-req").containsEntry("organization", null)
                .containsEntry("monitor", "heartbeat");
        // the processor or clock, per message
        assertThat(records.get(2)).containsEntry("message", "applied c-1").containsEntry("requestId", "req-7")
                .containsEntry("organization", "globex").containsEntry("monitor", "sync");
        assertThat(records.get(3)).containsEntry("message", "batch done").containsEntry("requestId", "req-7")
                .containsEntry("organization", null).containsEntry("monitor", null);
    }

    /** Run by the test above in its own JVM. */
    public static final class LogsOnce {
        public static void main(String[] args) {
            Logger log = LoggerFactory.getLogger("dev.cronwatch.handlers.ProcessorHandler");
            LogContext.beginHttp(context("aws-req"), "gw-req", "/api/0/organizations/acme/monitors/backup/checkins/");
            log.debug("below the level");
            log.info("accepted");
            LogContext.beginHttp(null, "gw-req", "/api/1/cron/heartbeat/0123456789abcdef0123456789abcdef/");
            log.info("relayed");
            LogContext.begin(context("req-7"));
            LogContext.monitor(new MonitorKey("globex", "sync"));
            log.info("applied {}", "c-1");
            LogContext.clearMonitor();
            log.info("batch done");
            LogContext.end();
        }
    }
}
