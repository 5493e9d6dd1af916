package dev.cronwatch.core.validation;

import java.util.regex.Pattern;

/**
 * The one rule of each kind of slug, in the words every refusal of it uses. Each is Sentry's, and each
 * becomes part of a storage key, so it is checked before any lookup.
 */
public enum SlugRule {
    ORGANIZATION("organization", "[a-z0-9][a-z0-9_-]{0,49}", false,
            "1 to 50 of a-z, 0-9, '-' and '_', starting with a letter or digit"),
    /** Not only digits: a project is named by its id or its slug, and digits read as an id. */
    PROJECT("project", "[a-z0-9][a-z0-9_-]{0,49}", true,
            "1 to 50 of a-z, 0-9, '-' and '_', starting with a letter or digit, not only digits"),
    MONITOR("monitor", "[a-z0-9_-]{1,50}", true, "1 to 50 of a-z, 0-9, '-' and '_', not only digits"),
    /**
     * A Healthchecks check's slug: Healthchecks allows 100 characters. A monitor named in a path is read
     * by this rule, the longer one, since it may be a check.
     */
    CHECK("monitor", "[a-z0-9_-]{1,100}", true, "1 to 100 of a-z, 0-9, '-' and '_', not only digits");

    /** Sentry's longest slug, and what it cuts a name's slug to. */
    public static final int MAX_LENGTH = 50;
    public static final int MAX_CHECK_LENGTH = 100;
    /** Quoted slugs are cut here: a refusal repeats what was sent, not all of it. */
    private static final int MAX_QUOTED = 60;

    private final String kind;
    private final Pattern shape;
    private final boolean notOnlyDigits;
    private final String rule;

    SlugRule(String kind, String shape, boolean notOnlyDigits, String rule) {
        this.kind = kind;
        this.shape = Pattern.compile(shape);
        this.notOnlyDigits = notOnlyDigits;
        this.rule = rule;
    }

    public boolean accepts(String slug) {
        return slug != null && slug.length() <= MAX_CHECK_LENGTH && shape.matcher(slug).matches()
                && !(notOnlyDigits && slug.chars().allMatch(Character::isDigit));
    }

    /** The rule in words, as in "a monitor slug is …". */
    public String rule() {
        return rule;
    }

    /** Why {@code slug} is refused: {@code Invalid monitor slug "x": 1 to 50 of …}. */
    public String refusal(String slug) {
        String quoted = slug == null ? "" : " \"" + (slug.length() > MAX_QUOTED ? slug.substring(0, MAX_QUOTED) + "…"
                : slug) + "\"";
        return "Invalid " + kind + " slug" + quoted + ": " + rule + ".";
    }

    /** {@code slug} when this rule accepts it, else a {@link FieldError} naming {@code field}. */
    public String check(String slug, String field) {
        if (!accepts(slug)) throw new FieldError(field, refusal(slug));
        return slug;
    }
}
