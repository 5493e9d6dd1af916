package dev.cronwatch.core.healthchecks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature in a badge's URL, as Healthchecks makes it: the first 8 characters of an HMAC of the tag
 * ({@code *} for the whole project), so that one badge's URL does not give away another tag's; a
 * {@code -2} after it asks for the two-state badge. Keyed by the project's badge secret (Healthchecks
 * uses its server's SECRET_KEY, which a serverless stack does not have).
 */
public final class BadgeSignature {
    public static final String ALL = "*";
    private static final String TWO_STATES = "-2";
    private static final int LENGTH = 8;

    private BadgeSignature() {
    }

    public static String sign(String secret, String tag, boolean threeStates) {
        return of(secret, tag) + (threeStates ? "" : TWO_STATES);
    }

    /** Whether {@code signature} is this tag's, compared on its first 8 characters as Healthchecks does. */
    public static boolean verify(String secret, String tag, String signature) {
        if (signature == null || signature.length() < LENGTH) return false;
        return MessageDigest.isEqual(of(secret, tag).getBytes(StandardCharsets.US_ASCII),
                signature.substring(0, LENGTH).getBytes(StandardCharsets.US_ASCII));
    }

    /** Two states exactly when the signature is 10 characters ending in {@code -2}. */
    public static boolean threeStates(String signature) {
        return !(signature.length() == LENGTH + TWO_STATES.length() && signature.endsWith(TWO_STATES));
    }

    private static String of(String secret, String tag) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(tag.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
