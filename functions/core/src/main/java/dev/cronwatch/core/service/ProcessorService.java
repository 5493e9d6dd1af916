package dev.cronwatch.core.service;

import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.rules.ClockRules;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorState;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.queue.Judgement;
import dev.cronwatch.core.queue.QueueMessage;
import dev.cronwatch.core.rules.CheckInRules;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies queue messages to the store, each exactly once, then publishes the alerts they raised.
 * Exactly once comes from the queue's order: a monitor's messages arrive in sequence, and each
 * environment remembers the sequence number of the last message applied to it, written in the same
 * commit as the message's effects.
 */
public final class ProcessorService {
    private final DecisionStore store;
    private final CheckInRules rules;
    private final AlertDispatcher alerts;
    private final Clock clock;
    private final BadgeStateListener badges;

    public ProcessorService(DecisionStore store, CheckInRules rules, AlertDispatcher alerts, Clock clock) {
        this(store, rules, alerts, clock, BadgeStateListener.NONE);
    }

    public ProcessorService(DecisionStore store, CheckInRules rules, AlertDispatcher alerts, Clock clock,
                            BadgeStateListener badges) {
        this.store = store;
        this.rules = rules;
        this.alerts = alerts;
        this.clock = clock;
        this.badges = badges;
    }

    /** {@code sequence} is the queue's sequence number of the message (null where there is none). */
    public MessageOutcome apply(QueueMessage message, String sequence) {
        if (message instanceof Judgement judgement) return judge(judgement, sequence);
        return checkIn((CheckInMessage) message, sequence);
    }

    private MessageOutcome checkIn(CheckInMessage message, String sequence) {
        return OnConflict.retry("applying check-in " + message.checkInId(), () -> {
            MonitorState state = store.load(message.monitor(), message.environmentOrDefault());
            if (alreadyApplied(state, sequence)) return Optional.of(duplicate(state));
            Changes changes = rules.apply(message, state, () -> store.organizationMonitors(message.monitor().organization(), message.receivedAt()),
                    () -> projectSlugs(message));
            MessageOutcome.Kind kind = changes.isRejection() ? MessageOutcome.Kind.REJECTED : MessageOutcome.Kind.APPLIED;
            return commit(changes, state, sequence, kind);
        });
    }

    /**
     * Judges one environment's deadlines up to the judgement's tick. The clock calls this directly
     * (without a sequence) for deadlines it may no longer wait for.
     */
    public MessageOutcome judge(Judgement judgement, String sequence) {
        return OnConflict.retry("judging " + judgement.monitor() + "/" + judgement.environment(), () -> {
            MonitorState state = store.load(judgement.monitor(), judgement.environment());
            if (state.environment() == null) return Optional.of(MessageOutcome.nothing(MessageOutcome.Kind.NOTHING_DUE));
            if (state.monitor() == null) {
                // Left behind by a check-in that raced its monitor's deletion: nothing will ever judge
                // it, and it would stay due (and be judged again every tick) for good.
                store.deleteEnvironment(judgement.monitor(), judgement.environment());
                return Optional.of(MessageOutcome.nothing(MessageOutcome.Kind.NOTHING_DUE));
            }
            if (alreadyApplied(state, sequence)) return Optional.of(duplicate(state));
            Optional<Changes> changes = ClockRules.judge(state.monitor(), state.environment(), judgement.tick());
            if (changes.isEmpty()) return Optional.of(MessageOutcome.nothing(MessageOutcome.Kind.NOTHING_DUE));
            return commit(changes.get(), state, sequence, MessageOutcome.Kind.JUDGED);
        });
    }

    /** Counts a failure that was the message's own (not an outage's); returns how many it has had. */
    public int countFailure(QueueMessage message, String queueMessageId) {
        return store.recordFailure(message.monitor(), queueMessageId, clock.instant());
    }

    /**
     * The project's slugs, for a "did you mean". Only the first drop of a minute for an unknown slug
     * lists them: its error keeps that drop's suggestion, so a flood of a mistyped slug costs one read
     * a drop and one listing a minute, whatever the organization holds.
     */
    private List<String> projectSlugs(CheckInMessage message) {
        if (store.isRecorded(CheckInRules.countedDrop(message, ProcessingErrorType.MONITOR_NOT_FOUND, Map.of()))) {
            return List.of();
        }
        return store.monitors(message.monitor().organization()).stream()
                .filter(m -> m.projectId().equals(message.projectId())).map(m -> m.key().slug()).toList();
    }

    private static boolean alreadyApplied(MonitorState state, String sequence) {
        return (state.environment() != null && state.environment().hasApplied(sequence))
                || (state.monitor() != null && state.monitor().hasApplied(sequence));
    }

    /**
     * Stamps the environment with the message's sequence (a rejected message too, so that its
     * redelivery is refused the same way even if it would pass now; the monitor when there is no
     * environment yet), holds the alerts for this worker, commits, and publishes them. Empty when
     * the commit lost a race.
     */
    private Optional<MessageOutcome> commit(Changes decided, MonitorState stored, String sequence, MessageOutcome.Kind kind) {
        MonitorEnvironment env = decided.environment() != null ? decided.environment() : stored.environment();
        Monitor monitor = decided.monitor() != null ? decided.monitor() : stored.monitor();
        Changes changes = decided.withAlerts(alerts.hold(decided.alerts()));
        if (decided.processingError() != null && decided.processingError().type().countedPerMinute()) {
            changes = changes.withProcessingError(decided.processingError().withSequence(sequence));
        }
        if (env != null) {
            changes = changes.withEnvironment(env.withApplied(sequence));
        } else if (monitor != null) {
            changes = changes.withMonitor(monitor.withApplied(sequence));
        }
        if (!store.commit(changes)) return Optional.empty();
        // the alerts first: a badge is a view of the state, an alert is the promise
        AlertDispatcher.Result published = alerts.publishNew(changes.alerts());
        tellBadges(stored, monitor, env);
        return Optional.of(new MessageOutcome(kind, changes, published));
    }

    /**
     * Only when the monitor's badge state moved (up to down or back): a check-in that changes nothing a
     * badge shows reads and writes nothing more, so a ping costs what a heartbeat costs.
     */
    private void tellBadges(MonitorState stored, Monitor monitor, MonitorEnvironment env) {
        if (monitor == null || env == null) return;
        List<MonitorEnvironment> after = new ArrayList<>(stored.others());
        after.add(env);
        if (BadgeService.state(environments(stored)) != BadgeService.state(after)) badges.changed(monitor, after);
    }

    /**
     * A message applied before is redelivered when something after its commit failed, its badge
     * entry's write among them: the entry is written again from the stored state (a put of the current
     * state, harmless when the first write went through). Only a redelivery pays for it.
     */
    private MessageOutcome duplicate(MonitorState stored) {
        if (stored.monitor() != null && stored.environment() != null) badges.changed(stored.monitor(), environments(stored));
        return MessageOutcome.nothing(MessageOutcome.Kind.DUPLICATE);
    }

    private static List<MonitorEnvironment> environments(MonitorState state) {
        List<MonitorEnvironment> all = new ArrayList<>(state.others());
        if (state.environment() != null) all.add(state.environment());
        return all;
    }

    /** What applying one message did, for the handler to log and count. */
    public record MessageOutcome(Kind kind, Changes changes, AlertDispatcher.Result alerts) {
        public enum Kind { APPLIED, REJECTED, DUPLICATE, JUDGED, NOTHING_DUE }

        static MessageOutcome nothing(Kind kind) {
            return new MessageOutcome(kind, null, new AlertDispatcher.Result());
        }
    }
}
