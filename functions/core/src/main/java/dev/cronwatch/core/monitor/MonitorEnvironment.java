package dev.cronwatch.core.monitor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The state of one (monitor, environment): everything the check-in rules and the clock need, so that
 * applying a check-in takes one read and one write.
 *
 * <p>{@code recent} holds the environment's check-ins in start order: every run still in progress
 * (the clock times them out from here) and the newest finished ones, enough for both thresholds.
 * {@code appliedMessages} remembers the last queue messages applied, so a redelivery changes nothing.
 * A {@code muted} environment records everything and opens incidents, but sends no alert.
 */
public record MonitorEnvironment(
        MonitorKey monitor,
        String name,
        EnvironmentStatus status,
        Instant dateCreated,
        Instant lastCheckIn,
        Instant lastOk,
        Instant nextCheckIn,
        Instant nextCheckInLatest,
        Incident activeIncident,
        List<CheckIn> recent,
        Instant rateMinute,
        int rateCount,
        List<String> appliedMessages,
        boolean muted,
        long version) {

    public static final String DEFAULT_NAME = "production";
    public static final int MAX_NAME_LENGTH = 64;
    /** Enough to tell a redelivery from a new message: a FIFO group redelivers only its unacknowledged tail. */
    public static final int REMEMBERED_MESSAGES = 32;
    /** Overlapping runs tracked for timeouts; beyond this the oldest open run is dropped from tracking. */
    public static final int MAX_OPEN_RUNS = 50;
    private static final int MIN_FINISHED_KEPT = 5;

    public MonitorEnvironment {
        recent = List.copyOf(recent);
        appliedMessages = List.copyOf(appliedMessages);
    }

    public static MonitorEnvironment create(MonitorKey monitor, String name, Instant at) {
        return new MonitorEnvironment(monitor, name, EnvironmentStatus.ACTIVE, at, null, null, null, null, null,
                List.of(), null, 0, List.of(), false, 0);
    }

    public boolean hasApplied(String messageId) {
        return appliedMessages.contains(digest(messageId));
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
     * When the clock must next look at this environment: the end of the check-in margin or the
     * first timeout, whichever is sooner; null when nothing can become due.
     */
    public Instant dueAt() {
        Instant due = nextCheckInLatest;
        for (CheckIn run : openRuns()) {
            if (run.timeoutAt() != null && (due == null || run.timeoutAt().isBefore(due))) due = run.timeoutAt();
        }
        return due;
    }

    public boolean isMissedAt(Instant tick) {
        return nextCheckInLatest != null && !nextCheckInLatest.isAfter(tick);
    }

    // ---- copies with changes ----

    public MonitorEnvironment withStatus(EnvironmentStatus newStatus, Incident incident) {
        return new MonitorEnvironment(monitor, name, newStatus, dateCreated, lastCheckIn, lastOk, nextCheckIn,
                nextCheckInLatest, incident, recent, rateMinute, rateCount, appliedMessages, muted, version);
    }

    public MonitorEnvironment withTimes(Instant newLastCheckIn, Instant newNext, Instant newNextLatest) {
        return new MonitorEnvironment(monitor, name, status, dateCreated, newLastCheckIn, lastOk, newNext,
                newNextLatest, activeIncident, recent, rateMinute, rateCount, appliedMessages, muted, version);
    }

    public MonitorEnvironment withRate(Instant minute, int count) {
        return new MonitorEnvironment(monitor, name, status, dateCreated, lastCheckIn, lastOk, nextCheckIn,
                nextCheckInLatest, activeIncident, recent, minute, count, appliedMessages, muted, version);
    }

    public MonitorEnvironment withApplied(String messageId) {
        List<String> ids = new ArrayList<>(appliedMessages);
        ids.add(digest(messageId));
        if (ids.size() > REMEMBERED_MESSAGES) ids = ids.subList(ids.size() - REMEMBERED_MESSAGES, ids.size());
        return new MonitorEnvironment(monitor, name, status, dateCreated, lastCheckIn, lastOk, nextCheckIn,
                nextCheckInLatest, activeIncident, recent, rateMinute, rateCount, ids, muted, version);
    }

    public MonitorEnvironment withMuted(boolean newMuted) {
        return new MonitorEnvironment(monitor, name, status, dateCreated, lastCheckIn, lastOk, nextCheckIn,
                nextCheckInLatest, activeIncident, recent, rateMinute, rateCount, appliedMessages, newMuted, version);
    }

    /**
     * Message ids are remembered as 72-bit digests: the environment is rewritten (at 2 write units
     * per KB in a transaction) on every check-in, and 32 full SQS message ids would be a third of it.
     * A collision among 32 remembered digests is beyond any practical chance.
     */
    static String digest(String messageId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 9));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records a check-in's new state in {@code recent}, keeping start order, every open run (up to
     * {@link #MAX_OPEN_RUNS}) and the newest {@code keepFinished} finished ones.
     */
    public MonitorEnvironment withCheckIn(CheckIn checkIn, int keepFinished) {
        List<CheckIn> list = new ArrayList<>(recent);
        list.removeIf(c -> c.id().equals(checkIn.id()));
        list.add(checkIn);
        list.sort(Comparator.comparing(CheckIn::dateAdded).thenComparing(CheckIn::id));
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
        return new MonitorEnvironment(monitor, name, status, dateCreated, lastCheckIn, newLastOk, nextCheckIn,
                nextCheckInLatest, activeIncident, kept, rateMinute, rateCount, appliedMessages, muted, version);
    }
}
