package dev.cronwatch.core.ingest;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Monitor slugs: ingest turns any name into one as Sentry does; the API accepts only well-formed ones. */
public final class Slugs {
    public static final int MAX_LENGTH = 50;
    private static final Pattern VALID = Pattern.compile("[a-z0-9_-]{1,50}");
    private static final Pattern UNWANTED = Pattern.compile("[^\\w\\s-]");
    private static final Pattern SEPARATORS = Pattern.compile("[-\\s]+");

    private Slugs() {
    }

    /** Django's slugify, then Sentry's truncation: {@code some/slug@with-weird|stuff} → {@code someslugwith-weirdstuff}. */
    public static String slugify(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("[^\\p{ASCII}]", "");
        String cleaned = UNWANTED.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("").trim();
        String slug = strip(SEPARATORS.matcher(cleaned).replaceAll("-"), "-_");
        if (slug.length() > MAX_LENGTH) slug = strip(slug.substring(0, MAX_LENGTH), "-");
        return slug;
    }

    public static boolean isValid(String slug) {
        return slug != null && VALID.matcher(slug).matches() && !slug.chars().allMatch(Character::isDigit);
    }

    /**
     * The candidate nearest to {@code slug} by edit distance, for "did you mean": only one a typo
     * away (at most a third of the slug's letters changed, and no more than 3), the first in
     * alphabetical order on a tie, never the slug itself.
     */
    public static Optional<String> nearest(String slug, Collection<String> candidates) {
        int limit = Math.min(3, Math.max(1, slug.length() / 3));
        String best = null;
        int bestDistance = limit + 1;
        for (String candidate : candidates) {
            if (candidate.equals(slug) || Math.abs(candidate.length() - slug.length()) > limit) continue;
            int distance = editDistance(slug, candidate);
            if (distance < bestDistance || distance == bestDistance && best != null && candidate.compareTo(best) < 0) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein's: insertions, deletions and substitutions of one character each count 1. */
    static int editDistance(String a, String b) {
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

    private static String strip(String s, String chars) {
        int start = 0;
        int end = s.length();
        while (start < end && chars.indexOf(s.charAt(start)) >= 0) start++;
        while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) end--;
        return s.substring(start, end);
    }
}
