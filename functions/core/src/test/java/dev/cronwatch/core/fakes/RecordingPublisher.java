package dev.cronwatch.core.fakes;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.port.AlertPublisher;
import java.util.ArrayList;
import java.util.List;

/** Keeps published alerts in order; can be told to fail, to simulate a crash before the publish. */
public final class RecordingPublisher implements AlertPublisher {
    private final List<PendingAlert> published = new ArrayList<>();
    private boolean failing;

    @Override
    public synchronized void publish(PendingAlert alert) {
        if (failing) throw new IllegalStateException("publisher down");
        published.add(alert);
    }

    public synchronized void failing(boolean fail) {
        this.failing = fail;
    }

    public synchronized List<PendingAlert> published() {
        return List.copyOf(published);
    }
}
