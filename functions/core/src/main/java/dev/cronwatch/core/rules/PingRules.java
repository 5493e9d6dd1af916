package dev.cronwatch.core.rules;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.LoggedPing;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.Ping;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.PingKind;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.PingRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Healthchecks' {@code Check.ping()} on our state (docs/spec.md §14.2), for a monitor that is a
 * Healthchecks check: success, start and fail are an ok, an in_progress and an error check-in, with
 * Healthchecks' differences from Sentry's rules:
 *
 * <ul>
 *   <li>a start does not move the next due time, and arms one deadline, grace after it, for the
 *       latest start only (an older open run ends as {@code unknown}); on a check that is down it
 *       arms nothing;
 *   <li>a success or a fail without a run id ends the latest open run; a fail forgets every open run;
 *       a success or fail with a run id that names no open run is a result of its own;
 *   <li>a log ping, a non-POST ping to a POST-only check and any ping to a paused check with manual
 *       resume change nothing: they are recorded only;
 *   <li>every ping is counted ({@code n_pings}), and its body kept as its check-in's attachment.
 * </ul>
 *
 * The next due time is counted from the success or fail, to the second (Healthchecks' {@code last_ping}).
 */
public final class PingRules {
    private static final String BODY_FILENAME = "ping-body";

    private PingRules() {
    }

    /**
     * {@code o} holds the monitor and its environment, rate limit counted; returns what the ping writes.
     * A Sentry monitor reached by a ping URL comes here only for a ping that changes no state.
     */
    static Changes apply(Outcome o, CheckInMessage message) {
        PingRequest request = message.ping();
        Outcome counted = o.withEnvironment(o.environment().withPingCounted());
        Ping ping = settled(o, request).numbered(counted.environment().pings(), request.body().length > 0);
        if (ping.kind().checkInStatus() == null) return logged(counted, message, ping);
        Instant at = message.receivedAt();
        CheckIn open = openRunFor(counted.environment(), message);
        CheckIn result = switch (ping.kind()) {
            case START -> start(counted, message, open, ping);
            case SUCCESS, FAIL -> finish(counted, message, open, ping);
            default -> throw new IllegalStateException("no state change for " + ping.kind());
        };
        Outcome recorded = counted.withCheckIn(result);
        Outcome decided = switch (ping.kind()) {
            case START -> started(recorded, result, at);
            case SUCCESS -> IncidentRules.markOk(recorded, result, at);
            default -> IncidentRules.markFailed(endOtherOpenRuns(recorded, null, at), result, at);
        };
        Changes changes = decided.toChanges();
        return request.body().length == 0 ? changes
                : changes.withPing(body(message, result.id()), null);
    }

    /**
     * The kind the check's settings make of a ping, in Healthchecks' order: a non-POST ping to a
     * POST-only check is ignored; else the keyword filters may make it another kind by its body (a log
     * ping too); then a paused check with manual resume ignores whatever would change its state.
     */
    private static Ping settled(Outcome o, PingRequest request) {
        Ping ping = request.ping();
        PingCheck check = o.monitor().ping();
        if (check == null) return ping;
        if (check.postOnly() && !"POST".equals(ping.method())) return ping.ignored();
        Ping filtered = ping.as(check.filter().classify(ping.kind(), request.body()));
        boolean pausedForGood = o.environment().status() == EnvironmentStatus.PAUSED && check.manualResume();
        return pausedForGood && filtered.kind().checkInStatus() != null ? filtered.ignored() : filtered;
    }

    /**
     * A Sentry check-in to a check counts as its ping: numbered {@code n} among the check's pings, so
     * that the ping log never gives two lines one number, whatever route each came by.
     */
    static CheckIn countedCheckIn(CheckIn checkIn, CheckInStatus sent, long n) {
        Ping ping = Ping.ofCheckIn(PingKind.of(sent), n);
        return ping.kind() == PingKind.START ? checkIn.withPing(ping) : checkIn.endedBy(ping);
    }

    /**
     * What a start does to the check, whichever route it came by (a start ping, or a Sentry
     * {@code in_progress} to the check, H16): the due time and the late mark stay where they are, and
     * only the latest start is timed. {@code run} is the started run, already recorded in {@code recorded}.
     */
    static Outcome started(Outcome recorded, CheckIn run, Instant at) {
        return endOtherOpenRuns(recorded, run, at);
    }

    /**
     * When a run started at {@code start} times out: grace after it; never on a check that is down, as
     * Healthchecks' deadline ignores a down check's start.
     */
    static Instant startDeadline(Outcome o, Instant start) {
        if (o.environment().status() == EnvironmentStatus.ERROR) return null;
        return Deadlines.runTimeout(o.monitor().config(), start);
    }

    private static Changes logged(Outcome o, CheckInMessage message, Ping ping) {
        LoggedPing record = new LoggedPing(message.monitor(), o.environment().name(), message.messageId(),
                message.receivedAt(), ping);
        Attachment body = message.ping().body().length == 0 ? null : body(message, record.id());
        return o.toChanges().withPing(body, record);
    }

    private static Attachment body(CheckInMessage message, String id) {
        return new Attachment(message.monitor(), id, BODY_FILENAME, message.ping().contentType(), message.ping().body());
    }

    /** The run a ping names: its rid's, if still open, or without a rid the latest open run. */
    private static CheckIn openRunFor(MonitorEnvironment env, CheckInMessage message) {
        CheckIn found = message.latest() ? env.latestInProgress().orElse(null) : env.find(message.checkInId()).orElse(null);
        return found != null && found.status() == CheckInStatus.IN_PROGRESS ? found : null;
    }

    /**
     * A start arms grace from now (Healthchecks' {@code last_start}); on a check that is down it arms
     * nothing, as Healthchecks' deadline ignores a down check's start. Without a rid it opens a run of
     * its own, timed from it (the open one ends as unknown, {@link #endOtherOpenRuns}); with the rid of
     * an open run it restarts that run, which keeps its id for the end that names it.
     */
    private static CheckIn start(Outcome o, CheckInMessage message, CheckIn open, Ping ping) {
        Instant at = message.receivedAt();
        Instant timeoutAt = startDeadline(o, at);
        if (open != null && !message.latest()) return open.withStatus(CheckInStatus.IN_PROGRESS, null, timeoutAt, at).withPing(ping);
        return new CheckIn(newRunId(o.environment(), message), message.monitor(), message.projectId(),
                o.environment().name(), CheckInStatus.IN_PROGRESS, at, at, null, o.environment().nextCheckIn(),
                timeoutAt).withPing(ping);
    }

    /** A success or fail ends the run it names, timed from its start; or it is a result of its own. */
    private static CheckIn finish(Outcome o, CheckInMessage message, CheckIn open, Ping ping) {
        Instant at = message.receivedAt();
        CheckInStatus status = ping.kind().checkInStatus();
        if (open != null) {
            long duration = Duration.between(open.dateAdded(), at).toMillis();
            return open.withStatus(status, duration, null, at).endedBy(ping);
        }
        return new CheckIn(newRunId(o.environment(), message), message.monitor(), message.projectId(),
                o.environment().name(), status, at, at, null, o.environment().nextCheckIn(), null).withPing(ping);
    }

    /**
     * The id a new check-in takes: the rid sent, or the id made at receipt. A rid whose run has ended
     * already starts another check-in (Healthchecks takes any number of pings per rid): it then takes
     * the message's id, so that no two check-ins of the environment share an id.
     */
    private static String newRunId(MonitorEnvironment env, CheckInMessage message) {
        return env.find(message.checkInId()).isPresent() ? message.messageId() : message.checkInId();
    }

    /**
     * Healthchecks times the latest start only: every other open run ends as unknown, without an
     * alert. {@code kept} is the run to leave open (a start's own), or null to end them all (a fail).
     */
    private static Outcome endOtherOpenRuns(Outcome o, CheckIn kept, Instant at) {
        Outcome result = o;
        for (CheckIn run : new ArrayList<>(o.environment().openRuns())) {
            if (kept != null && run.id().equals(kept.id())) continue;
            result = result.withCheckIn(run.withStatus(CheckInStatus.UNKNOWN, run.durationMs(), null, at));
        }
        return result;
    }

    // ---- pause and resume (Healthchecks' API calls; docs/spec.md §14.2) ----

    /**
     * Pauses the check: no deadline until a ping (or a resume), its open runs end as unknown and an
     * open incident closes without an alert, as Healthchecks' pause flip notifies nobody. Empty when
     * it is paused already.
     */
    public static Optional<Changes> pause(Monitor monitor, MonitorEnvironment env, Instant now) {
        if (env.status() == EnvironmentStatus.PAUSED) return Optional.empty();
        Outcome o = endOtherOpenRuns(Outcome.of(monitor, env, false), null, now);
        if (o.environment().activeIncident() != null) {
            o = o.withIncident(o.environment().activeIncident().resolve(now, null));
        }
        MonitorEnvironment paused = o.environment().withStatus(EnvironmentStatus.PAUSED, null)
                .withTimes(o.environment().lastCheckIn(), null, null);
        return Optional.of(o.withEnvironment(paused).toChanges());
    }

    /**
     * Resumes a paused check as new: monitoring restarts at its next ping (Healthchecks forgets
     * {@code last_ping}). Empty when it is not paused (Healthchecks' 409 "check is not paused").
     */
    public static Optional<Changes> resume(Monitor monitor, MonitorEnvironment env, Instant now) {
        if (env.status() != EnvironmentStatus.PAUSED) return Optional.empty();
        Outcome o = endOtherOpenRuns(Outcome.of(monitor, env, false), null, now);
        MonitorEnvironment fresh = o.environment().withStatus(EnvironmentStatus.ACTIVE, null).withTimes(null, null, null);
        return Optional.of(o.withEnvironment(fresh).toChanges());
    }
}
