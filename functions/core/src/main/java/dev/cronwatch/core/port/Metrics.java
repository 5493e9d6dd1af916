package dev.cronwatch.core.port;

/**
 * Where operational figures go: CloudWatch embedded metric format when deployed, nowhere in local mode.
 * Values are kept until {@link #flush()}, which the handler calls once at the end of each invocation.
 */
public interface Metrics {
    String NAMESPACE = "cronwatch";

    /** Discards everything: for local mode and for tests that do not look at metrics. */
    Metrics NONE = new Metrics() {
        @Override
        public void add(Metric metric, double value, String dimensionValue) {
        }

        @Override
        public void flush() {
        }
    };

    /**
     * Records one value. {@code dimensionValue} is for a metric with a {@link Metric#dimension()} (then it
     * is required: one of a few fixed words) and must be null for the others.
     */
    void add(Metric metric, double value, String dimensionValue);

    default void add(Metric metric, double value) {
        add(metric, value, null);
    }

    default void count(Metric metric) {
        add(metric, 1, null);
    }

    /** Writes what was recorded since the last flush. */
    void flush();
}
