package dev.cronwatch.core.service;

/** Writes kept colliding with concurrent ones; the work is safe to retry later. */
public final class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException(String message) {
        super(message);
    }
}
