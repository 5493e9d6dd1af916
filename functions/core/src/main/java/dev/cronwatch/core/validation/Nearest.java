package dev.cronwatch.core.validation;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean": the names nearest to one a client sent, by edit distance. */
public final class Nearest {
    private Nearest() {
    }

    /**
     * The candidate a typo away from {@code typed} (at most a third of its letters changed, and no more
     * than 3), the first in alphabetical order on a tie, never {@code typed} itself.
     */
    public static Optional<String> typoOf(String typed, Collection<String> candidates) {
        int limit = Math.min(3, Math.max(1, typed.length() / 3));
        String best = null;
        int bestDistance = limit + 1;
        for (String candidate : candidates) {
            if (candidate.equals(typed) || Math.abs(candidate.length() - typed.length()) > limit) continue;
            int distance = editDistance(typed, candidate);
            if (distance < bestDistance || distance == bestDistance && best != null && candidate.compareTo(best) < 0) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein's: insertions, deletions and substitutions of one character each count 1. */
    public static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
