package dev.cronwatch.adapters.aws;

import java.util.function.Supplier;

/** A value made on first use, once, whichever thread asks first. */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) value = v = factory.get();
            }
        }
        return v;
    }
}
