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

    void section(String title) {
        out.printf("%n== %s%n", title);
    }

    void line(String format, Object... args) {
        out.println("   " + String.format(Locale.ROOT, format, args));
    }

    void figure(String name, double value, String unit, String note) {
        figures.put(name, value);
        out.printf(Locale.ROOT, "   %-52s %14.2f %-10s %s%n", name, value, unit, note == null ? "" : note);
    }

    double get(String name) {
        Double v = figures.get(name);
        if (v == null) throw new IllegalStateException("no figure " + name);
        return v;
    }
}
