package dev.cronwatch.handlers;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The process's randomness: new check-in ids and the secrets of new keys and tokens. SnapStart starts
 * every copy of a function from one snapshot, each with this generator's state as it was at the
 * checkpoint; {@link #reseed} (the restore hook) mixes fresh entropy from the operating system into it,
 * so that no two copies mint the same id.
 */
public final class Entropy implements Supplier<UUID>, RandomGenerator {
    private static final int SEED_BYTES = 32;
    private final SecureRandom random;

    public Entropy(SecureRandom random) {
        this.random = random;
    }

    /** A random (version 4) UUID. */
    @Override
    public UUID get() {
        long high = random.nextLong();
        long low = random.nextLong();
        return new UUID((high & ~0xF000L) | 0x4000L, (low & ~(0b11L << 62)) | (0b10L << 62));
    }

    @Override
    public long nextLong() {
        return random.nextLong();
    }

    @Override
    public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
    }

    /** Adds fresh entropy to the state (a SecureRandom's seed is added to, never replaced). */
    public void reseed() {
        byte[] seed = new byte[SEED_BYTES];
        new SecureRandom().nextBytes(seed);
        random.setSeed(seed);
    }
}
