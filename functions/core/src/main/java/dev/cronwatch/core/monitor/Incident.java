package dev.cronwatch.core.monitor;

import java.time.Instant;

/**
 * A failure period of one environment, from the threshold-crossing failure to the recovering OK.
 * Written only together with its environment, whose version guards both.
 */
public record Incident(
        String id,
        MonitorKey monitor,
        String environment,
        Instant dateStarted,
        Instant dateResolved,
        CheckInStatus reason,
        String failureReason,
        String startingCheckIn,
        String resolvingCheckIn) {

    public boolean isOpen() {
        return dateResolved == null;
    }

    public Incident resolve(Instant at, String checkInId) {
        return new Incident(id, monitor, environment, dateStarted, at, reason, failureReason, startingCheckIn,
                checkInId);
    }
}
