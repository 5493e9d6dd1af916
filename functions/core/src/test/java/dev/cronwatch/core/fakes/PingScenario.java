package dev.cronwatch.core.fakes;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.Ping;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.PingKind;
import dev.cronwatch.core.monitor.PingState;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.PingRequest;
import dev.cronwatch.core.service.PingCheckService;
import dev.cronwatch.core.service.ProcessorService.MessageOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A Healthchecks check driven through the real processor and clock ({@link Scenario}): pings with
 * chosen receive times, ticks at chosen minutes, and its status as Healthchecks' API would read it.
 */
public final class PingScenario {
    public static final String CODE = "5a1e5b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b";

    public final Scenario s = new Scenario("job", null, 6);
    private final PingCheckService checks = new PingCheckService(s.store, s.clock);
    private int sequence;

    /** A check with this schedule and grace, made before its first ping. */
    public PingScenario(MonitorConfig config, PingCheck ping) {
        Monitor monitor = new Monitor(s.key, "monitor-id", Scenario.PROJECT, "job", MonitorStatus.ACTIVE, false, config,
                s.clock.instant(), List.of(), null, null, ping, 0, 0);
        var counted = s.store.organizationMonitors(s.key.organization(), s.clock.instant())
                .created(Long.MAX_VALUE, Integer.MAX_VALUE);
        if (!s.store.commit(Changes.created(monitor, counted))) throw new AssertionError("could not store the check");
    }

    public PingScenario(MonitorConfig config) {
        this(config, PingCheck.withCode(CODE));
    }

    public MessageOutcome ping(PingKind kind, String at) {
        return ping(kind, at, null, "GET", "");
    }

    public MessageOutcome ping(PingKind kind, String at, String rid) {
        return ping(kind, at, rid, "GET", "");
    }

    public MessageOutcome ping(PingKind kind, String at, String rid, String method, String body) {
        return s.apply(message(kind, Instant.parse(at), rid, method, body, null, s.key));
    }

    /** A POST ping with this body, as bytes (which need not be UTF-8). */
    public MessageOutcome post(PingKind kind, String at, byte[] body) {
        return s.apply(message(kind, Instant.parse(at), null, "POST", body, null, s.key));
    }

    /** A message as the ping route makes it ({@code create} for {@code ?create=1} naming no monitor). */
    public CheckInMessage message(PingKind kind, Instant at, String rid, String method, String body, PingCheck create,
                                  MonitorKey monitor) {
        return message(kind, at, rid, method, body.getBytes(StandardCharsets.UTF_8), create, monitor);
    }

    private CheckInMessage message(PingKind kind, Instant at, String rid, String method, byte[] body, PingCheck create,
                                   MonitorKey monitor) {
        String messageId = UUID.nameUUIDFromBytes(("ping" + (++sequence)).getBytes()).toString();
        String checkInId = rid != null ? rid : UUID.nameUUIDFromBytes(("run" + sequence).getBytes()).toString();
        Ping ping = new Ping(kind, null, method, "curl/8.5.0", "192.0.2.7", "http", rid);
        return new CheckInMessage(messageId, monitor, Scenario.PROJECT, checkInId, rid == null, kind.checkInStatus(),
                null, null, null, at, new PingRequest(ping, body, "text/plain", create));
    }

    public void tick(String at) {
        s.tick(at);
    }

    public boolean pause(String at) {
        s.clock.set(Instant.parse(at));
        return checks.pause(s.key);
    }

    public boolean resume(String at) {
        s.clock.set(Instant.parse(at));
        return checks.resume(s.key);
    }

    public PingState state(String at) {
        return PingState.of(s.store.environment(s.key, "production").orElse(null), Instant.parse(at));
    }

    public MonitorKey key() {
        return s.key;
    }
}
