package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cronwatch-local as a command: its help, its version, and how it refuses to start next to another copy. */
class LocalStartTest {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dataDir;

    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    /** LocalMain in its own JVM, as infra/bin/cronwatch-local runs it; it must end within a minute. */
    static Run localMain(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) process.destroyForcibly();
        assertThat(ended).as("cronwatch-local %s ended instead of hanging", List.of(args)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void helpExplainsEveryOptionOnStandardOutput() throws Exception {
        Run run = localMain("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        for (String option : List.of("--port", "--data-dir", "--in-memory", "--clock", "--start", "--webhook",
                "--rate-limit", "--workers", "--allow-host", "--version", "--help")) {
            assertThat(run.out()).as(option).containsPattern("(?m)^  " + option + "[ ,]");
        }
    }

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        Run run = localMain("--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).matches("cronwatch \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void aPortInUseStopsTheStartWithOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = localMain("--port", Integer.toString(taken.getLocalPort()), "--data-dir", dataDir.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.errLines()).singleElement().asString()
                    .contains("port " + taken.getLocalPort()).contains("in use").contains("--port");
        }
        // nothing kept the data directory
        new LocalSystem(options(), QUIET).close();
    }

    @Test
    void aSecondCopyOnTheSameDataDirIsRefusedUntilTheFirstStops() throws Exception {
        try (LocalSystem first = new LocalSystem(options(), QUIET)) {
            Run run = localMain("--port", "0", "--data-dir", dataDir.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.errLines()).singleElement().asString().contains("data directory").contains("in use")
                    .contains("pid " + ProcessHandle.current().pid());
            assertThatThrownBy(() -> new LocalSystem(options(), QUIET)).isInstanceOf(DataDirLock.InUseException.class);
            assertThat(first.port()).isPositive();
        }
        new LocalSystem(options(), QUIET).close();
    }

    private LocalOptions options() {
        return LocalOptions.parse("--port", "0", "--data-dir", dataDir.toString(), "--clock", "manual",
                "--start", Instant.parse("2026-01-01T00:00:00Z").toString());
    }
}
