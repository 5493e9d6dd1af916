package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /**
     * The script's first start in a copy of the repository's layout with no jar, Maven and Java stood in
     * for by scripts: Maven prints what a real first build prints (downloads, then each module), Java
     * says it started.
     */
    @Test
    void firstStart_saysItIsBuildingWithMavenAndNamesEachModule() throws Exception {
        Path root = dataDir.resolve("repo");
        Path script = Files.createDirectories(root.resolve("infra/bin")).resolve("cronwatch-local");
        Files.copy(Path.of("../bin/cronwatch-local"), script);
        Files.createDirectories(root.resolve("functions"));
        Files.createDirectories(root.resolve("infra/local"));
        Path bin = Files.createDirectories(dataDir.resolve("bin"));
        executable(bin.resolve("mvn"), """
                echo "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/a.pom"
                echo "[INFO] Building cronwatch core 0.2.0                              [1/2]"
                echo "[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/b.jar (2 kB at 9 kB/s)"
                echo "[INFO] Building cronwatch local mode and end-to-end suite 0.2.0   [2/2]"
                echo "[INFO] BUILD SUCCESS"
                """);
        executable(bin.resolve("java"), "echo started\n");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "--version");
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("started\n");
        assertThat(err.lines().toList()).containsExactly(
                "building cronwatch with Maven: the first build downloads its dependencies into ~/.m2"
                        + " (about three minutes on a fresh machine)...",
                "  1/2 cronwatch core 0.2.0",
                "  2/2 cronwatch local mode and end-to-end suite 0.2.0");
    }

    /** A newcomer's first question after a pull is answered at once, by the jar there is. */
    @Test
    void helpAndVersion_afterAPull_answerWithoutRebuildingFirst() throws Exception {
        Path root = dataDir.resolve("pulled");
        Path script = Files.createDirectories(root.resolve("infra/bin")).resolve("cronwatch-local");
        Files.copy(Path.of("../bin/cronwatch-local"), script);
        Path jar = Files.createDirectories(root.resolve("infra/local/target")).resolve("cronwatch-local.jar");
        Files.writeString(jar, "");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(0));
        Files.writeString(Files.createDirectories(root.resolve("functions")).resolve("Newer.java"), "");
        Path bin = Files.createDirectories(dataDir.resolve("pulled-bin"));
        executable(bin.resolve("mvn"), "echo mvn was run >&2; exit 1\n");
        executable(bin.resolve("java"), "echo \"answered $*\"\n");
        for (String question : List.of("--help", "-h", "--version")) {
            ProcessBuilder builder = new ProcessBuilder(script.toString(), question);
            builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            Process process = builder.start();
            process.getOutputStream().close();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).as(question).isEmpty();
            assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).as(question)
                    .endsWith(question + "\n");
        }
    }

    static void executable(Path file, String body) throws Exception {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
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

    /** Refused before anything starts, as --workers -1 is: one line naming the option, exit 2, no stack trace. */
    @Test
    void aBadOptionValue_isOneLineNamingTheOption_andExitTwo() throws Exception {
        for (List<String> bad : List.of(List.of("--rate-limit", "0"), List.of("--port", "70000"), List.of("--port", "abc"),
                List.of("--workers", "abc"), List.of("--webhook", "notaurl"))) {
            List<String> args = new ArrayList<>(bad);
            args.addAll(List.of("--data-dir", dataDir.toString()));
            Run run = localMain(args.toArray(String[]::new));
            assertThat(run.exit()).as(bad.toString()).isEqualTo(2);
            assertThat(run.errLines()).as(bad.toString()).singleElement().asString().startsWith(bad.get(0) + " takes ");
        }
    }

    /** A failure once the emulators are up (here local.json cannot be written) stops them and the process. */
    @Test
    void aFailureAfterTheEmulatorsStarted_endsTheProcessWithOneLine_andFreesTheDataDirectory() throws Exception {
        Files.createDirectories(dataDir.resolve(LocalCredentials.FILE).resolve("in-the-way"));

        Run run = localMain("--port", "0", "--data-dir", dataDir.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().startsWith("cronwatch: could not start: ")
                .contains(LocalCredentials.FILE);
        DataDirLock.acquire(dataDir).close();
    }

    private LocalOptions options() {
        return LocalOptions.parse("--port", "0", "--data-dir", dataDir.toString(), "--clock", "manual",
                "--start", Instant.parse("2026-01-01T00:00:00Z").toString());
    }
}
