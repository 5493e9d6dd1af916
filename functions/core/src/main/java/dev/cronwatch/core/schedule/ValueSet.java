package dev.cronwatch.core.schedule;

/** A set of small non-negative numbers (cron field values, all below 64) as a bit mask. */
record ValueSet(long mask) {
    static final ValueSet EMPTY = new ValueSet(0L);

    static ValueSet range(int from, int to, int step) {
        long mask = 0L;
        for (int v = from; v <= to; v += step) mask |= 1L << v;
        return new ValueSet(mask);
    }

    ValueSet with(ValueSet other) {
        return new ValueSet(mask | other.mask);
    }

    boolean contains(int v) {
        return (mask >>> v & 1L) != 0;
    }

    boolean isEmpty() {
        return mask == 0L;
    }

    /** The smallest member at or above {@code v}, or -1. */
    int ceiling(int v) {
        long above = mask >>> v;
        return above == 0 ? -1 : v + Long.numberOfTrailingZeros(above);
    }

    /** The largest member at or below {@code v}, or -1. */
    int floor(int v) {
        long below = mask & (v >= 63 ? -1L : (2L << v) - 1);
        return below == 0 ? -1 : 63 - Long.numberOfLeadingZeros(below);
    }

    int first() {
        return ceiling(0);
    }

    int last() {
        return floor(63);
    }
}
