package dev.cronwatch.core.ingest;

import dev.cronwatch.core.validation.SlugRule;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Monitor slugs: ingest turns any name into one as Sentry does ({@link SlugRule#MONITOR} says which are well formed). */
public final class Slugs {
    private static final int MAX_LENGTH = SlugRule.MAX_LENGTH;
    private static final Pattern UNWANTED = Pattern.compile("[^\\w\\s-]");
    private static final Pattern SEPARATORS = Pattern.compile("[-\\s]+");

    private Slugs() {
    }

    /** Django's slugify, then Sentry's truncation: {@code some/slug@with-weird|stuff} → {@code someslugwith-weirdstuff}. */
    public static String slugify(String name) {
        return slugify(name, MAX_LENGTH);
    }

    /** The same, cut at {@code maxLength} (a Healthchecks check's slug may be {@link SlugRule#MAX_CHECK_LENGTH}). */
    public static String slugify(String name, int maxLength) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("[^\\p{ASCII}]", "");
        String cleaned = UNWANTED.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("").trim();
        String slug = strip(SEPARATORS.matcher(cleaned).replaceAll("-"), "-_");
        if (slug.length() > maxLength) slug = strip(slug.substring(0, maxLength), "-");
        return slug;
    }

    private static String strip(String s, String chars) {
        int start = 0;
        int end = s.length();
        while (start < end && chars.indexOf(s.charAt(start)) >= 0) start++;
        while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) end--;
        return s.substring(start, end);
    }
}
