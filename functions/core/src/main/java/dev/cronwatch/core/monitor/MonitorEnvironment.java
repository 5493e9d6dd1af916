package dev.cronwatch.core.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The state of one (monitor, environment): everything the check-in rules and the clock need, so that
 * applying a check-in takes one read and one write. It is rewritten on every check-in, so it holds
 * only what the rules read.
 *
 * <p>{@code recent} holds the environment's check-ins in start order (arrival order among those
 * started at the same instant): every run still in progress
 * (the clock times them out from here) and the newest finished ones, enough for both thresholds.
 * {@code lastSequence} is the queue sequence number of the last message applied to it: the queue
 * applies a monitor's messages in sequence order, so a message at or below it is a redelivery.
 * {@code pings} counts a Healthchecks check's pings of every kind (Healthchecks' {@code n_pings}).
 * {@code lateness} is a Healthchecks check's stage between its due time and due + grace ({@link Lateness}).
 * {@code ordinal} is its monitor's ({@link Monitor#ordinal()}), carried here because the environment
 * alone is written when its deadline moves, and the due index orders a minute's deadlines by it.
 */
public record MonitorEnvironment(
        MonitorKey monitor,
        String name,
        EnvironmentStatus status,
        boolean muted,
        Instant dateCreated,
        Instant lastCheckIn,
        Instant lastOk,
        Instant nextCheckIn,
        Instant nextCheckInLatest,
        Incident activeIncident,
        List<CheckIn> recent,
        Instant rateMinute,
        int rateCount,
        String lastSequence,
        long pings,
        Lateness lateness,
        long ordinal,
        long version) {

    public static final String DEFAULT_NAME = "production";
    public static final int MAX_NAME_LENGTH = 64;
    /** Overlapping runs tracked for timeouts; beyond this the oldest open run is dropped from tracking. */
    public static final int MAX_OPEN_RUNS = 50;
    /**
     * Finished runs kept beyond what the thresholds need: enough to refuse a repeated result for a
     * run that just finished (CHECKIN_FINISHED) and to show the runs that led to an incident.
     */
    public static final int MIN_FINISHED_KEPT = 3;

    public MonitorEnvironment {
        recent = List.copyOf(recent);
        if (lateness == null) lateness = Lateness.NONE;
    }

    public MonitorEnvironment(MonitorKey monitor, String name, EnvironmentStatus status, boolean muted,
                              Instant dateCreated, Instant lastCheckIn, Instant lastOk, Instant nextCheckIn,
                              Instant nextCheckInLatest, Incident activeIncident, List<CheckIn> recent,
                              Instant rateMinute, int rateCount, String lastSequence, long version) {
        this(monitor, name, status, muted, dateCreated, lastCheckIn, lastOk, nextCheckIn, nextCheckInLatest,
                activeIncident, recent, rateMinute, rateCount, lastSequence, 0, Lateness.NONE, 0, version);
    }

    /** A new environment of {@code monitor}, with its monitor's place in the clock's order. */
    public static MonitorEnvironment create(Monitor monitor, String name, Instant at) {
        return new MonitorEnvironment(monitor.key(), name, EnvironmentStatus.ACTIVE, false, at, null, null, null, null,
                null, List.of(), null, 0, null, 0, Lateness.NONE, monitor.ordinal(), 0);
    }

    /** A new environment with no place in the clock's order (0), as a monitor made before monitors had one. */
    public static MonitorEnvironment create(MonitorKey monitor, String name, Instant at) {
        return new MonitorEnvironment(monitor, name, EnvironmentStatus.ACTIVE, false, at, null, null, null, null,
                null, List.of(), null, 0, null, 0);
    }

    /** True when the message with this queue sequence number was applied already (or an earlier one). */
    public boolean hasApplied(String sequence) {
        return Sequences.covers(lastSequence, sequence);
    }

    public Optional<CheckIn> find(String checkInId) {
        return recent.stream().filter(c -> c.id().equals(checkInId)).findFirst();
    }

    /** The run a check-in without an id refers to: the newest still in progress. */
    public Optional<CheckIn> latestInProgress() {
        CheckIn latest = null;
        for (CheckIn c : recent) {
            if (c.status() == CheckInStatus.IN_PROGRESS) latest = c;
        }
        return Optional.ofNullable(latest);
    }

    public List<CheckIn> openRuns() {
        return recent.stream().filter(c -> c.status() == CheckInStatus.IN_PROGRESS).toList();
    }

    /**
     * When the clock must next look at this environment: a Healthchecks check's due time (to mark it
     * late), the end of the check-in margin or the first timeout, whichever is sooner; null when
     * nothing can become due.
     */
    public Instant dueAt() {
        Instant due = lateAt();
        if (due == null || (nextCheckInLatest != null && nextCheckInLatest.isBefore(due))) due = nextCheckInLatest;
        for (CheckIn run : openRuns()) {
            if (run.timeoutAt() != null && (due == null || run.timeoutAt().isBefore(due))) due = run.timeoutAt();
        }
        return due;
    }

    /**
     * When the clock marks this Healthchecks check late: its due time while that is ahead of being
     * marked and the check is not down (down shows over late); null otherwise.
     */
    public Instant lateAt() {
        return lateness == Lateness.DUE && status != EnvironmentStatus.ERROR ? nextCheckIn : null;
    }

    /** True when the clock's tick at {@code tick} marks this check late. */
    public boolean isLateAt(Instant tick) {
        Instant at = lateAt();
        return at != null && !at.isAfter(tick);
    }

    /** True while a badge with three states shows this environment late. */
    public boolean isLate() {
        return lateness == Lateness.LATE && status != EnvironmentStatus.ERROR;
    }

    public boolean isMissedAt(Instant tick) {
        return nextCheckInLatest != null && !nextCheckInLatest.isAfter(tick);
    }

    // ---- copies with changes ----

    public MonitorEnvironment withStatus(EnvironmentStatus newStatus, Incident incident) {
        return new MonitorEnvironment(monitor, name, newStatus, muted, dateCreated, lastCheckIn, lastOk, nextCheckIn,
                nextCheckInLatest, incident, recent, rateMinute, rateCount, lastSequence, pings, lateness,
                ordinal, version);
    }

    public MonitorEnvironment withMuted(boolean newMuted) {
        return new MonitorEnvironment(monitor, name, status, newMuted, dateCreated, lastCheckIn, lastOk, nextCheckIn,
                nextCheckInLatest, activeIncident, recent, rateMinute, rateCount, lastSequence, pings, lateness,
                ordinal, version);
    }

    /** The expected times changed; without a due time there is nothing to be late for. */
    public MonitorEnvironment withTimes(Instant newLastCheckIn, Instant newNext, Instant newNextLatest) {
        return new MonitorEnvironment(monitor, name, status, muted, dateCreated, newLastCheckIn, lastOk, newNext,
                newNextLatest, activeIncident, recent, rateMinute, rateCount, lastSequence, pings,
                newNext == null ? Lateness.NONE : lateness, ordinal, version);
    }

    public MonitorEnvironment withLateness(Lateness newLateness) {
        return new MonitorEnvironment(monitor, name, status, muted, dateCreated, lastCheckIn, lastOk, nextCheckIn,
                nextCheckInLatest, activeIncident, recent, rateMinute, rateCount, lastSequence, pings, newLateness,
                ordinal, version);
    }

    public MonitorEnvironment withRate(Instant minute, int count) {
        return new MonitorEnvironment(monitor, name, status, muted, dateCreated, lastCheckIn, lastOk, nextCheckIn,
                nextCheckInLatest, activeIncident, recent, minute, count, lastSequence, pings, lateness,
                ordinal, version);
    }

    /** One more ping counted. */
    public MonitorEnvironment withPingCounted() {
        return new MonitorEnvironment(monitor, name, status, muted, dateCreated, lastCheckIn, lastOk, nextCheckIn,
                nextCheckInLatest, activeIncident, recent, rateMinute, rateCount, lastSequence, pings + 1, lateness,
                ordinal, version);
    }

    public MonitorEnvironment withApplied(String sequence) {
        if (sequence == null || hasApplied(sequence)) return this;
        return new MonitorEnvironment(monitor, name, status, muted, dateCreated, lastCheckIn, lastOk, nextCheckIn,
                nextCheckInLatest, activeIncident, recent, rateMinute, rateCount, sequence, pings, lateness,
                ordinal, version);
    }

    /**
     * Records a check-in's new state in {@code recent}, keeping start order, every open run (up to
     * {@link #MAX_OPEN_RUNS}) and the newest {@code keepFinished} finished ones.
     */
    public MonitorEnvironment withCheckIn(CheckIn checkIn, int keepFinished) {
        List<CheckIn> list = new ArrayList<>(recent);
        int known = list.indexOf(find(checkIn.id()).orElse(null));
        if (known >= 0) list.set(known, checkIn);
        else list.add(checkIn);
        // A stable sort: check-ins started at the same instant stay in the order they arrived (the
        // queue's order), so an ok sent right after an error is the latest result.
        list.sort(Comparator.comparing(CheckIn::dateAdded));
        int keep = Math.max(keepFinished, MIN_FINISHED_KEPT);
        int finishedSeen = 0;
        int openSeen = 0;
        List<CheckIn> kept = new ArrayList<>();
        for (int i = list.size() - 1; i >= 0; i--) {
            CheckIn c = list.get(i);
            boolean open = c.status() == CheckInStatus.IN_PROGRESS;
            if (open ? ++openSeen <= MAX_OPEN_RUNS : ++finishedSeen <= keep) kept.add(0, c);
        }
        Instant newLastOk = lastOk;
        if (checkIn.status() == CheckInStatus.OK && (lastOk == null || checkIn.dateAdded().isAfter(lastOk))) {
            newLastOk = checkIn.dateAdded();
        }
        return new MonitorEnvironment(monitor, name, status, muted, dateCreated, lastCheckIn, newLastOk, nextCheckIn,
                nextCheckInLatest, activeIncident, kept, rateMinute, rateCount, lastSequence, pings, lateness,
                ordinal, version);
    }
}
