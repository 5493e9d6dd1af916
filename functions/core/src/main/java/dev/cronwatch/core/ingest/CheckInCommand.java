package dev.cronwatch.core.ingest;

import dev.cronwatch.core.hash.Digest;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentNames;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.rules.CheckInIds;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.SlugRule;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A check-in as any of the three wire forms delivers it, validated on construction: everything
 * that can be judged without state is judged here, and a failure names the field. The
 * {@code monitor_config} is not: a bad one must not cost an existing monitor its check-in, and only
 * the processor knows whether the monitor exists ({@code CheckInRules}).
 * {@code checkInId} null or the all-zero UUID means "latest".
 */
public record CheckInCommand(
        String organization,
        String projectId,
        String slug,
        String checkInId,
        CheckInStatus status,
        String environment,
        Long durationMs,
        Map<String, Object> monitorConfig) {

    public CheckInCommand {
        if (slug == null || slug.isEmpty()) throw new FieldError("monitor_slug", "The monitor slug is required.");
        SlugRule.MONITOR.check(slug, "monitor_slug");
        if (checkInId != null && !checkInId.equals("latest")) checkInId = CheckInIds.canonical(checkInId);
        sendable(status);
        EnvironmentNames.check(environment, "environment");
        if (environment != null && environment.isBlank()) environment = null;
        if (durationMs != null && (durationMs < 0 || durationMs > Integer.MAX_VALUE)) {
            throw new FieldError("duration", "Ensure this value is between 0 and 2147483647 milliseconds.");
        }
        if (monitorConfig != null) monitorConfig = Collections.unmodifiableMap(new LinkedHashMap<>(monitorConfig));
    }

    /** Reads a wire status; one a check-in cannot send is the client's error, named. */
    public static CheckInStatus status(String wire) {
        if (wire == null) return sendable(null);
        try {
            return sendable(CheckInStatus.fromWire(wire));
        } catch (IllegalArgumentException e) {
            throw statusError(wire);
        }
    }

    /** The statuses a client may send: {@code in_progress}, {@code ok}, {@code error}. */
    private static CheckInStatus sendable(CheckInStatus status) {
        if (status == null) throw statusError(null);
        if (status != CheckInStatus.IN_PROGRESS && !status.isUserTerminal()) throw statusError(status.wireName());
        return status;
    }

    /** Lists the statuses a client may send, whatever it sent instead (quoted only while short). */
    private static FieldError statusError(String sent) {
        String what = sent == null ? "A status is required"
                : sent.length() <= 32 ? "\"" + sent + "\" is not a status a check-in can send" : "That is not a status";
        return new FieldError("status", what + ": send in_progress, ok or error.");
    }

    /** Seconds as the relay and envelopes send them, to whole milliseconds as Sentry stores them. */
    public static Long secondsToMillis(Double seconds) {
        if (seconds == null) return null;
        if (seconds < 0 || seconds * 1000 > Integer.MAX_VALUE) {
            throw new FieldError("duration", "Ensure this value is between 0 and 2147483647 milliseconds.");
        }
        return (long) (seconds * 1000);
    }

    /** The same check-in naming the run {@code id}. */
    public CheckInCommand withCheckInId(String id) {
        return new CheckInCommand(organization, projectId, slug, id, status, environment, durationMs, monitorConfig);
    }

    public boolean isLatest() {
        return checkInId == null || checkInId.equals("latest") || checkInId.equals(CheckInIds.LATEST_UUID);
    }

    public MonitorKey monitor() {
        return new MonitorKey(organization, slug);
    }

    /**
     * The message for the queue. A "latest" check-in gets a fresh id now, so the id the client is
     * told is the one the processor uses if it has to create the check-in.
     */
    public CheckInMessage toMessage(String messageId, String newCheckInId, Instant receivedAt) {
        return new CheckInMessage(messageId, monitor(), projectId, isLatest() ? newCheckInId : checkInId, isLatest(),
                status, environment, durationMs, monitorConfig, receivedAt);
    }

    /**
     * Identifies the request for the queue's five-minute de-duplication. A check-in with an id is the
     * same request whenever repeated; one without an id only within the same minute, since a job
     * pinging every minute sends identical requests that are all real.
     */
    public String deduplicationId(Instant receivedAt) {
        StringBuilder key = new StringBuilder()
                .append(organization).append('\n').append(projectId).append('\n').append(slug).append('\n')
                .append(status.wireName()).append('\n').append(environment).append('\n').append(durationMs)
                .append('\n').append(monitorConfig == null ? "" : new TreeMap<>(monitorConfig)).append('\n');
        key.append(isLatest() ? "latest@" + receivedAt.truncatedTo(ChronoUnit.MINUTES) : checkInId);
        return Digest.SHA_256.hex(key.toString());
    }
}
