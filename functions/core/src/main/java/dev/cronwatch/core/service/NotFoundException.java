package dev.cronwatch.core.service;

import java.util.Optional;

/** The thing asked for does not exist for this caller (another organization's data reads the same). */
public final class NotFoundException extends RuntimeException {
    private final String detail;

    public NotFoundException(String what) {
        this(what, null);
    }

    private NotFoundException(String what, String detail) {
        super(what, null, false, false);
        this.detail = detail;
    }

    /**
     * A slug that names no monitor of the caller's organization, with the nearest of its slugs when one
     * is a typo away: the caller can list those slugs anyway, and no other organization's is offered.
     */
    public static NotFoundException monitor(String slug, Optional<String> nearest) {
        return new NotFoundException("monitor " + slug, "no monitor \"" + slug + "\" in this organization."
                + nearest.map(n -> " Did you mean \"" + n + "\"?").orElse(""));
    }

    /** What the caller may be told beyond "not found"; empty when that is all. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }
}
