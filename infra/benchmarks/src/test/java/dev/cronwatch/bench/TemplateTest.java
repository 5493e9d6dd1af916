package dev.cronwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cold-start benchmark starts each JVM with the options AWS gives the functions. */
class TemplateTest {
    @Test
    void readsTheFoldedJavaToolOptions_asYamlJoinsThem() {
        List<String> lines = List.of(
                "    Environment:",
                "      Variables:",
                "        JAVA_TOOL_OPTIONS: >-",
                "          -XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
                "",
                "          -Dslf4j.provider=x.Y",
                "",
                "Resources:");
        assertThat(Template.javaToolOptions(lines)).isEqualTo("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dslf4j.provider=x.Y");
    }

    @Test
    void readsAPlainJavaToolOptions() {
        assertThat(Template.javaToolOptions(List.of("        JAVA_TOOL_OPTIONS: -Xshare:auto"))).isEqualTo("-Xshare:auto");
    }

    @Test
    void theTemplatesOptionsAreTheFunctions() {
        assertThat(Template.javaToolOptions()).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote",
                "-Dslf4j.provider=dev.cronwatch.handlers.logging.LambdaLogProvider");
    }

    /** A flag the JVM refuses (a typo, a diagnostic one not unlocked) would stop every function from starting. */
    @Test
    void aJvmStartsWithTheTemplatesOptions() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-version").redirectErrorStream(true);
        builder.environment().put("JAVA_TOOL_OPTIONS", Template.javaToolOptions());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("unrecognized");
    }

    /** The cost model divides the event source's requests by this batch, not by a number of its own. */
    @Test
    void readsTheProcessorsBatchSize_fromItsCheckInsEvent() {
        String template = String.join("\n",
                "      Events:",
                "        Shards:",
                "          Properties:",
                "            BatchSize: 1",
                "        CheckIns:",
                "          Type: SQS",
                "          Properties:",
                "            Queue: !GetAtt CheckInQueue.Arn",
                "            BatchSize: 7",
                "");
        assertThat(Template.processorBatchSize(template)).isEqualTo(7);
        assertThat(Template.processorBatchSize(Template.text(Template.find().orElseThrow()))).isEqualTo(10);
    }
}
