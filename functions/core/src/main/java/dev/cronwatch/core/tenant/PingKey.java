package dev.cronwatch.core.tenant;

import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A project's Healthchecks ping key: with a monitor's slug it makes a ping URL
 * ({@code /ping/<key>/<slug>}). Like a DSN key it is a secret that only sends pings for its project's
 * monitors. 22 characters of {@code [a-z0-9]}, as Healthchecks makes them.
 */
public record PingKey(String key, String organization, String projectId) {
    public static final int LENGTH = 22;
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9]{" + LENGTH + "}");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    public PingKey {
        if (!isPingKey(key)) throw new IllegalArgumentException("a ping key is 22 of [a-z0-9]");
    }

    public static boolean isPingKey(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** A new random key (about 113 bits). */
    public static String newKey(RandomGenerator random) {
        StringBuilder key = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return key.toString();
    }
}
