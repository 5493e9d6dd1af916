package dev.cronwatch.core.queue;

import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.Ping;
import dev.cronwatch.core.monitor.PingCheck;

/**
 * What a check-in message adds when it comes from a Healthchecks ping URL: the ping as received, its
 * body (at most {@link Attachment#MAX_BYTES}, empty when none was sent) and, for {@code ?create=1}
 * naming no monitor, the check to create with its freshly made ping code.
 */
public record PingRequest(Ping ping, byte[] body, String contentType, PingCheck create) {
    public PingRequest {
        if (ping == null) throw new IllegalArgumentException("a ping request carries its ping");
        body = body == null ? new byte[0] : body;
        if (body.length > Attachment.MAX_BYTES) throw new IllegalArgumentException("a ping body is cut to 100 KB first");
    }
}
