package dev.cronwatch.core.tenant;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** New credentials: DSN public keys (128 bits) and management tokens (256 bits), as lower-case hex. */
public final class Secrets {
    private Secrets() {
    }

    /** {@code random} must be a SecureRandom outside tests: these are the only secret a tenant holds. */
    public static String newPublicKey(RandomGenerator random) {
        return hex(random, 16);
    }

    public static String newToken(RandomGenerator random) {
        return hex(random, 32);
    }

    private static String hex(RandomGenerator random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
