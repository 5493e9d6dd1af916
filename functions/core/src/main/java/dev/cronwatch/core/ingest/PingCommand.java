package dev.cronwatch.core.ingest;

import dev.cronwatch.core.hash.Digest;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.Ping;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.PingRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * A Healthchecks ping whose URL has been resolved to a monitor (docs/spec.md §14.1): the check's
 * monitor and project, the ping, its body (already cut to 100 KB) and, for {@code ?create=1} naming
 * no monitor, the check to create. Its run id is the ping's {@code rid}, or none (the latest run).
 */
public record PingCommand(MonitorKey monitor, String projectId, Ping ping, byte[] body, String contentType,
                          PingCheck create) {

    public boolean isLatest() {
        return ping.rid() == null;
    }

    /** A ping without a rid gets a fresh run id now, used if it starts or is a run of its own. */
    public CheckInMessage toMessage(String messageId, String newRunId, Instant receivedAt) {
        return new CheckInMessage(messageId, monitor, projectId, isLatest() ? newRunId : ping.rid(), isLatest(),
                ping.kind().checkInStatus(), null, null, null, receivedAt,
                new PingRequest(ping, body, contentType, create));
    }

    /**
     * The queue's five-minute de-duplication, as for a check-in: a client's retry of the same ping
     * within the same minute (curl {@code --retry}) counts once; a ping with a rid is the same request
     * whenever repeated. The method, user agent and body count: two log lines are two pings.
     */
    public String deduplicationId(Instant receivedAt) {
        String key = "ping\n" + monitor.organization() + '\n' + projectId + '\n' + monitor.slug() + '\n'
                + ping.kind().wireName() + '\n' + ping.exitStatus() + '\n' + ping.method() + '\n' + ping.userAgent()
                + '\n' + Digest.SHA_256.hex(Arrays.toString(body)) + '\n'
                + (create == null ? "" : "create") + '\n'
                + (isLatest() ? "latest@" + receivedAt.truncatedTo(ChronoUnit.MINUTES) : ping.rid());
        return Digest.SHA_256.hex(key);
    }
}
