package dev.cronwatch.core.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A digest of a text's UTF-8 bytes, as lower-case hex digits. */
public enum Digest {
    /** 40 digits: only where a Healthchecks client reads one. */
    SHA_1("SHA-1"),
    /** 64 digits: deduplication ids and stored token keys. */
    SHA_256("SHA-256");

    private final String algorithm;

    Digest(String algorithm) {
        this.algorithm = algorithm;
    }

    public String hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
