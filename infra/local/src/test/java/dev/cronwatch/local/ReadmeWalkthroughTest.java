package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Five minutes with local mode" as a newcomer runs it: the first block's start line
 * becomes a local mode started here (on a free port; the other blocks read the address from
 * local.json as the README says), then every later shell command runs with bash, in order, and
 * prints what the README's sample lines under it say ({@code …} standing for anything).
 */
class ReadmeWalkthroughTest {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final String SECTION = "## Five minutes with local mode";
    static final String START = "infra/bin/cronwatch-local ";
    /** A line that only sets a variable (its value a word or one command substitution), not `VAR=x command`. */
    static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=(?:\\$\\([^)]*\\)|\\S*)(?:\\s+#.*)?$");

    /** One command as typed (continuation lines joined), with the sample output the README shows under it. */
    record Command(String text, List<String> output, List<String> console) {}

    @TempDir
    Path work;

    @Test
    void everyCommandRunsAsWrittenAndPrintsTheSampleOutput() throws Exception {
        List<String> blocks = bashBlocks(section());
        List<String> start = blocks.get(0).lines().toList();
        assertThat(start).as("the first block starts local mode").singleElement().asString().startsWith(START);
        List<String> options = new ArrayList<>(Arrays.asList(start.get(0).substring(START.length()).trim().split("\\s+")));
        // a free port instead of 8080; the data directory the README's relative paths point at
        options.addAll(List.of("--port", "0", "--data-dir", work.resolve(".cronwatch").toString()));
        // the README's commands run from the repository root: here, a folder whose infra/ is the repository's
        Files.createSymbolicLink(work.resolve("infra"), ROOT.resolve("infra"));

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (LocalSystem system = new LocalSystem(LocalOptions.parse(options.toArray(String[]::new)),
                new PrintStream(console, true, StandardCharsets.UTF_8))) {
            List<String> assignments = new ArrayList<>();
            for (String block : blocks.subList(1, blocks.size())) {
                for (Command command : commands(block)) {
                    String printed = bash(assignments, command.text());
                    // a user types the next line after this one's check-ins were applied
                    system.controls().drainQueue();
                    if (ASSIGNMENT.matcher(command.text()).matches()) assignments.add(command.text());
                    if (!command.output().isEmpty()) {
                        assertThat(printed.strip()).as("what `%s` prints", command.text())
                                .matches(sample(command.output()));
                    }
                    for (String line : command.console()) {
                        assertThat(console.toString(StandardCharsets.UTF_8)).as("local mode's console after `%s`", command.text())
                                .containsPattern(sample(List.of(line)));
                    }
                }
            }
        }
    }

    /** The tools a newcomer has to have beyond the JDK and Maven, each named in the prerequisites. */
    @Test
    void thePrerequisitesNameEveryToolTheCommandsAndScriptsUse() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String prerequisites = readme.substring(readme.indexOf("\n## The two commands\n"), readme.indexOf("```bash"));
        StringBuilder used = new StringBuilder(String.join("\n", bashBlocks(readme)));
        try (var scripts = Files.list(ROOT.resolve("infra/bin"))) {
            for (Path script : scripts.toList()) used.append(Files.readString(script));
        }
        for (String install : List.of("infra/sns-emulator/install.sh", "infra/sentry-cli/install.sh", "infra/sentry-node/install.sh")) {
            used.append(Files.readString(ROOT.resolve(install)));
        }
        for (String tool : List.of("curl", "jq", "npm", "unzip")) {
            if (Pattern.compile("(?m)(^|[\\s|;&(])" + tool + " ").matcher(used).find()) {
                assertThat(prerequisites).as("README's prerequisites name %s", tool).contains("`" + tool + "`");
            }
        }
    }

    static String section() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int from = readme.indexOf("\n" + SECTION + "\n");
        assertThat(from).as("README has %s", SECTION).isPositive();
        int to = readme.indexOf("\n## ", from + SECTION.length() + 1);
        return readme.substring(from, to < 0 ? readme.length() : to);
    }

    static List<String> bashBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        DocsRenderTest.PARSER.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                if ("bash".equals(block.getInfo())) blocks.add(block.getLiteral());
            }
        });
        return blocks;
    }

    static List<Command> commands(String block) {
        List<Command> commands = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String line : block.lines().toList()) {
            if (line.startsWith("# console: ")) {
                commands.get(commands.size() - 1).console().add(line.substring("# console: ".length()));
            } else if (line.startsWith("# ")) {
                commands.get(commands.size() - 1).output().add(line.substring(2));
            } else if (!line.isBlank()) {
                text.append(line).append('\n');
                if (!line.endsWith("\\")) {
                    commands.add(new Command(text.toString().strip(), new ArrayList<>(), new ArrayList<>()));
                    text.setLength(0);
                }
            }
        }
        return commands;
    }

    /** The sample lines as a pattern: literal text, each "…" anything. */
    static String sample(List<String> lines) {
        return Arrays.stream(String.join("\n", lines).split("…", -1)).map(Pattern::quote)
                .collect(Collectors.joining("(?s:.*)"));
    }

    /** Standard output of one command, with the variables the README set before it; fails on a non-zero exit. */
    String bash(List<String> assignments, String command) throws Exception {
        String script = "set -euo pipefail\n" + String.join("\n", assignments) + "\n" + command + "\n";
        Path err = Files.createTempFile(work, "stderr", ".txt");
        Path out = Files.createTempFile(work, "stdout", ".txt");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // cronwatch-admin's --data-dir form on this test's classes: its jar is packaged after the tests
        builder.environment().putAll(Map.of("CRONWATCH_LOCAL_CLASSPATH", System.getProperty("java.class.path")));
        Process process = builder.start();
        process.getOutputStream().close();
        boolean exited = process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES);
        if (!exited) process.destroyForcibly();
        assertThat(exited).as("`%s` still running after two minutes", command).isTrue();
        assertThat(process.exitValue()).as("`%s` exit status; it said: %s", command, Files.readString(err)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
