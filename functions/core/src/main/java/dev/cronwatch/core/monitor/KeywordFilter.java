package dev.cronwatch.core.monitor;

import java.nio.charset.StandardCharsets;

/**
 * Healthchecks' keyword filters of a check (docs/spec.md §14.1): with {@code httpBody} set, a ping's body
 * decides what the ping is. Keywords are comma-separated, case-sensitive substrings; the failure keywords
 * are tried first, then the success ones, then the start ones, and a body matching none is a fail with
 * {@code defaultFail}, else ignored. {@code subject} and {@code body} are Healthchecks' e-mail filters:
 * kept and shown, never applied (no e-mail reaches a check here).
 */
public record KeywordFilter(String startKeywords, String successKeywords, String failureKeywords, boolean subject,
                            boolean body, boolean httpBody, boolean defaultFail) {
    public static final KeywordFilter NONE = new KeywordFilter("", "", "", false, false, false, false);

    public KeywordFilter {
        startKeywords = startKeywords == null ? "" : startKeywords;
        successKeywords = successKeywords == null ? "" : successKeywords;
        failureKeywords = failureKeywords == null ? "" : failureKeywords;
    }

    /**
     * What a ping with this body is. A body that is not UTF-8 (or is cut inside a character) is decoded
     * leniently, each bad byte read as U+FFFD, so its readable parts still match: Healthchecks' strict
     * decode would answer 500 there.
     */
    public PingKind classify(PingKind kind, byte[] pingBody) {
        if (!httpBody || kind == PingKind.IGNORED) return kind;
        String text = new String(pingBody, StandardCharsets.UTF_8);
        if (matches(text, failureKeywords)) return PingKind.FAIL;
        if (matches(text, successKeywords)) return PingKind.SUCCESS;
        if (matches(text, startKeywords)) return PingKind.START;
        return defaultFail ? PingKind.FAIL : PingKind.IGNORED;
    }

    /** Healthchecks' {@code match_keywords}: any non-blank keyword, trimmed, found in the text. */
    private static boolean matches(String text, String keywords) {
        for (String keyword : keywords.split(",")) {
            String trimmed = keyword.strip();
            if (!trimmed.isEmpty() && text.contains(trimmed)) return true;
        }
        return false;
    }
}
