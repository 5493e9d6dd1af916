package dev.cronwatch.core.tenant;

import dev.cronwatch.core.hash.Digest;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A project's API key for the Healthchecks-compatible API (v3): read-write ({@code hcw_…}) or read-only
 * ({@code hcr_…}), 32 characters as Healthchecks' clients check. Listed without its secret: stored
 * only as the secret's hash, like a management token, and known by an id derived from the secret
 * through another hash.
 *
 * @param name           a label, or null
 * @param lastCharacters the secret's last four characters, to tell keys apart without showing them
 */
public record ApiKey(String id, String organization, String projectId, boolean readOnly, String name,
                     String lastCharacters, Instant dateCreated) {
    public static final String READ_WRITE_PREFIX = "hcw_";
    public static final String READ_ONLY_PREFIX = "hcr_";
    /** Healthchecks refuses any other length before a lookup ({@code missing api key}). */
    public static final int LENGTH = 32;
    private static final Pattern SECRET = Pattern.compile("hc[rw]_[a-z0-9]{28}");
    private static final String ID_CONTEXT = "cronwatch api key id:";

    public static ApiKey of(String organization, String projectId, String secret, String name, Instant dateCreated) {
        return new ApiKey(idOf(secret), organization, projectId, secret.startsWith(READ_ONLY_PREFIX), name,
                secret.substring(LENGTH - 4), dateCreated);
    }

    /** Our keys' shape; anything else names no key and is refused without a lookup. */
    public static boolean isSecret(String text) {
        return text != null && text.length() == LENGTH && SECRET.matcher(text).matches();
    }

    public static String idOf(String secret) {
        return Digest.SHA_256.hex(ID_CONTEXT + secret).substring(0, 16);
    }

    /** A key id: 16 lower-case hex digits. */
    public static boolean isId(String id) {
        return ManagementToken.isId(id);
    }
}
