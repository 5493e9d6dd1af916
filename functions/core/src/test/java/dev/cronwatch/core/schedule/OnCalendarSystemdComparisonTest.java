package dev.cronwatch.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.testing.MachineTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Generated calendar expressions, each read by this engine and by {@code systemd-analyze calendar}
 * (Debian's systemd, in the test JVM's machine) from the same start: the same acceptance and the same
 * next five instants. Starts are chosen around the zones' DST transitions as often as not. Where the
 * command is absent the test is skipped with a notice; under CI it must be there.
 *
 * <p>A disagreement is recorded with its class; on the fixed seed only the classes in {@link #EXPECTED}
 * may occur, each with the reason we differ on purpose. A fresh seed each run is compared too and
 * printed.
 */
class OnCalendarSystemdComparisonTest {
    static final int EXPRESSIONS = 2_000;
    static final int ITERATIONS = 5;
    static final long FIXED_SEED = 20261207L;
    /** Zones whose rules the JDK's tzdata and Debian's agree on for the years generated. */
    static final List<String> ZONES = List.of("UTC", "Europe/Riga", "America/New_York", "Australia/Lord_Howe",
            "Pacific/Apia", "Asia/Kolkata", "America/Santiago", "Europe/London", "Asia/Tokyo");
    static final Map<String, String> EXPECTED = Map.of(
            "refused by us, systemd accepts: never fires",
            "Healthchecks refuses an expression with no time after 2000-01-01; systemd accepts it and answers never",
            "accepted by us, systemd refuses: a one-value range in the seconds",
            "systemd 252 reads the seconds as decimals and refuses A..A there, which it takes in every other field;"
                    + " we read it as the second A, as systemd does A..A in the minutes",
            "systemd could not answer",
            "systemd-analyze itself failed to compute the next elapse (\"Failed to determine next elapse\"): nothing to compare");

    record Case(String expression, Instant base) {
    }

    @Test
    void agreesWithSystemdAnalyzeOnGeneratedExpressions() throws Exception {
        MachineTools.require(new java.io.File("/usr/bin/systemd-analyze").canExecute() || onPath("systemd-analyze"),
                "systemd-analyze (Debian's systemd), which the OnCalendar comparison runs");
        long seed = Long.getLong("oncalendar.seed", FIXED_SEED);
        Map<String, List<String>> disagreements = new TreeMap<>();
        int agreed = compare(seed, EXPRESSIONS, disagreements);
        System.out.print(report("seed " + seed, EXPRESSIONS, agreed, disagreements));
        assertThat(disagreements.keySet()).as(report("seed " + seed, EXPRESSIONS, agreed, disagreements))
                .isSubsetOf(EXPECTED.keySet());

        // a fresh seed each run explores further; what it finds is printed with the seed that reproduces
        // it (then made a fixed case), rather than failing a build on a machine's tzdata of the day
        long fresh = System.nanoTime();
        Map<String, List<String>> found = new TreeMap<>();
        int freshAgreed = compare(fresh, EXPRESSIONS / 4, found);
        found.keySet().removeAll(EXPECTED.keySet());
        System.out.print(report("fresh seed " + fresh, EXPRESSIONS / 4, freshAgreed, found)
                + (found.isEmpty() ? "" : "  ^ UNEXPECTED: rerun with -Doncalendar.seed=" + fresh + "\n"));
    }

    private static String report(String seed, int total, int agreed, Map<String, List<String>> disagreements) {
        StringBuilder report = new StringBuilder(String.format(
                "[oncalendar vs systemd-analyze] %s (rerun with -Doncalendar.seed=N): %d expressions, %d agree%n",
                seed, total, agreed));
        disagreements.forEach((kind, examples) -> report.append(String.format("  %-66s %5d  e.g. %s%n", kind,
                examples.size(), examples.subList(0, Math.min(3, examples.size())))));
        return report.toString();
    }

    private static int compare(long seed, int count, Map<String, List<String>> disagreements) throws Exception {
        Random random = new Random(seed);
        Generator generate = new Generator(random);
        int agreed = 0;
        // one systemd-analyze call per start, for a batch of expressions
        for (int batch = 0; batch < count / 50; batch++) {
            String zone = ZONES.get(random.nextInt(ZONES.size()));
            Instant base = generate.start(ZoneId.of(zone));
            List<String> expressions = new ArrayList<>();
            for (int i = 0; i < 50; i++) expressions.add(generate.expression(zone));
            List<Object> theirs = systemd(expressions, base);
            for (int i = 0; i < expressions.size(); i++) {
                String kind = kindOfDisagreement(expressions.get(i), ours(expressions.get(i), base), theirs.get(i));
                if (kind == null) {
                    agreed++;
                } else {
                    disagreements.computeIfAbsent(kind, k -> new ArrayList<>()).add("'" + expressions.get(i) + "' from " + base);
                }
            }
        }
        return agreed;
    }

    /** Null when both agree, else the class of the disagreement. */
    private static boolean oneValueRangeInTheSeconds(String expression) {
        for (String token : expression.split("\\s+")) {
            String[] hms = token.split(":");
            if (hms.length != 3) continue;
            for (String item : hms[2].split(",")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.\\.(\\d+)").matcher(item);
                if (m.matches() && Integer.parseInt(m.group(1)) == Integer.parseInt(m.group(2))) return true;
            }
        }
        return false;
    }

    private static String kindOfDisagreement(String expression, Object ours, Object theirs) {
        if ("unanswered".equals(theirs)) return "systemd could not answer";
        if (ours instanceof String refusal) {
            if ("refused".equals(theirs)) return null;
            if (refusal.contains("never fires") && ((List<?>) theirs).isEmpty()) return "refused by us, systemd accepts: never fires";
            return "refused by us, systemd accepts: " + refusal.replaceAll("\".*\"", "…");
        }
        if ("refused".equals(theirs)) {
            return oneValueRangeInTheSeconds(expression) ? "accepted by us, systemd refuses: a one-value range in the seconds"
                    : "accepted by us, systemd refuses";
        }
        return ours.equals(theirs) ? null : "other instants";
    }

    /** The next instants, or the refusal's message. */
    private static Object ours(String expression, Instant base) {
        try {
            OnCalendarSchedule schedule = OnCalendarSchedule.parse(expression);
            List<Instant> found = new ArrayList<>();
            Instant t = base;
            for (int i = 0; i < ITERATIONS; i++) {
                t = schedule.next(t, ZoneOffset.UTC);
                if (t == null) break;
                found.add(t);
            }
            return found;
        } catch (InvalidScheduleException e) {
            return e.getMessage();
        }
    }

    private static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** For each expression, in order: the next instants systemd prints (none: never), or "refused". */
    private static List<Object> systemd(List<String> expressions, Instant base) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "calendar", "--iterations=" + ITERATIONS,
                "--base-time=@" + base.getEpochSecond()));
        command.addAll(expressions);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TZ", "UTC");
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException("systemd-analyze hung");
        List<Object> answers = new ArrayList<>();
        List<Instant> current = null;
        for (String line : output.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Failed to determine next elapse")) {
                // systemd's own failure (seen with some zones: "Resource deadlock avoided"): no answer to compare
                if (current != null) answers.add(current);
                current = null;
                answers.add("unanswered");
            } else if (trimmed.startsWith("Failed to parse calendar specification")) {
                if (current != null) answers.add(current);
                current = null;
                answers.add("refused");
            } else if (trimmed.startsWith("Normalized form:")) {
                if (current != null) answers.add(current);
                current = new ArrayList<>();
            } else if (current != null && (trimmed.startsWith("Next elapse:") || trimmed.startsWith("Iter. #"))) {
                String value = trimmed.substring(trimmed.indexOf(':') + 1).trim();
                if (!value.equals("never")) {
                    // "Thu 2026-01-01 22:00:00 UTC"
                    String[] parts = value.split(" ");
                    current.add(LocalDateTime.parse(parts[1] + " " + parts[2], PRINTED).toInstant(ZoneOffset.UTC));
                }
            }
        }
        if (current != null) answers.add(current);
        assertThat(answers).as("one answer per expression:\n" + output).hasSameSizeAs(expressions);
        return answers;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (new java.io.File(dir, command).canExecute()) return true;
        }
        return false;
    }

    /** Expressions as people write them, now and then malformed, and starts near DST transitions. */
    static final class Generator {
        private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        private static final String[] LONG_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
        private static final String[] SPECIALS = {"minutely", "hourly", "daily", "weekly", "monthly", "yearly",
                "annually", "quarterly", "semiannually"};
        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        Instant start(ZoneId zone) {
            Instant someday = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(6 * 365 * 86400));
            ZoneOffsetTransition next = zone.getRules().nextTransition(someday);
            if (next != null && random.nextBoolean()) {
                // within three hours of a transition, on either side, at any second
                return next.getInstant().plusSeconds(random.nextInt(6 * 3600) - 3 * 3600L);
            }
            return someday;
        }

        String expression(String zone) {
            StringBuilder e = new StringBuilder();
            if (chance(6)) {
                String special = SPECIALS[random.nextInt(SPECIALS.length)];
                e.append(chance(50) ? special : special.toUpperCase(Locale.ROOT));
            } else {
                if (chance(30)) e.append(weekdays()).append(' ');
                if (chance(55)) e.append(date()).append(' ');
                if (chance(85) || e.length() == 0) e.append(time());
            }
            String text = e.toString().trim();
            if (chance(50) && !zone.equals("UTC")) text += " " + zone;
            return text;
        }

        private String weekdays() {
            List<String> items = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                int a = random.nextInt(7);
                if (chance(35)) {
                    int b = chance(90) ? a + random.nextInt(7 - a) : random.nextInt(7);
                    items.add(day(a) + (chance(70) ? ".." : "-") + day(b));
                } else {
                    items.add(day(a));
                }
            }
            return String.join(",", items) + (chance(5) ? "," : "");
        }

        private String day(int i) {
            String name = chance(80) ? DAYS[i] : LONG_DAYS[i];
            return chance(20) ? name.toLowerCase(Locale.ROOT) : name;
        }

        private String date() {
            String year = chance(80) ? "*" : chance(70) ? String.valueOf(2024 + random.nextInt(8))
                    : chance(50) ? (2024 + random.nextInt(3)) + ".." + (2027 + random.nextInt(3)) : String.valueOf(24 + random.nextInt(10));
            String month = field(1, 12, true);
            if (chance(12)) {
                String fromEnd = chance(75) ? pad(1 + random.nextInt(7)) : pad(1 + random.nextInt(7)) + "/" + (1 + random.nextInt(3));
                return (chance(50) ? "" : year + "-") + month + "~" + fromEnd;
            }
            String day = field(1, 31, true);
            return (chance(60) ? year + "-" : "") + month + "-" + day;
        }

        private String time() {
            String hour = field(0, 23, true);
            String minute = field(0, 59, true);
            return hour + ":" + minute + (chance(30) ? ":" + field(0, 59, true) : "");
        }

        private String field(int min, int max, boolean star) {
            if (star && chance(30)) return "*";
            if (chance(3)) return String.valueOf(max + 1 + random.nextInt(5)); // out of range
            if (chance(2)) return "*/" + (1 + random.nextInt(5));              // refused by both
            IntFunction<Integer> value = span -> min + random.nextInt(Math.max(1, Math.min(span, max - min + 1)));
            List<String> items = new ArrayList<>();
            for (int i = 0, n = chance(75) ? 1 : 2 + random.nextInt(2); i < n; i++) {
                int a = value.apply(max - min + 1);
                int kind = random.nextInt(4);
                if (kind == 0 || a == max) {
                    items.add(pad(a));
                } else if (kind == 1) {
                    items.add(pad(a) + ".." + pad(a + random.nextInt(max - a + 1)));
                } else if (kind == 2) {
                    items.add(pad(a) + "/" + (1 + random.nextInt(Math.max(1, (max - min) / 3))));
                } else {
                    items.add(pad(a) + ".." + pad(a + random.nextInt(max - a + 1)) + "/" + (1 + random.nextInt(10)));
                }
            }
            return String.join(",", items);
        }

        private String pad(int v) {
            return chance(50) && v < 10 ? "0" + v : String.valueOf(v);
        }

        private boolean chance(int percent) {
            return random.nextInt(100) < percent;
        }
    }
}
