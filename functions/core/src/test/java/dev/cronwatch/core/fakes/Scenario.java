package dev.cronwatch.core.fakes;

import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.rules.CheckInRules;
import dev.cronwatch.core.service.AlertDispatcher;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.core.service.ProcessorService.MessageOutcome;
import dev.cronwatch.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One monitor driven through the real processor and clock services over the in-memory store and a
 * FIFO queue: check-ins with chosen receive times, ticks at chosen minutes. A tick queues judgements
 * behind the check-ins, as the deployed clock does, and the queue is then worked off in order (unless
 * the processor is paused). Messages are built directly (the HTTP edge's validation is tested on its
 * own), so every time in a test is explicit.
 */
public final class Scenario {
    public static final String ORG = "acme";
    public static final String PROJECT = "1";
    public static final Duration MAX_JUDGEMENT_DELAY = Duration.ofMinutes(15);

    public final InMemoryMonitorStore store = new InMemoryMonitorStore();
    public final RecordingPublisher publisher = new RecordingPublisher();
    public final ManualClock clock = ManualClock.at("2020-01-01T00:00:00Z");
    public final RecordingQueue queue = new RecordingQueue(clock);
    public final MonitorKey key;
    private final ProcessorService processor;
    private final ClockService clockService;
    private final Map<String, Object> config;
    private final List<RecordingQueue.Delivery> delivered = new ArrayList<>();
    private boolean paused;
    private int sequence;

    public Scenario(Map<String, Object> config) {
        this("job", config, 6);
    }

    public Scenario(String slug, Map<String, Object> config, int rateLimit) {
        this(slug, config, rateLimit, 10_000);
    }

    public Scenario(String slug, Map<String, Object> config, int rateLimit, int monitorLimit) {
        this(slug, config, new CheckInRules(rateLimit, monitorLimit));
    }

    public Scenario(String slug, Map<String, Object> config, CheckInRules rules) {
        this.key = new MonitorKey(ORG, slug);
        this.config = config;
        AlertDispatcher alerts = new AlertDispatcher(store, publisher, clock);
        this.processor = new ProcessorService(store, rules, alerts, clock);
        this.clockService = new ClockService(store, queue, processor, alerts, clock, MAX_JUDGEMENT_DELAY,
                Duration.ofSeconds(30));
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
    public MessageOutcome send(String status, String at) {
        return checkIn(status, at).send();
    }

    /** Sends the message through the queue and, unless paused, works the queue off; its own result. */
    public MessageOutcome apply(CheckInMessage message) {
        clock.set(message.receivedAt());
        enqueue(message);
        if (paused) return null;
        MessageOutcome mine = null;
        for (Map.Entry<RecordingQueue.Delivery, MessageOutcome> done : processQueue().entrySet()) {
            if (done.getKey().message() == message) mine = done.getValue();
        }
        return mine;
    }

    /** Puts a message on the queue as the HTTP function would, without working the queue off. */
    public void enqueue(CheckInMessage message) {
        queue.send(message, message.messageId());
    }

    /** Stops (or restarts) the processor, as a throttled or failing Lambda would. */
    public void pauseProcessor(boolean pause) {
        this.paused = pause;
        if (!pause) processQueue();
    }

    /** Applies every message waiting, in order, as one worker receiving them would. */
    public Map<RecordingQueue.Delivery, MessageOutcome> processQueue() {
        Map<RecordingQueue.Delivery, MessageOutcome> results = new LinkedHashMap<>();
        while (!paused && !queue.isEmpty()) {
            for (RecordingQueue.Delivery d : queue.takeAll()) {
                results.put(d, processor.apply(d.message(), d.sequence()));
                delivered.add(d);
            }
        }
        return results;
    }

    /** SQS delivering again a message already applied (its ack was lost): same body, same sequence. */
    public MessageOutcome redeliver(int fromEnd) {
        RecordingQueue.Delivery d = delivered.get(delivered.size() - fromEnd);
        return processor.apply(d.message(), d.sequence());
    }

    /** The clock's tick at {@code at}, then its judgements worked off; fails the test on any failure. */
    public ClockService.TickResult tick(String at) {
        return tick(Instant.parse(at));
    }

    public ClockService.TickResult tick(Instant at) {
        ClockService.TickResult result = tickAllowingFailures(at);
        if (!result.failures().isEmpty()) throw new AssertionError("tick " + at + " failed: " + result.failures());
        return result;
    }

    /** A tick whose failures the test means to look at (a publisher that is down, say). */
    public ClockService.TickResult tickAllowingFailures(Instant at) {
        clock.set(at);
        ClockService.TickResult result = clockService.tick(at);
        processQueue();
        return result;
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
        return store.checkIn(key, id).orElseThrow(() -> new AssertionError("no check-in " + id));
    }

    public List<Incident> incidents() {
        return store.incidents(key, null, 10_000).items();
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
        private MonitorKey monitor = key;

        CheckInBuilder(CheckInStatus status, Instant at) {
            this.status = status;
            this.at = at;
        }

        /** For another monitor of the same organization and project than the scenario's. */
        public CheckInBuilder slug(String slug) {
            this.monitor = new MonitorKey(ORG, slug);
            return this;
        }

        /** For a monitor of another organization, in a project of its own numbered as the scenario's. */
        public CheckInBuilder organization(String organization, String slug) {
            this.monitor = new MonitorKey(organization, slug);
            return this;
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
            Map<String, Object> wire = withConfig ? (configOverride != null ? configOverride : config) : null;
            return new CheckInMessage(mid, monitor, PROJECT, checkInId, id == null, status, environment, durationMs, wire, at);
        }

        public MessageOutcome send() {
            return apply(message());
        }
    }
}
