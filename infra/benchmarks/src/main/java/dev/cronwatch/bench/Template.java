package dev.cronwatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks read from template.yaml, so that they measure what AWS runs. */
final class Template {
    private Template() {
    }

    /** template.yaml in the working directory or the nearest parent that has one. */
    static Optional<Path> find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path template = dir.resolve("template.yaml");
            if (Files.exists(template)) return Optional.of(template);
        }
        return Optional.empty();
    }

    static String text(Path template) {
        try {
            return Files.readString(template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The functions' JAVA_TOOL_OPTIONS (Globals), a folded block ({@code >-}) joined as YAML joins it;
     * the JVM reads it from the environment as Lambda's does.
     */
    static String javaToolOptions() {
        Path template = find().orElseThrow(() -> new IllegalStateException("template.yaml not found"));
        return javaToolOptions(text(template).lines().toList());
    }

    static String javaToolOptions(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (!trimmed.startsWith("JAVA_TOOL_OPTIONS:")) continue;
            String value = trimmed.substring("JAVA_TOOL_OPTIONS:".length()).strip();
            if (!value.equals(">-") && !value.equals(">")) return value;
            int indent = line.indexOf('J');
            StringBuilder folded = new StringBuilder();
            for (int j = i + 1; j < lines.size(); j++) {
                String next = lines.get(j);
                if (next.isBlank()) continue;
                if (next.length() - next.stripLeading().length() <= indent) break;
                if (!folded.isEmpty()) folded.append(' ');
                folded.append(next.strip());
            }
            return folded.toString();
        }
        throw new IllegalStateException("template.yaml sets no JAVA_TOOL_OPTIONS");
    }

    /** The processor's SQS batch size: the BatchSize of the event that feeds it the check-in queue. */
    static int processorBatchSize(String template) {
        Matcher batch = Pattern.compile("(?m)^\\s+CheckIns:\\n(?:\\s+.*\\n)*?\\s+BatchSize: (\\d+)").matcher(template);
        if (!batch.find()) throw new IllegalStateException("template.yaml: the CheckIns event sets no BatchSize");
        return Integer.parseInt(batch.group(1));
    }
}
