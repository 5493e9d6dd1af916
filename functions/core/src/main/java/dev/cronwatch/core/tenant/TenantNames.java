package dev.cronwatch.core.tenant;

import dev.cronwatch.core.validation.SlugRule;
import java.util.regex.Pattern;

/**
 * The shapes of the names that address tenants. Each of them becomes part of a storage key, so each
 * is checked against its shape before any lookup: no separator can be forged, no key grows past what
 * the store accepts, and a malformed credential is refused without a read.
 */
public final class TenantNames {
    private static final Pattern PROJECT_ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern PUBLIC_KEY = Pattern.compile("[0-9a-f]{32}");

    private TenantNames() {
    }

    /**
     * The shape of an organization's slug, and of a project's as a key (a project's slug of digits is
     * refused when it is made, {@link SlugRule#PROJECT}, and is read as an id when it names one).
     */
    public static boolean isSlug(String slug) {
        return SlugRule.ORGANIZATION.accepts(slug);
    }

    /** Project ids are positive whole numbers, as Sentry's are (DSNs end with one). */
    public static boolean isProjectId(String id) {
        return id != null && id.length() <= 18 && PROJECT_ID.matcher(id).matches();
    }

    /** A DSN key's public part: exactly 32 lower-case hex characters. */
    public static boolean isPublicKey(String publicKey) {
        return publicKey != null && publicKey.length() == 32 && PUBLIC_KEY.matcher(publicKey).matches();
    }

    /** Throws unless {@code slug} is an organization or project slug; for adapters guarding their keys. */
    public static String requireSlug(String slug, String what) {
        if (!isSlug(slug)) throw new IllegalArgumentException("invalid " + what + " slug");
        return slug;
    }

    public static String requireProjectId(String id) {
        if (!isProjectId(id)) throw new IllegalArgumentException("invalid project id");
        return id;
    }

    public static String requirePublicKey(String publicKey) {
        if (!isPublicKey(publicKey)) throw new IllegalArgumentException("invalid public key");
        return publicKey;
    }
}
