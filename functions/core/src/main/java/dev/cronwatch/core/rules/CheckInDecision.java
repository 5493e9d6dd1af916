package dev.cronwatch.core.rules;

import dev.cronwatch.core.monitor.Changes;
import dev.cronwatch.core.monitor.ProcessingError;

/** What applying one message decided: the writes, or nothing at all for a message already applied. */
public record CheckInDecision(Changes changes, boolean duplicate) {
    public static final CheckInDecision DUPLICATE = new CheckInDecision(null, true);

    public static CheckInDecision apply(Changes changes) {
        return new CheckInDecision(changes, false);
    }

    public ProcessingError processingError() {
        return changes == null ? null : changes.processingError();
    }
}
