package dev.cronwatch.core.tenant;

import dev.cronwatch.core.hash.Digest;
import java.time.Instant;

/**
 * A management token as it is listed: everything but the secret. Its id is derived from the secret
 * (so a token made before ids existed gets the same one wherever it is seen), and tells nothing
 * about it: a different hash from the one the token is stored under, cut to 16 hex digits.
 *
 * @param name           a label, or null
 * @param lastCharacters the secret's last four characters, to tell tokens apart without showing them
 * @param dateCreated    null for a token made before tokens were dated
 * @param expiresAt      null: it does not expire
 * @param dateRevoked    null: not revoked
 */
public record ManagementToken(String id, String organization, String name, String lastCharacters, Instant dateCreated,
                              Instant expiresAt, Instant dateRevoked) {
    private static final String ID_CONTEXT = "cronwatch token id:";

    /** Why a token authenticates or not, at a given instant. */
    public enum State {
        ACTIVE, EXPIRED, REVOKED
    }

    /** A new token of {@code organization} for this secret. */
    public static ManagementToken of(String organization, String secret, String name, Instant dateCreated,
                                     Instant expiresAt) {
        return new ManagementToken(idOf(secret), organization, name, lastCharactersOf(secret), dateCreated, expiresAt, null);
    }

    public static String idOf(String secret) {
        return Digest.SHA_256.hex(ID_CONTEXT + secret).substring(0, 16);
    }

    public static String lastCharactersOf(String secret) {
        return secret.substring(Math.max(0, secret.length() - 4));
    }

    /** A token id: 16 lower-case hex digits; anything else names no token. */
    public static boolean isId(String id) {
        return id != null && id.length() == 16 && id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** Revoked wins over expired: it is what someone did about this token. Expired from its instant on. */
    public State state(Instant now) {
        if (dateRevoked != null) return State.REVOKED;
        if (expiresAt != null && !now.isBefore(expiresAt)) return State.EXPIRED;
        return State.ACTIVE;
    }

    public ManagementToken revokedAt(Instant when) {
        return dateRevoked != null ? this
                : new ManagementToken(id, organization, name, lastCharacters, dateCreated, expiresAt, when);
    }
}
