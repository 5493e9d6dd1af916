package dev.cronwatch.core.fakes;

import dev.cronwatch.core.port.Metric;
import dev.cronwatch.core.port.Metrics;
import java.util.ArrayList;
import java.util.List;

/** Keeps every value recorded, flushed or not, for tests to sum. */
public final class RecordingMetrics implements Metrics {
    public record Value(Metric metric, double value, String dimensionValue) {
    }

    private final List<Value> values = new ArrayList<>();
    private int flushes;

    @Override
    public synchronized void add(Metric metric, double value, String dimensionValue) {
        if ((metric.dimension() == null) != (dimensionValue == null)) {
            throw new IllegalArgumentException(metric + " takes " + (metric.dimension() == null ? "no dimension"
                    : "a " + metric.dimension()));
        }
        values.add(new Value(metric, value, dimensionValue));
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    public synchronized List<Value> values() {
        return List.copyOf(values);
    }

    /** The sum of a metric's values, over all dimension values. */
    public synchronized double sum(Metric metric) {
        return values.stream().filter(v -> v.metric() == metric).mapToDouble(Value::value).sum();
    }

    /** The sum of a metric's values for one dimension value. */
    public synchronized double sum(Metric metric, String dimensionValue) {
        return values.stream().filter(v -> v.metric() == metric && dimensionValue.equals(v.dimensionValue()))
                .mapToDouble(Value::value).sum();
    }

    public synchronized int flushes() {
        return flushes;
    }
}
