package dev.cronwatch.core.service;

import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorConfigParser;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.service.ProcessorService.MessageOutcome.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
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
 * delivers them, the clock's judgements, management changes) and says what each should come to. It
 * keeps its own copy of the exactly-once bookkeeping (the queue sequence number an environment last
 * applied) so that it can say which redeliveries are refused.
 */
final class ReferenceModel {
    private static final int MAX_DEADLINES_PER_JUDGEMENT = 60;
    private static final int MIN_FINISHED_KEPT = 3;
    private static final int MAX_OPEN_RUNS = 50;
    private static final Duration LONGEST_RUN = Duration.ofMinutes(40_320);

    /** A monitor's settings, with the defaults of the spec applied. */
    record Config(MonitorConfig source, ModelSchedule schedule, ZoneId zone, Duration margin, Duration runtime,
                  int failures, int recoveries) {
        static Config of(MonitorConfig c) {
            return fromWire(c.toWire(), c);
        }

        /** Read from the config's wire form (what a client sends), the spec's defaults applied here. */
        static Config fromWire(Map<String, Object> wire, MonitorConfig source) {
            Object zone = wire.get("timezone");
            return new Config(source, ModelSchedule.read(wire.get("schedule")),
                    zone == null ? ZoneOffset.UTC : ZoneId.of(zone.toString()),
                    Duration.ofMinutes(Math.max(1, number(wire, "checkin_margin", 1))),
                    Duration.ofMinutes(number(wire, "max_runtime", 30)),
                    Math.max(1, number(wire, "failure_issue_threshold", 1)),
                    Math.max(1, number(wire, "recovery_threshold", 1)));
        }

        private static int number(Map<String, Object> wire, String key, int byDefault) {
            return wire.get(key) instanceof Number n ? n.intValue() : byDefault;
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
    record Run(String id, String env, CheckInStatus status, Instant added, Instant updated, Instant timeout) {
        Run with(CheckInStatus newStatus, Instant newUpdated, Instant newTimeout) {
            return new Run(id, env, newStatus, added, newUpdated, newTimeout);
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
        Config config;
        boolean muted;
        boolean disabled;
        long appliedSequence = -1;
        final Map<String, Env> envs = new LinkedHashMap<>();
        /** Every check-in written, by start and id (a later write of the same check-in replaces it). */
        final Map<String, Run> written = new TreeMap<>();
        final List<Incident> incidents = new ArrayList<>();

        Monitor(MonitorKey key, Config config) {
            this.key = key;
            this.config = config;
        }
    }

    final Map<MonitorKey, Monitor> monitors = new LinkedHashMap<>();
    final List<Alert> alertsOwed = new ArrayList<>();

    Monitor monitor(MonitorKey key) {
        return monitors.get(key);
    }

    // ---- check-ins ----

    private static final class Refused extends RuntimeException {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    /** A check-in message delivered with queue sequence number {@code sequence}: what it should come to. */
    Kind apply(CheckInMessage message, long sequence) {
        Monitor m = monitors.get(message.monitor());
        String envName = message.environmentOrDefault();
        Env stored = m == null ? null : m.envs.get(envName);
        if ((stored != null && stored.appliedSequence >= sequence) || (m != null && m.appliedSequence >= sequence)) {
            return Kind.DUPLICATE;
        }
        try {
            checkIn(message, m);
        } catch (Refused refused) {
            // Nothing of it is kept; the refusal is remembered where it can be (so a redelivery is known).
            if (stored != null) {
                stored.appliedSequence = sequence;
            } else if (m != null) {
                m.appliedSequence = sequence;
            }
            return Kind.REJECTED;
        }
        monitors.get(message.monitor()).envs.get(envName).appliedSequence = sequence;
        return Kind.APPLIED;
    }

    private void checkIn(CheckInMessage message, Monitor stored) {
        Instant at = message.receivedAt();
        Config sent = message.monitorConfig() == null ? null
                : Config.of(new MonitorConfigParser("monitor_config.").parse(message.monitorConfig()));
        if (stored == null && sent == null) throw new Refused("no such monitor");
        if (stored != null && stored.disabled) throw new Refused("disabled");
        String envName = message.environmentOrDefault();
        Env env = stored == null ? null : stored.envs.get(envName);
        Run existing;
        if (message.latest()) {
            existing = env == null ? null : newestOpen(env);
        } else {
            existing = env == null ? null : env.find(message.checkInId()).orElse(null);
            if (existing == null && stored != null) {
                for (Env other : stored.envs.values()) {
                    if (!other.name.equals(envName) && other.find(message.checkInId()).isPresent()) {
                        throw new Refused("check-in of another environment");
                    }
                }
            }
        }
        CheckInStatus incoming = message.status();
        boolean ignored = false;
        if (existing != null && (existing.userFinished() || existing.status() == CheckInStatus.MISSED)) {
            if (incoming != CheckInStatus.IN_PROGRESS) throw new Refused("run already finished");
            ignored = true; // a start arriving after its end
        }
        if (existing != null && !ignored && Math.abs(Duration.between(existing.added(), at).toMillis()) > Integer.MAX_VALUE) {
            throw new Refused("a run longer than a duration can say"); // durations are 32-bit milliseconds
        }

        // Accepted: from here on it is written.
        Monitor m = stored;
        if (m == null) {
            m = new Monitor(message.monitor(), sent);
            monitors.put(m.key, m);
        } else if (sent != null) {
            m.config = sent;
        }
        if (env == null) {
            env = new Env(envName);
            m.envs.put(envName, env);
        }
        if (ignored) return;
        Run result;
        if (existing == null) {
            Instant timeout = incoming == CheckInStatus.IN_PROGRESS ? minute(at).plus(m.config.runtime) : null;
            result = new Run(message.checkInId(), envName, incoming, at, at, timeout);
        } else if (existing.status() == CheckInStatus.TIMEOUT && incoming != CheckInStatus.IN_PROGRESS) {
            result = existing.with(CheckInStatus.TIMEOUT, at, null);
        } else if (incoming == CheckInStatus.IN_PROGRESS) {
            Instant byHeartbeat = minute(at).plus(m.config.runtime);
            Instant cap = minute(existing.added()).plus(LONGEST_RUN);
            result = existing.with(incoming, at, byHeartbeat.isBefore(cap) ? byHeartbeat : cap);
        } else {
            result = existing.with(incoming, at, null);
        }
        record(m, env, result);
        if (result.status() == CheckInStatus.ERROR) {
            failed(m, env, result, at);
        } else {
            succeeded(m, env, result, at);
        }
    }

    private static Run newestOpen(Env env) {
        Run newest = null;
        for (Run r : env.recent) {
            if (r.open()) newest = r;
        }
        return newest;
    }

    /** Writes the check-in, and keeps in the environment what the thresholds and timeouts need. */
    private static void record(Monitor m, Env env, Run run) {
        m.written.put(run.added() + "#" + run.id(), run);
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
        Run missed = new Run("missed@" + env.name + "@" + slot, env.name, CheckInStatus.MISSED, slot, at, null);
        record(m, env, missed);
        failed(m, env, missed, m.config.slotBefore(slot, at));
    }

    private void timedOut(Monitor m, Env env, Run run) {
        Instant at = run.timeout();
        Run timedOut = run.with(CheckInStatus.TIMEOUT, at, null);
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
    void update(MonitorKey key, Boolean disabled, Boolean muted, Config config, Instant now) {
        Monitor m = monitors.get(key);
        Config before = m.config;
        boolean wasDisabled = m.disabled;
        if (disabled != null) m.disabled = disabled;
        if (muted != null) m.muted = muted;
        if (config != null) m.config = config;
        for (Env env : m.envs.values()) {
            if (m.disabled) {
                env.next = null;
                env.latest = null;
                for (Run r : List.copyOf(env.recent)) {
                    if (r.open()) record(m, env, r.with(CheckInStatus.IN_PROGRESS, r.updated(), null));
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
                                timeout.isBefore(minute(now)) ? minute(now) : timeout));
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
