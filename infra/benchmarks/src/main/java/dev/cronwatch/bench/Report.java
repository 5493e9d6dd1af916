package dev.cronwatch.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Figures as they are measured: printed at once, and kept by name for the summary and the smoke test. */
final class Report {
    private final PrintStream out;
    final Map<String, Double> figures = new LinkedHashMap<>();

    Report(PrintStream out) {
        this.out = out;
    }

    /** Each section says how loaded the machine was when it began: other work shares these cores. */
    void section(String title) {
        out.printf("%n== %s (load average %s)%n", title, loadAverage());
    }

    PrintStream out() {
        return out;
    }

    /** The 1, 5 and 15 minute load averages, or "?" where /proc is not there. */
    static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    void line(String format, Object... args) {
        out.println("   " + String.format(Locale.ROOT, format, args));
    }

    void figure(String name, double value, String unit, String note) {
        figure(name, name, value, unit, note);
    }

    /** A figure printed under {@code label} (several may share one, as the two mixes of the cost model do). */
    void figure(String key, String label, double value, String unit, String note) {
        figures.put(key, value);
        out.printf(Locale.ROOT, "   %-52s %14.2f %-10s %s%n", label, value, unit, note == null ? "" : note);
    }

    /** Kept for later sections without a line of its own. */
    void keep(String name, double value) {
        figures.put(name, value);
    }

    boolean has(String name) {
        return figures.containsKey(name);
    }

    double get(String name) {
        Double v = figures.get(name);
        if (v == null) throw new IllegalStateException("no figure " + name);
        return v;
    }
}
