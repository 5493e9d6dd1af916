package dev.cronwatch.core.tenant;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * New credentials: DSN public keys (128 bits) and management tokens (256 bits) as lower-case hex, and
 * API keys (28 characters of {@code [a-z0-9]} after their prefix, about 144 bits).
 */
public final class Secrets {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private Secrets() {
    }

    /** {@code random} must be a SecureRandom outside tests: these are the only secret a tenant holds. */
    public static String newPublicKey(RandomGenerator random) {
        return hex(random, 16);
    }

    public static String newToken(RandomGenerator random) {
        return hex(random, 32);
    }

    /** {@code hcr_…} for a read-only key, else {@code hcw_…}. */
    public static String newApiKey(RandomGenerator random, boolean readOnly) {
        StringBuilder key = new StringBuilder(readOnly ? ApiKey.READ_ONLY_PREFIX : ApiKey.READ_WRITE_PREFIX);
        while (key.length() < ApiKey.LENGTH) key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return key.toString();
    }

    private static String hex(RandomGenerator random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
