package dev.cronwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** infra/bin/benchmark as a newcomer first runs it: asking how it is used runs nothing. */
class BenchmarkScriptTest {

    @TempDir
    Path dir;

    @Test
    void helpPrintsTheUsage_withoutBuildingOrRunningAnything() throws Exception {
        Path script = Files.createDirectories(dir.resolve("infra/bin")).resolve("benchmark");
        Files.copy(Path.of("../bin/benchmark"), script);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("mvn", "java")) {
            Path stub = bin.resolve(tool);
            Files.writeString(stub, "#!/usr/bin/env bash\necho " + tool + " was run; exit 1\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (String question : List.of("--help", "-h")) {
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), question).redirectErrorStream(true);
            builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            Process process = builder.start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(question).isZero();
            assertThat(out).as(question).contains("infra/bin/benchmark --cost").doesNotContain("was run");
        }
    }
}
