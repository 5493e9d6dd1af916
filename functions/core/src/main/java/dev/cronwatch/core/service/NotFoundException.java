package dev.cronwatch.core.service;

/** The thing asked for does not exist for this caller (another organization's data reads the same). */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super(what, null, false, false);
    }
}
