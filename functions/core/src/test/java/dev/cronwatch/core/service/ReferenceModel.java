package dev.cronwatch.core.service;

import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.service.ProcessorService.MessageOutcome.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What cronwatch should do, written out a second time, plainly and without the production classes'
 * rules: per environment the expected slot, its deadline, the runs it remembers, its open incident;
 * per monitor every check-in ever written, every incident, every alert owed. It reads a monitor's
 * config from its wire form itself and has its own schedule arithmetic ({@link ModelSchedule}: a
 * minute-by-minute walk of the wall clock), so a bug in the production parser or schedule engine
 * cannot pass both.
 *
 * <p>It is fed the same inputs in the same order as the system under test (check-ins as the queue
 * delivers them, the clock's judgements, management changes) and says what each should come to:
 * applied or refused, with the processing error Sentry would record (the organization's monitor
 * limit and the environment's rate limit included), the check-ins it writes and the alerts it owes.
 * It keeps its own copy of the exactly-once bookkeeping (the queue sequence number an environment last
 * applied) so that it can say which redeliveries are refused.
 */
final class ReferenceModel {
    private static final int MAX_DEADLINES_PER_JUDGEMENT = 60;
    private static final int MIN_FINISHED_KEPT = 3;
    private static final int MAX_OPEN_RUNS = 50;
    private static final Duration LONGEST_RUN = Duration.ofMinutes(40_320);

    /** A config the spec refuses (the model knows the few ways the test writes one). */
    static final class InvalidConfig extends RuntimeException {
        InvalidConfig(String why) {
            super(why, null, false, false);
        }
    }

    /** A monitor's settings as sent (the wire form), and read with the defaults of the spec applied. */
    record Config(Map<String, Object> wire, ModelSchedule schedule, ZoneId zone, Duration margin, Duration runtime,
                  int failures, int recoveries) {
        private static final int MAX_MINUTES = 40_320;
        private static final int MAX_THRESHOLD = 720;

        /** Read from the config's wire form (what a client sends), validated and the spec's defaults applied here. */
        static Config fromWire(Map<String, Object> wire) {
            if (wire.get("schedule") == null) throw new InvalidConfig("schedule is required");
            Object zone = wire.get("timezone");
            if (zone != null && !zone.toString().isEmpty() && !ZoneId.getAvailableZoneIds().contains(zone.toString())) {
                throw new InvalidConfig("not a zone: " + zone);
            }
            ModelSchedule schedule;
            try {
                schedule = ModelSchedule.read(wire.get("schedule"), wire.get("schedule_type"));
            } catch (ModelSchedule.Invalid e) {
                throw new InvalidConfig(e.getMessage());
            }
            return new Config(Map.copyOf(withoutNulls(wire)), schedule,
                    zone == null || zone.toString().isEmpty() ? ZoneOffset.UTC : ZoneId.of(zone.toString()),
                    Duration.ofMinutes(Math.max(1, number(wire, "checkin_margin", 1, 0, MAX_MINUTES))),
                    Duration.ofMinutes(number(wire, "max_runtime", 30, 1, MAX_MINUTES)),
                    number(wire, "failure_issue_threshold", 1, 1, MAX_THRESHOLD),
                    number(wire, "recovery_threshold", 1, 1, MAX_THRESHOLD));
        }

        /**
         * The keys sent replace the stored ones and the rest are kept; a schedule sent without its type
         * is of the type its form says.
         */
        Config merge(Map<String, Object> sent) {
            Map<String, Object> merged = new LinkedHashMap<>(wire);
            if (sent.containsKey("schedule")) merged.remove("schedule_type");
            merged.putAll(sent);
            return fromWire(merged);
        }

        private static Map<String, Object> withoutNulls(Map<String, Object> wire) {
            Map<String, Object> kept = new LinkedHashMap<>();
            wire.forEach((k, v) -> {
                if (v != null) kept.put(k, v);
            });
            return kept;
        }

        private static int number(Map<String, Object> wire, String key, int byDefault, int low, int high) {
            if (!(wire.get(key) instanceof Number n)) return byDefault;
            if (n.intValue() < low || n.intValue() > high) throw new InvalidConfig(key + " out of range: " + n);
            return n.intValue();
        }

        Instant slotAfter(Instant t) {
            return schedule.after(t, zone);
        }

        Instant slotBefore(Instant anchor, Instant t) {
            return schedule.before(anchor, t, zone);
        }

        int finishedKept() {
            return Math.max(MIN_FINISHED_KEPT, Math.max(failures, recoveries));
        }
    }

    /** A check-in as the store should hold it. */
    record Run(String id, String env, CheckInStatus status, Instant added, Instant updated, Instant timeout,
               Long duration) {
        Run with(CheckInStatus newStatus, Instant newUpdated, Instant newTimeout, Long newDuration) {
            return new Run(id, env, newStatus, added, newUpdated, newTimeout, newDuration);
        }

        Run named(String newId) {
            return new Run(newId, env, status, added, updated, timeout, duration);
        }

        boolean open() {
            return status == CheckInStatus.IN_PROGRESS;
        }

        boolean userFinished() {
            return status == CheckInStatus.OK || status == CheckInStatus.ERROR;
        }

        String describe() {
            return env + " " + status + " started " + added + " updated " + updated
                    + (timeout == null ? "" : " timeout " + timeout)
                    + (duration == null ? "" : " duration " + duration)
                    + (status == CheckInStatus.MISSED ? "" : " id " + id);
        }
    }

    static final class Incident {
        final String env;
        final Instant start;
        final CheckInStatus reason;
        Instant resolved;

        Incident(String env, Instant start, CheckInStatus reason) {
            this.env = env;
            this.start = start;
            this.reason = reason;
        }

        String describe() {
            return env + " since " + start + " (" + reason + ")" + (resolved == null ? " open" : " resolved " + resolved);
        }
    }

    /** An alert owed: one per incident transition, unless muted at the time. */
    record Alert(MonitorKey monitor, String env, AlertType type, Instant incidentStart) {
    }

    /** What a message comes to: its kind, and the processing error recorded with it (null for none). */
    record Result(Kind kind, ProcessingErrorType error) {
        static Result of(Kind kind) {
            return new Result(kind, null);
        }
    }

    static final class Env {
        final String name;
        EnvironmentStatus status = EnvironmentStatus.ACTIVE;
        boolean muted;
        Instant last;
        Instant next;
        Instant latest;
        Incident open;
        List<Run> recent = new ArrayList<>();
        long appliedSequence = -1;
        Instant rateMinute;
        int rateCount;

        Env(String name) {
            this.name = name;
        }

        Instant dueAt() {
            Instant due = latest;
            for (Run r : recent) {
                if (r.open() && r.timeout() != null && (due == null || r.timeout().isBefore(due))) due = r.timeout();
            }
            return due;
        }

        Optional<Run> find(String id) {
            return recent.stream().filter(r -> r.id().equals(id)).findFirst();
        }

        String describe() {
            return name + " " + status + (muted ? " muted" : "") + " last " + last + " next " + next + " latest " + latest
                    + " incident " + (open == null ? "none" : open.start);
        }
    }

    static final class Monitor {
        final MonitorKey key;
        final String projectId;
        Config config;
        boolean muted;
        boolean disabled;
        long appliedSequence = -1;
        final Map<String, Env> envs = new LinkedHashMap<>();
        /** Every check-in written, by start and id (a later write of the same check-in replaces it). */
        final Map<String, Run> written = new TreeMap<>();
        final List<Incident> incidents = new ArrayList<>();

        Monitor(MonitorKey key, String projectId, Config config) {
            this.key = key;
            this.projectId = projectId;
            this.config = config;
        }
    }

    final Map<MonitorKey, Monitor> monitors = new LinkedHashMap<>();
    final List<Alert> alertsOwed = new ArrayList<>();
    /** What the last message or judgement wrote: each check-in as last written, and the alerts it made. */
    final Map<String, Run> stepWrites = new LinkedHashMap<>();
    private int alertsBeforeStep;
    private final int rateLimitPerMinute;
    private final int monitorsPerOrganization;
    private final int newMonitorsPerMinute;
    /** Per organization: the newest minute in which its check-ins created monitors, and how many. */
    private final Map<String, Instant> creationMinute = new HashMap<>();
    private final Map<String, Integer> createdInMinute = new HashMap<>();

    /**
     * The organization's limits: check-ins per environment and minute, monitors per organization, and
     * monitors its check-ins may create per minute.
     */
    ReferenceModel(int rateLimitPerMinute, int monitorsPerOrganization, int newMonitorsPerMinute) {
        this.rateLimitPerMinute = rateLimitPerMinute;
        this.monitorsPerOrganization = monitorsPerOrganization;
        this.newMonitorsPerMinute = newMonitorsPerMinute;
    }

    Monitor monitor(MonitorKey key) {
        return monitors.get(key);
    }

    // ---- check-ins ----

    private static final class Refused extends RuntimeException {
        final ProcessingErrorType type;

        Refused(ProcessingErrorType type) {
            super(type.name(), null, false, false);
            this.type = type;
        }
    }

    /** A check-in message delivered with queue sequence number {@code sequence}: what it should come to. */
    Result apply(CheckInMessage message, long sequence) {
        beginStep();
        Monitor m = monitors.get(message.monitor());
        String envName = message.environmentOrDefault();
        Env stored = m == null ? null : m.envs.get(envName);
        if ((stored != null && stored.appliedSequence >= sequence) || (m != null && m.appliedSequence >= sequence)) {
            return Result.of(Kind.DUPLICATE);
        }
        ProcessingErrorType appliedWith;
        try {
            appliedWith = checkIn(message, m);
        } catch (Refused refused) {
            // Nothing of it is kept; the refusal is remembered where it can be (so a redelivery is known).
            if (stored != null) {
                stored.appliedSequence = sequence;
            } else if (m != null) {
                m.appliedSequence = sequence;
            }
            return new Result(Kind.REJECTED, refused.type);
        }
        monitors.get(message.monitor()).envs.get(envName).appliedSequence = sequence;
        return new Result(Kind.APPLIED, appliedWith);
    }

    /**
     * Sentry's order of checks, each refusal with its processing error: the monitor (of this project,
     * or made by a valid config within the organization's limit), enabled, the environment's rate
     * limit, the check-in named (of this environment, not finished), its duration. Returns the error
     * recorded with an applied check-in: an invalid config that the existing monitor ignores.
     */
    private ProcessingErrorType checkIn(CheckInMessage message, Monitor stored) {
        Instant at = message.receivedAt();
        if (stored != null && !stored.projectId.equals(message.projectId())) {
            throw new Refused(ProcessingErrorType.MONITOR_NOT_FOUND);
        }
        Config sent = null;
        boolean invalidConfig = false;
        if (message.monitorConfig() != null) {
            try {
                // what an upsert sends must be valid on its own, schedule included
                sent = Config.fromWire(message.monitorConfig());
                if (stored != null) sent = stored.config.merge(message.monitorConfig());
            } catch (InvalidConfig e) {
                invalidConfig = true;
            }
        }
        if (stored == null && sent == null) {
            throw new Refused(invalidConfig ? ProcessingErrorType.MONITOR_INVALID_CONFIG : ProcessingErrorType.MONITOR_NOT_FOUND);
        }
        if (stored == null && monitorsOf(message.monitor().organization()) >= monitorsPerOrganization) {
            throw new Refused(ProcessingErrorType.MONITOR_LIMIT_EXCEEDED);
        }
        if (stored == null && createdInMinuteOf(message.monitor().organization(), at) >= newMonitorsPerMinute) {
            throw new Refused(ProcessingErrorType.MONITOR_LIMIT_EXCEEDED);
        }
        if (stored != null && stored.disabled) throw new Refused(ProcessingErrorType.MONITOR_DISABLED);
        String envName = message.environmentOrDefault();
        Env env = stored == null ? null : stored.envs.get(envName);
        Instant minute = minute(at);
        int counted = env != null && minute.equals(env.rateMinute) ? env.rateCount : 0;
        if (counted >= rateLimitPerMinute) throw new Refused(ProcessingErrorType.MONITOR_ENVIRONMENT_RATELIMITED);
        Run existing;
        if (message.latest()) {
            existing = env == null ? null : newestOpen(env);
        } else {
            existing = env == null ? null : env.find(message.checkInId()).orElse(null);
            if (existing == null && stored != null) {
                for (Env other : stored.envs.values()) {
                    if (!other.name.equals(envName) && other.find(message.checkInId()).isPresent()) {
                        throw new Refused(ProcessingErrorType.CHECKIN_ENVIRONMENT_MISMATCH);
                    }
                }
            }
        }
        CheckInStatus incoming = message.status();
        boolean ignored = false;
        if (existing != null && (existing.userFinished() || existing.status() == CheckInStatus.MISSED)) {
            if (incoming != CheckInStatus.IN_PROGRESS) throw new Refused(ProcessingErrorType.CHECKIN_FINISHED);
            ignored = true; // a start arriving after its end
        }
        Long duration = message.durationMs();
        if (existing != null && !ignored && duration == null) {
            duration = Math.abs(Duration.between(existing.added(), at).toMillis());
            // durations are 32-bit milliseconds
            if (duration > Integer.MAX_VALUE) throw new Refused(ProcessingErrorType.CHECKIN_INVALID_DURATION);
        }

        // Accepted: from here on it is written.
        Monitor m = stored;
        if (m == null) {
            m = new Monitor(message.monitor(), message.projectId(), sent);
            monitors.put(m.key, m);
            countCreation(message.monitor().organization(), at);
        } else if (sent != null) {
            m.config = sent;
        }
        if (env == null) {
            env = new Env(envName);
            m.envs.put(envName, env);
        }
        env.rateMinute = minute;
        env.rateCount = counted + 1;
        ProcessingErrorType appliedWith = invalidConfig ? ProcessingErrorType.MONITOR_INVALID_CONFIG : null;
        if (ignored) return appliedWith;
        Run result;
        if (existing == null) {
            Instant added = duration == null ? at : at.minusMillis(duration);
            Instant timeout = incoming == CheckInStatus.IN_PROGRESS ? minute(added).plus(m.config.runtime) : null;
            result = new Run(message.checkInId(), envName, incoming, added, at, timeout, duration);
        } else if (existing.status() == CheckInStatus.TIMEOUT && incoming != CheckInStatus.IN_PROGRESS) {
            result = existing.with(CheckInStatus.TIMEOUT, at, null, duration);
        } else if (incoming == CheckInStatus.IN_PROGRESS) {
            Instant byHeartbeat = minute(at).plus(m.config.runtime);
            Instant cap = minute(existing.added()).plus(LONGEST_RUN);
            result = existing.with(incoming, at, byHeartbeat.isBefore(cap) ? byHeartbeat : cap, duration);
        } else {
            result = existing.with(incoming, at, null, duration);
        }
        record(m, env, result);
        if (result.status() == CheckInStatus.ERROR) {
            failed(m, env, result, at);
        } else {
            succeeded(m, env, result, at);
        }
        return appliedWith;
    }

    private void beginStep() {
        stepWrites.clear();
        alertsBeforeStep = alertsOwed.size();
    }

    List<Alert> stepAlerts() {
        return alertsOwed.subList(alertsBeforeStep, alertsOwed.size());
    }

    /** A create received in a minute older than the newest counted counts in the newest: the count never goes back. */
    private int createdInMinuteOf(String organization, Instant at) {
        Instant newest = creationMinute.get(organization);
        return newest != null && !minute(at).isAfter(newest) ? createdInMinute.get(organization) : 0;
    }

    private void countCreation(String organization, Instant at) {
        int before = createdInMinuteOf(organization, at);
        if (before == 0) creationMinute.put(organization, minute(at));
        createdInMinute.put(organization, before + 1);
    }

    private long monitorsOf(String organization) {
        return monitors.keySet().stream().filter(k -> k.organization().equals(organization)).count();
    }

    /**
     * Gives the missed check-in of {@code slot} the id the system gave it (the model cannot derive
     * it), so that a check-in naming that id finds it. Only the model's own reference changes: a
     * missed check-in is compared without its id.
     */
    boolean identifyMissed(MonitorKey key, String envName, Instant slot, String id) {
        Monitor m = monitors.get(key);
        Env env = m.envs.get(envName);
        for (Run r : List.copyOf(env.recent)) {
            if (r.status() == CheckInStatus.MISSED && r.added().equals(slot)) {
                m.written.remove(r.added() + "#" + r.id());
                env.recent.set(env.recent.indexOf(r), r.named(id));
                m.written.put(r.added() + "#" + id, r.named(id));
                return true;
            }
        }
        return false;
    }

    private static Run newestOpen(Env env) {
        Run newest = null;
        for (Run r : env.recent) {
            if (r.open()) newest = r;
        }
        return newest;
    }

    /** Writes the check-in, and keeps in the environment what the thresholds and timeouts need. */
    private void record(Monitor m, Env env, Run run) {
        m.written.put(run.added() + "#" + run.id(), run);
        stepWrites.put(run.id(), run);
        remember(m, env, run);
    }

    private static void remember(Monitor m, Env env, Run run) {
        List<Run> all = new ArrayList<>(env.recent);
        all.removeIf(r -> r.id().equals(run.id()));
        all.add(run);
        all.sort(Comparator.comparing(Run::added).thenComparing(Run::id));
        int finished = 0;
        int open = 0;
        List<Run> kept = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            Run r = all.get(i);
            if (r.open() ? ++open <= MAX_OPEN_RUNS : ++finished <= m.config.finishedKept()) kept.add(0, r);
        }
        env.recent = kept;
    }

    /** Ok, or a run starting: may close the incident; moves the expected slot on from {@code at}. */
    private void succeeded(Monitor m, Env env, Run run, Instant at) {
        if (env.status != EnvironmentStatus.OK && run.status() == CheckInStatus.OK) {
            if (env.open == null) {
                env.status = EnvironmentStatus.OK;
            } else {
                int needed = m.config.recoveries;
                List<Run> r = env.recent;
                boolean recovered = r.size() >= needed
                        && r.subList(r.size() - needed, r.size()).stream().allMatch(x -> x.status() == CheckInStatus.OK);
                if (recovered) {
                    env.open.resolved = run.added();
                    if (!m.muted && !env.muted) alertsOwed.add(new Alert(m.key, env.name, AlertType.RESOLVED, env.open.start));
                    env.open = null;
                    env.status = EnvironmentStatus.OK;
                }
            }
        }
        if (env.last == null || !env.last.isAfter(at)) {
            env.last = env.last != null && env.last.isAfter(run.added()) ? env.last : run.added();
            expectAfter(m, env, at);
        }
    }

    /** Error, missed or timeout: {@code from} is where the next expected slot is counted from. */
    private void failed(Monitor m, Env env, Run run, Instant from) {
        Instant last = run.status() == CheckInStatus.MISSED ? env.last : run.added();
        boolean current = env.last == null || (last != null && !env.last.isAfter(last));
        if (current) {
            env.last = last;
            expectAfter(m, env, from);
        } else if (run.status() != CheckInStatus.TIMEOUT) {
            return;
        }
        if (env.status == EnvironmentStatus.ERROR) return;
        List<Run> finished = env.recent.stream().filter(r -> !r.open() && !r.added().isAfter(run.added())).toList();
        int n = m.config.failures;
        if (finished.size() < n) return;
        List<Run> window = finished.subList(finished.size() - n, finished.size());
        if (window.stream().anyMatch(r -> r.status() == CheckInStatus.OK)) return;
        Incident incident = new Incident(env.name, window.get(0).added(), run.status());
        m.incidents.add(incident);
        env.open = incident;
        env.status = EnvironmentStatus.ERROR;
        if (!m.muted && !env.muted) alertsOwed.add(new Alert(m.key, env.name, AlertType.OPENED, incident.start));
    }

    private static void expectAfter(Monitor m, Env env, Instant from) {
        env.next = m.config.slotAfter(from);
        env.latest = env.next.plus(m.config.margin);
    }

    // ---- the clock ----

    /**
     * A judgement of one environment up to {@code tick}, delivered with {@code sequence} (-1 when the
     * clock judges it itself): every deadline up to the tick, in order, as if judged at its minute.
     */
    Kind judge(MonitorKey key, String envName, Instant tick, long sequence) {
        beginStep();
        Monitor m = monitors.get(key);
        Env env = m == null ? null : m.envs.get(envName);
        if (env == null) return Kind.NOTHING_DUE;
        if (sequence >= 0 && (env.appliedSequence >= sequence || m.appliedSequence >= sequence)) return Kind.DUPLICATE;
        if (m.disabled) return Kind.NOTHING_DUE;
        boolean changed = false;
        for (int i = 0; i < MAX_DEADLINES_PER_JUDGEMENT; i++) {
            Instant missAt = env.latest != null && !env.latest.isAfter(tick) ? env.latest : null;
            Run overdue = null;
            for (Run r : env.recent) {
                if (r.open() && r.timeout() != null && !r.timeout().isAfter(tick)
                        && (overdue == null || r.timeout().isBefore(overdue.timeout()))) {
                    overdue = r;
                }
            }
            if (missAt == null && overdue == null) break;
            if (overdue == null || (missAt != null && !missAt.isAfter(overdue.timeout()))) {
                missed(m, env, missAt);
            } else {
                timedOut(m, env, overdue);
            }
            changed = true;
        }
        if (!changed) return Kind.NOTHING_DUE;
        if (sequence >= 0) env.appliedSequence = sequence;
        return Kind.JUDGED;
    }

    private void missed(Monitor m, Env env, Instant at) {
        Instant slot = env.next;
        Run missed = new Run("missed@" + env.name + "@" + slot, env.name, CheckInStatus.MISSED, slot, at, null, null);
        record(m, env, missed);
        failed(m, env, missed, m.config.slotBefore(slot, at));
    }

    private void timedOut(Monitor m, Env env, Run run) {
        Instant at = run.timeout();
        Run timedOut = run.with(CheckInStatus.TIMEOUT, at, null, run.duration());
        record(m, env, timedOut);
        boolean newerFinished = env.recent.stream().anyMatch(r -> r.userFinished() && r.added().isAfter(run.added()));
        if (newerFinished) return;
        failed(m, env, timedOut, m.config.slotBefore(run.added(), at));
    }

    /** Environments with a deadline or timeout at or before {@code upTo}: the clock's due list. */
    List<String[]> due(Instant upTo) {
        List<String[]> due = new ArrayList<>();
        for (Monitor m : monitors.values()) {
            for (Env env : m.envs.values()) {
                Instant d = env.dueAt();
                if (d != null && !d.isAfter(upTo)) due.add(new String[] {m.key.toString(), env.name, d.toString()});
            }
        }
        return due;
    }

    // ---- the management API ----

    /**
     * A change through the management API at {@code now}. A new schedule (or enabling again) expects
     * the next slot from now; a new margin moves only the deadline of the pending slot; a new runtime
     * limit moves the timeouts of the runs in progress, counted from their start (a run already past
     * it times out at this minute); disabling clears
     * every deadline. Nothing else moves a deadline. A run whose timeout moves is written again, so the
     * check-in listing says what the clock will do.
     */
    void update(MonitorKey key, Boolean disabled, Boolean muted, Map<String, Object> config, Instant now) {
        Monitor m = monitors.get(key);
        Config before = m.config;
        boolean wasDisabled = m.disabled;
        if (disabled != null) m.disabled = disabled;
        if (muted != null) m.muted = muted;
        if (config != null) m.config = m.config.merge(config);
        for (Env env : m.envs.values()) {
            if (m.disabled) {
                env.next = null;
                env.latest = null;
                for (Run r : List.copyOf(env.recent)) {
                    if (r.open()) record(m, env, r.with(CheckInStatus.IN_PROGRESS, r.updated(), null, r.duration()));
                }
                continue;
            }
            boolean newSchedule = !before.schedule().toString().equals(m.config.schedule().toString()) || wasDisabled;
            if (newSchedule && (env.last != null || env.next != null)) {
                expectAfter(m, env, now);
            } else if (!before.margin().equals(m.config.margin()) && env.next != null) {
                env.latest = env.next.plus(m.config.margin());
            }
            if (!before.runtime().equals(m.config.runtime())) {
                for (Run r : List.copyOf(env.recent)) {
                    if (r.open()) {
                        Instant timeout = minute(r.added()).plus(m.config.runtime());
                        record(m, env, r.with(CheckInStatus.IN_PROGRESS, r.updated(),
                                timeout.isBefore(minute(now)) ? minute(now) : timeout, r.duration()));
                    }
                }
            }
        }
    }

    void muteEnvironment(MonitorKey key, String envName, boolean muted) {
        monitors.get(key).envs.get(envName).muted = muted;
    }

    private static Instant minute(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }
}
