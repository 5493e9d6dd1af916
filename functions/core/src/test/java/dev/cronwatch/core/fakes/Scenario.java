package dev.cronwatch.core.fakes;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.ingest.CheckInMessage;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.rules.CheckInDecision;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.ProcessorService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One monitor driven through the real processor and clock services over the in-memory store:
 * check-ins with chosen receive times, ticks at chosen minutes. Messages are built directly (the
 * HTTP edge's validation is tested on its own), so every time in a test is explicit.
 */
public final class Scenario {
    public static final String ORG = "acme";
    public static final String PROJECT = "1";

    public final InMemoryMonitorStore store = new InMemoryMonitorStore();
    public final RecordingPublisher publisher = new RecordingPublisher();
    public final MutableClock clock = MutableClock.at("2020-01-01T00:00:00Z");
    public final MonitorKey key;
    private final ProcessorService processor;
    private final ClockService clockService;
    private final Map<String, Object> config;
    private int sequence;

    public Scenario(Map<String, Object> config) {
        this("job", config, 6);
    }

    public Scenario(String slug, Map<String, Object> config, int rateLimit) {
        this.key = new MonitorKey(ORG, slug);
        this.config = config;
        AlertDispatcher alerts = new AlertDispatcher(store, publisher, clock);
        this.processor = new ProcessorService(store, new CheckInRules(rateLimit), alerts);
        this.clockService = new ClockService(store, alerts);
    }

    public static Map<String, Object> crontab(String schedule, Object... extra) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("schedule", schedule);
        for (int i = 0; i < extra.length; i += 2) c.put((String) extra[i], extra[i + 1]);
        return c;
    }

    public static Map<String, Object> interval(int n, String unit, Object... extra) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("schedule", List.of(n, unit));
        c.put("schedule_type", "interval");
        for (int i = 0; i < extra.length; i += 2) c.put((String) extra[i], extra[i + 1]);
        return c;
    }

    // ---- sending ----

    public CheckInBuilder checkIn(String status, String at) {
        return new CheckInBuilder(CheckInStatus.fromWire(status), Instant.parse(at));
    }

    /** A check-in without id (the newest run in progress, or a new one), with the monitor config (upsert). */
    public CheckInDecision send(String status, String at) {
        return checkIn(status, at).send();
    }

    public CheckInDecision apply(CheckInMessage message) {
        clock.set(message.receivedAt());
        return processor.apply(message).decision();
    }

    public ClockService.TickResult tick(String at) {
        return tick(Instant.parse(at));
    }

    public ClockService.TickResult tick(Instant at) {
        clock.set(at);
        return clockService.tick(at);
    }

    /** Every minute in (from, to], as the deployed clock would run them. */
    public void tickEveryMinute(String from, String to) {
        for (Instant t = Instant.parse(from).plusSeconds(60); !t.isAfter(Instant.parse(to)); t = t.plusSeconds(60)) {
            tick(t);
        }
    }

    // ---- reading ----

    public MonitorEnvironment env() {
        return env("production");
    }

    public MonitorEnvironment env(String name) {
        return store.environment(key, name).orElseThrow(() -> new AssertionError("no environment " + name));
    }

    public List<CheckIn> checkIns() {
        return store.allCheckIns(key);
    }

    public CheckIn checkIn(String id) {
        return store.checkIn(id).orElseThrow(() -> new AssertionError("no check-in " + id));
    }

    public List<Incident> incidents() {
        return store.incidents(key);
    }

    public List<PendingAlert> alerts() {
        return publisher.published();
    }

    public List<ProcessingError> errors() {
        return store.processingErrors(key, clock.instant());
    }

    public final class CheckInBuilder {
        private final CheckInStatus status;
        private final Instant at;
        private String id;
        private String environment;
        private Long durationMs;
        private boolean withConfig = true;
        private Map<String, Object> configOverride;
        private String messageId;

        CheckInBuilder(CheckInStatus status, Instant at) {
            this.status = status;
            this.at = at;
        }

        public CheckInBuilder id(String checkInId) {
            this.id = checkInId;
            return this;
        }

        public CheckInBuilder env(String name) {
            this.environment = name;
            return this;
        }

        public CheckInBuilder durationMs(long ms) {
            this.durationMs = ms;
            return this;
        }

        public CheckInBuilder withoutConfig() {
            this.withConfig = false;
            return this;
        }

        public CheckInBuilder config(Map<String, Object> override) {
            this.configOverride = override;
            return this;
        }

        public CheckInBuilder messageId(String id) {
            this.messageId = id;
            return this;
        }

        public CheckInMessage message() {
            String mid = messageId != null ? messageId : "m" + (++sequence);
            String checkInId = id != null ? id : UUID.nameUUIDFromBytes(mid.getBytes()).toString();
            return new CheckInMessage(mid, key, PROJECT, checkInId, id == null, status, environment, durationMs,
                    withConfig ? (configOverride != null ? configOverride : config) : null, at);
        }

        public CheckInDecision send() {
            return apply(message());
        }
    }
}
