package dev.cronwatch.core.port;

/**
 * Every operational figure cronwatch reports, by its CloudWatch name (namespace {@link Metrics#NAMESPACE}).
 * template.yaml's alarms and dashboard use these names; the template test holds them to this list.
 */
public enum Metric {
    /** A check-in queued for the processor (one per check-in, so an envelope of three counts three). */
    CHECK_INS_ACCEPTED("CheckInsAccepted"),
    /** An ingest request refused synchronously, by {@code Reason} (a few fixed words, never client text). */
    CHECK_INS_REJECTED("CheckInsRejected", "Reason"),
    CHECK_INS_APPLIED("CheckInsApplied"),
    /** Applied minus received, per check-in; the dashboard shows its p50 and p99. */
    APPLY_LAG_MS("ApplyLagMs", Unit.MILLISECONDS),
    /** A check-in recorded as a processing error instead of applied (rate limit, finished run…). */
    PROCESSING_ERRORS("ProcessingErrors"),
    MISSES_DETECTED("MissesDetected"),
    TIMEOUTS_DETECTED("TimeoutsDetected"),
    INCIDENTS_OPENED("IncidentsOpened"),
    INCIDENTS_RESOLVED("IncidentsResolved"),
    ALERTS_PUBLISHED("AlertsPublished"),
    /** An alert given up on after its retries (alarmed). */
    ALERTS_FAILED("AlertsFailed"),
    JUDGEMENTS_QUEUED("JudgementsQueued"),
    /** A deadline the clock judged itself because the queue was behind longer than the deferral bound (alarmed). */
    JUDGEMENTS_DEFERRED("JudgementsDeferred"),
    DEAD_LETTER_FORWARDS("DeadLetterForwards"),
    /** One per completed clock invocation; none for 3 minutes raises the clock alarm. */
    TICKS("Ticks");

    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    private final String metricName;
    private final Unit unit;
    private final String dimension;

    Metric(String metricName) {
        this(metricName, Unit.COUNT, null);
    }

    Metric(String metricName, String dimension) {
        this(metricName, Unit.COUNT, dimension);
    }

    Metric(String metricName, Unit unit) {
        this(metricName, unit, null);
    }

    Metric(String metricName, Unit unit, String dimension) {
        this.metricName = metricName;
        this.unit = unit;
        this.dimension = dimension;
    }

    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** The one dimension this metric is also broken down by (besides the stack), or null. */
    public String dimension() {
        return dimension;
    }
}
