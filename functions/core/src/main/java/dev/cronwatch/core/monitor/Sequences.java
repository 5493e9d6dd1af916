package dev.cronwatch.core.monitor;

/**
 * Queue sequence numbers: decimal strings without leading zeros, too long for a long (SQS FIFO
 * gives 128-bit ones), so compared by length first, then digit by digit.
 */
public final class Sequences {
    private Sequences() {
    }

    /** True when {@code sequence} is {@code last} or before it: that message was applied already. */
    public static boolean covers(String last, String sequence) {
        return sequence != null && last != null && compare(sequence, last) <= 0;
    }

    public static int compare(String a, String b) {
        if (a.length() != b.length()) return Integer.compare(a.length(), b.length());
        return a.compareTo(b);
    }
}
