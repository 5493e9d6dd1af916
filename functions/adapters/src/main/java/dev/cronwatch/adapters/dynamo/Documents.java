package dev.cronwatch.adapters.dynamo;

import dev.cronwatch.adapters.alert.AlertJson;
import static dev.cronwatch.adapters.dynamo.StoredName.ACTIVE_INCIDENT;
import static dev.cronwatch.adapters.dynamo.StoredName.ALERT_TYPE;
import static dev.cronwatch.adapters.dynamo.StoredName.ATTRIBUTES;
import static dev.cronwatch.adapters.dynamo.StoredName.BODY;
import static dev.cronwatch.adapters.dynamo.StoredName.CHANGED_AT;
import static dev.cronwatch.adapters.dynamo.StoredName.CHECK_IN_ID;
import static dev.cronwatch.adapters.dynamo.StoredName.CHECK_IN_STATUS;
import static dev.cronwatch.adapters.dynamo.StoredName.CONFIG;
import static dev.cronwatch.adapters.dynamo.StoredName.CREATED_AT;
import static dev.cronwatch.adapters.dynamo.StoredName.DATE_ADDED;
import static dev.cronwatch.adapters.dynamo.StoredName.DATE_CREATED;
import static dev.cronwatch.adapters.dynamo.StoredName.DATE_RESOLVED;
import static dev.cronwatch.adapters.dynamo.StoredName.DATE_STARTED;
import static dev.cronwatch.adapters.dynamo.StoredName.DATE_UPDATED;
import static dev.cronwatch.adapters.dynamo.StoredName.DURATION;
import static dev.cronwatch.adapters.dynamo.StoredName.ENVIRONMENT;
import static dev.cronwatch.adapters.dynamo.StoredName.ENVIRONMENTS;
import static dev.cronwatch.adapters.dynamo.StoredName.ENVIRONMENT_STATUS;
import static dev.cronwatch.adapters.dynamo.StoredName.ERROR_DATA;
import static dev.cronwatch.adapters.dynamo.StoredName.ERROR_TYPE;
import static dev.cronwatch.adapters.dynamo.StoredName.EXPECTED;
import static dev.cronwatch.adapters.dynamo.StoredName.FAILURE_REASON;
import static dev.cronwatch.adapters.dynamo.StoredName.ID;
import static dev.cronwatch.adapters.dynamo.StoredName.INCIDENT_ID;
import static dev.cronwatch.adapters.dynamo.StoredName.LAST_CHECK_IN;
import static dev.cronwatch.adapters.dynamo.StoredName.LAST_OK;
import static dev.cronwatch.adapters.dynamo.StoredName.LAST_SEQUENCE;
import static dev.cronwatch.adapters.dynamo.StoredName.LATENESS;
import static dev.cronwatch.adapters.dynamo.StoredName.MONITOR_STATUS;
import static dev.cronwatch.adapters.dynamo.StoredName.MUTED;
import static dev.cronwatch.adapters.dynamo.StoredName.NAME;
import static dev.cronwatch.adapters.dynamo.StoredName.NEXT_CHECK_IN;
import static dev.cronwatch.adapters.dynamo.StoredName.NEXT_CHECK_IN_LATEST;
import static dev.cronwatch.adapters.dynamo.StoredName.ORDINAL;
import static dev.cronwatch.adapters.dynamo.StoredName.PENDING_RESCHEDULE;
import static dev.cronwatch.adapters.dynamo.StoredName.PROJECT;
import static dev.cronwatch.adapters.dynamo.StoredName.RATE_COUNT;
import static dev.cronwatch.adapters.dynamo.StoredName.RATE_MINUTE;
import static dev.cronwatch.adapters.dynamo.StoredName.REASON;
import static dev.cronwatch.adapters.dynamo.StoredName.RECEIVED_AT;
import static dev.cronwatch.adapters.dynamo.StoredName.RECENT;
import static dev.cronwatch.adapters.dynamo.StoredName.RESOLVING_CHECK_IN;
import static dev.cronwatch.adapters.dynamo.StoredName.SLOTS;
import static dev.cronwatch.adapters.dynamo.StoredName.STARTING_CHECK_IN;
import static dev.cronwatch.adapters.dynamo.StoredName.TIMEOUT_AT;
import static dev.cronwatch.adapters.dynamo.StoredName.PING_CHECK;
import static dev.cronwatch.adapters.dynamo.StoredName.PING_CODE;
import static dev.cronwatch.adapters.dynamo.StoredName.MANUAL_RESUME;
import static dev.cronwatch.adapters.dynamo.StoredName.POST_ONLY;
import static dev.cronwatch.adapters.dynamo.StoredName.TAGS;
import static dev.cronwatch.adapters.dynamo.StoredName.DESCRIPTION;
import static dev.cronwatch.adapters.dynamo.StoredName.FAILURE_KEYWORDS;
import static dev.cronwatch.adapters.dynamo.StoredName.FILTER_BODY;
import static dev.cronwatch.adapters.dynamo.StoredName.FILTER_DEFAULT_FAIL;
import static dev.cronwatch.adapters.dynamo.StoredName.FILTER_HTTP_BODY;
import static dev.cronwatch.adapters.dynamo.StoredName.FILTER_SUBJECT;
import static dev.cronwatch.adapters.dynamo.StoredName.KEYWORD_FILTER;
import static dev.cronwatch.adapters.dynamo.StoredName.NO_ALERTS;
import static dev.cronwatch.adapters.dynamo.StoredName.START_KEYWORDS;
import static dev.cronwatch.adapters.dynamo.StoredName.SUCCESS_KEYWORDS;
import static dev.cronwatch.adapters.dynamo.StoredName.PINGS;
import static dev.cronwatch.adapters.dynamo.StoredName.PING;
import static dev.cronwatch.adapters.dynamo.StoredName.PING_BODY;
import static dev.cronwatch.adapters.dynamo.StoredName.PING_KIND;
import static dev.cronwatch.adapters.dynamo.StoredName.PING_NUMBER;
import static dev.cronwatch.adapters.dynamo.StoredName.START_PING;
import static dev.cronwatch.adapters.dynamo.StoredName.EXIT_STATUS;
import static dev.cronwatch.adapters.dynamo.StoredName.METHOD;
import static dev.cronwatch.adapters.dynamo.StoredName.USER_AGENT;
import static dev.cronwatch.adapters.dynamo.StoredName.REMOTE_ADDR;
import static dev.cronwatch.adapters.dynamo.StoredName.SCHEME;
import static dev.cronwatch.adapters.dynamo.StoredName.RUN_ID;

import dev.cronwatch.core.alert.AlertMessage;
import dev.cronwatch.core.alert.AlertType;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.EnvironmentStatus;
import dev.cronwatch.core.monitor.Incident;
import dev.cronwatch.core.monitor.Lateness;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.MonitorStatus;
import dev.cronwatch.core.monitor.LoggedPing;
import dev.cronwatch.core.monitor.Ping;
import dev.cronwatch.core.monitor.KeywordFilter;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.PingKind;
import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.monitor.ProcessingErrorType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents stored in the {@code doc} attribute, every one spelled with the names of
 * {@link StoredName}. Versions are not in them: the {@code ver} attribute is the one the conditions
 * check, so it is the one read back. Whatever the item's key already says (organization, monitor,
 * environment, check-in id) is not repeated inside. The environment stays well under 1 KB for a usual
 * monitor: the runs it holds leave out the monitor, the environment and the project (said once).
 */
final class Documents {
    private Documents() {
    }

    static String monitor(Monitor m) {
        return StoredDocument.empty().put(ID, m.id()).put(PROJECT, m.projectId()).put(NAME, m.name())
                .put(MONITOR_STATUS, m.status().wireName()).flag(MUTED, m.muted())
                .put(CONFIG, m.config() == null ? null : StoredConfig.write(m.config()))
                .put(DATE_CREATED, m.dateCreated()).put(ENVIRONMENTS, m.environments())
                .put(LAST_SEQUENCE, m.lastSequence())
                .put(PENDING_RESCHEDULE, m.pendingReschedule() == null ? null : pendingReschedule(m.pendingReschedule()))
                .put(PING_CHECK, m.ping() == null ? null : pingCheck(m.ping()))
                .put(ORDINAL, ordinal(m.ordinal())).json();
    }

    private static StoredDocument pendingReschedule(Monitor.PendingReschedule p) {
        return StoredDocument.empty().put(MONITOR_STATUS, p.statusBefore().wireName())
                .put(CONFIG, p.configBefore() == null ? null : StoredConfig.write(p.configBefore())).put(CHANGED_AT, p.at());
    }

    private static Monitor.PendingReschedule pendingReschedule(StoredDocument d) {
        return new Monitor.PendingReschedule(MonitorStatus.fromWire(d.string(MONITOR_STATUS)),
                d.has(CONFIG) ? StoredConfig.read(StoredDocument.of(d.get(CONFIG))) : null, d.instant(CHANGED_AT));
    }

    static Monitor monitor(MonitorKey key, String json, long version) {
        StoredDocument d = StoredDocument.parse(json);
        return new Monitor(key, d.string(ID), d.string(PROJECT), d.string(NAME),
                MonitorStatus.fromWire(d.string(MONITOR_STATUS)), d.flag(MUTED),
                d.has(CONFIG) ? StoredConfig.read(StoredDocument.of(d.get(CONFIG))) : null, d.instant(DATE_CREATED),
                d.strings(ENVIRONMENTS), d.string(LAST_SEQUENCE),
                d.has(PENDING_RESCHEDULE) ? pendingReschedule(StoredDocument.of(d.get(PENDING_RESCHEDULE))) : null,
                d.has(PING_CHECK) ? pingCheck(StoredDocument.of(d.get(PING_CHECK))) : null, ordinal(d), version);
    }

    private static StoredDocument pingCheck(PingCheck p) {
        return StoredDocument.empty().put(PING_CODE, p.pingCode()).flag(MANUAL_RESUME, p.manualResume())
                .flag(POST_ONLY, p.postOnly()).put(TAGS, p.tags().isEmpty() ? null : p.tags())
                .put(DESCRIPTION, p.description().isEmpty() ? null : p.description())
                .put(KEYWORD_FILTER, p.filter().equals(KeywordFilter.NONE) ? null : keywordFilter(p.filter()))
                .flag(NO_ALERTS, !p.alerts());
    }

    private static PingCheck pingCheck(StoredDocument d) {
        return new PingCheck(d.string(PING_CODE), d.flag(MANUAL_RESUME), d.flag(POST_ONLY), d.strings(TAGS),
                d.string(DESCRIPTION),
                d.has(KEYWORD_FILTER) ? keywordFilter(StoredDocument.of(d.get(KEYWORD_FILTER))) : KeywordFilter.NONE,
                !d.flag(NO_ALERTS));
    }

    private static StoredDocument keywordFilter(KeywordFilter f) {
        return StoredDocument.empty().put(START_KEYWORDS, blankAsAbsent(f.startKeywords()))
                .put(SUCCESS_KEYWORDS, blankAsAbsent(f.successKeywords()))
                .put(FAILURE_KEYWORDS, blankAsAbsent(f.failureKeywords())).flag(FILTER_SUBJECT, f.subject())
                .flag(FILTER_BODY, f.body()).flag(FILTER_HTTP_BODY, f.httpBody()).flag(FILTER_DEFAULT_FAIL, f.defaultFail());
    }

    private static KeywordFilter keywordFilter(StoredDocument d) {
        return new KeywordFilter(d.string(START_KEYWORDS), d.string(SUCCESS_KEYWORDS), d.string(FAILURE_KEYWORDS),
                d.flag(FILTER_SUBJECT), d.flag(FILTER_BODY), d.flag(FILTER_HTTP_BODY), d.flag(FILTER_DEFAULT_FAIL));
    }

    private static String blankAsAbsent(String text) {
        return text.isEmpty() ? null : text;
    }

    /** A Healthchecks ping's record: what it said and who sent it. */
    private static StoredDocument ping(Ping p) {
        return StoredDocument.empty().put(PING_KIND, p.kind().wireName()).put(EXIT_STATUS, p.exitStatus())
                .put(METHOD, p.method()).put(USER_AGENT, p.userAgent()).put(REMOTE_ADDR, p.remoteAddr())
                .put(SCHEME, p.scheme()).put(RUN_ID, p.rid()).put(PING_NUMBER, p.n() == 0 ? null : p.n())
                .flag(PING_BODY, p.hasBody());
    }

    private static Ping ping(StoredDocument d) {
        Long exit = d.number(EXIT_STATUS);
        return new Ping(PingKind.fromWire(d.string(PING_KIND)), exit == null ? null : exit.intValue(), d.string(METHOD),
                d.string(USER_AGENT), d.string(REMOTE_ADDR), d.string(SCHEME), d.string(RUN_ID),
                d.has(PING_NUMBER) ? d.number(PING_NUMBER) : 0, d.flag(PING_BODY));
    }

    static String loggedPing(LoggedPing p) {
        return StoredDocument.empty().put(ID, p.id()).put(DATE_ADDED, p.receivedAt()).put(PING, ping(p.ping())).json();
    }

    static LoggedPing loggedPing(MonitorKey key, String environment, String json) {
        StoredDocument d = StoredDocument.parse(json);
        return new LoggedPing(key, environment, d.string(ID), d.instant(DATE_ADDED), ping(StoredDocument.of(d.get(PING))));
    }

    /** The project is the monitor's; said once for all the runs held (they are all of it). */
    static String environment(MonitorEnvironment e) {
        return StoredDocument.empty().put(ENVIRONMENT_STATUS, e.status().wireName()).flag(MUTED, e.muted())
                .put(PROJECT, e.recent().isEmpty() ? null : e.recent().get(0).projectId())
                .put(DATE_CREATED, e.dateCreated()).put(LAST_CHECK_IN, e.lastCheckIn()).put(LAST_OK, e.lastOk())
                .put(NEXT_CHECK_IN, e.nextCheckIn()).put(NEXT_CHECK_IN_LATEST, e.nextCheckInLatest())
                .put(ACTIVE_INCIDENT, e.activeIncident() == null ? null : activeIncident(e.activeIncident()))
                .put(RECENT, e.recent().stream().map(run -> run(run).values()).toList())
                .put(RATE_MINUTE, e.rateMinute()).put(RATE_COUNT, e.rateCount() == 0 ? null : e.rateCount())
                .put(LAST_SEQUENCE, e.lastSequence()).put(PINGS, e.pings() == 0 ? null : e.pings())
                .put(LATENESS, lateness(e.lateness())).put(ORDINAL, ordinal(e.ordinal())).json();
    }

    /** Absent for 0: a monitor made before monitors had one, and its environments. */
    private static Long ordinal(long ordinal) {
        return ordinal == 0 ? null : ordinal;
    }

    private static long ordinal(StoredDocument d) {
        Long ordinal = d.number(ORDINAL);
        return ordinal == null ? 0 : ordinal;
    }

    static MonitorEnvironment environment(MonitorKey key, String name, String json, long version) {
        StoredDocument d = StoredDocument.parse(json);
        String projectId = d.string(PROJECT);
        List<CheckIn> recent = new ArrayList<>();
        for (Object run : (List<?>) d.get(RECENT)) recent.add(run(run, key, name, projectId));
        Long rate = d.number(RATE_COUNT);
        Long pings = d.number(PINGS);
        return new MonitorEnvironment(key, name, EnvironmentStatus.fromWire(d.string(ENVIRONMENT_STATUS)),
                d.flag(MUTED), d.instant(DATE_CREATED), d.instant(LAST_CHECK_IN), d.instant(LAST_OK),
                d.instant(NEXT_CHECK_IN), d.instant(NEXT_CHECK_IN_LATEST),
                d.has(ACTIVE_INCIDENT) ? activeIncident(StoredDocument.of(d.get(ACTIVE_INCIDENT)), key, name) : null,
                recent, d.instant(RATE_MINUTE), rate == null ? 0 : rate.intValue(), d.string(LAST_SEQUENCE),
                pings == null ? 0 : pings, lateness(d.string(LATENESS)), ordinal(d), version);
    }

    private static String lateness(Lateness lateness) {
        return switch (lateness) {
            case NONE -> null;
            case DUE -> "d";
            case LATE -> "l";
        };
    }

    private static Lateness lateness(String code) {
        if (code == null) return Lateness.NONE;
        return "l".equals(code) ? Lateness.LATE : Lateness.DUE;
    }

    /** A run as the rules need it; its update time only when it differs from its start. */
    private static StoredDocument run(CheckIn c) {
        return StoredDocument.empty().put(ID, c.id()).put(CHECK_IN_STATUS, code(c.status()))
                .put(DATE_ADDED, c.dateAdded())
                .put(DATE_UPDATED, c.dateUpdated() == null || c.dateUpdated().equals(c.dateAdded()) ? null : c.dateUpdated())
                .put(DURATION, c.durationMs()).put(EXPECTED, c.expectedTime()).put(TIMEOUT_AT, c.timeoutAt())
                .put(SLOTS, c.slots() == 1 ? null : c.slots());
    }

    private static CheckIn run(Object stored, MonitorKey key, String environment, String projectId) {
        if (stored instanceof List<?> row) return previousRun(row, key, environment, projectId);
        StoredDocument d = StoredDocument.of(stored);
        Instant dateAdded = d.instant(DATE_ADDED);
        Instant dateUpdated = d.instant(DATE_UPDATED);
        Long slots = d.number(SLOTS);
        return new CheckIn(d.string(ID), key, projectId, environment, status(d.string(CHECK_IN_STATUS)), dateAdded,
                dateUpdated == null ? dateAdded : dateUpdated, d.number(DURATION), d.instant(EXPECTED),
                d.instant(TIMEOUT_AT), slots == null ? 1 : slots);
    }

    /**
     * A run as the previous format stored it, a row {@code [id, status, start, updated, duration,
     * expected, timeout, slots]} with trailing empty values left out.
     */
    private static CheckIn previousRun(List<?> row, MonitorKey key, String environment, String projectId) {
        Instant dateAdded = StoredDocument.instant(row.get(2));
        Instant dateUpdated = row.size() > 3 ? StoredDocument.instant(row.get(3)) : null;
        Object duration = row.size() > 4 ? row.get(4) : null;
        Object slots = row.size() > 7 ? row.get(7) : null;
        return new CheckIn((String) row.get(0), key, projectId, environment, status((String) row.get(1)), dateAdded,
                dateUpdated == null ? dateAdded : dateUpdated, duration == null ? null : ((Number) duration).longValue(),
                row.size() > 5 ? StoredDocument.instant(row.get(5)) : null,
                row.size() > 6 ? StoredDocument.instant(row.get(6)) : null,
                slots == null ? 1 : ((Number) slots).longValue());
    }

    private static StoredDocument activeIncident(Incident i) {
        return StoredDocument.empty().put(ID, i.id()).put(DATE_STARTED, i.dateStarted())
                .put(REASON, i.reason() == null ? null : code(i.reason())).put(FAILURE_REASON, i.failureReason())
                .put(STARTING_CHECK_IN, i.startingCheckIn());
    }

    /** The previous format kept an open incident's reason under {@code r}. */
    private static Incident activeIncident(StoredDocument d, MonitorKey key, String environment) {
        String reason = d.has(REASON) ? d.string(REASON) : (String) d.values().get("r");
        return new Incident(d.string(ID), key, environment, d.instant(DATE_STARTED), null,
                reason == null ? null : status(reason), d.string(FAILURE_REASON), d.string(STARTING_CHECK_IN), null);
    }

    static String checkIn(CheckIn c) {
        return StoredDocument.empty().put(ID, c.id()).put(PROJECT, c.projectId())
                .put(CHECK_IN_STATUS, code(c.status())).put(DATE_ADDED, c.dateAdded())
                .put(DATE_UPDATED, c.dateUpdated()).put(DURATION, c.durationMs()).put(EXPECTED, c.expectedTime())
                .put(TIMEOUT_AT, c.timeoutAt()).put(SLOTS, c.slots() == 1 ? null : c.slots())
                .put(PING, c.ping() == null ? null : ping(c.ping()))
                .put(START_PING, c.startPing() == null ? null : ping(c.startPing())).json();
    }

    static CheckIn checkIn(MonitorKey key, String environment, String json) {
        StoredDocument d = StoredDocument.parse(json);
        Long slots = d.number(SLOTS);
        return new CheckIn(d.string(ID), key, d.string(PROJECT), environment, status(d.string(CHECK_IN_STATUS)),
                d.instant(DATE_ADDED), d.instant(DATE_UPDATED), d.number(DURATION), d.instant(EXPECTED),
                d.instant(TIMEOUT_AT), slots == null ? 1 : slots, d.has(PING) ? ping(StoredDocument.of(d.get(PING))) : null,
                d.has(START_PING) ? ping(StoredDocument.of(d.get(START_PING))) : null);
    }

    static String incident(Incident i) {
        return StoredDocument.empty().put(ID, i.id()).put(ENVIRONMENT, i.environment())
                .put(DATE_STARTED, i.dateStarted()).put(DATE_RESOLVED, i.dateResolved())
                .put(REASON, i.reason() == null ? null : code(i.reason())).put(FAILURE_REASON, i.failureReason())
                .put(STARTING_CHECK_IN, i.startingCheckIn()).put(RESOLVING_CHECK_IN, i.resolvingCheckIn()).json();
    }

    static Incident incident(MonitorKey key, String json) {
        StoredDocument d = StoredDocument.parse(json);
        return new Incident(d.string(ID), key, d.string(ENVIRONMENT), d.instant(DATE_STARTED),
                d.instant(DATE_RESOLVED), reason(d), d.string(FAILURE_REASON), d.string(STARTING_CHECK_IN),
                d.string(RESOLVING_CHECK_IN));
    }

    /** The previous format wrote an incident's reason as its wire name ({@code error}), an open one's as its letter. */
    private static CheckInStatus reason(StoredDocument d) {
        String reason = d.string(REASON);
        if (reason == null) return null;
        return reason.length() == 1 ? status(reason) : CheckInStatus.fromWire(reason);
    }

    static String processingError(ProcessingError e) {
        return StoredDocument.empty().put(ID, e.id()).put(ERROR_TYPE, e.type().name())
                .put(ERROR_DATA, e.data().isEmpty() ? null : e.data()).put(CHECK_IN_ID, e.checkInId())
                .put(RECEIVED_AT, e.receivedAt()).json();
    }

    @SuppressWarnings("unchecked")
    static ProcessingError processingError(MonitorKey key, String json) {
        StoredDocument d = StoredDocument.parse(json);
        Object data = d.get(ERROR_DATA);
        return new ProcessingError(d.string(ID), key, ProcessingErrorType.valueOf(d.string(ERROR_TYPE)),
                data == null ? Map.of() : (Map<String, Object>) data, d.string(CHECK_IN_ID), d.instant(RECEIVED_AT));
    }

    /** Its attempts and next attempt are attributes of the item, where the outbox's conditions check them. */
    static String alert(PendingAlert a) {
        return StoredDocument.empty().put(ID, a.id()).put(INCIDENT_ID, a.incidentId()).put(ALERT_TYPE, a.type().name())
                .put(BODY, AlertJson.toMap(a.message().body()))
                .put(ATTRIBUTES, a.message().attributes()).put(CREATED_AT, a.createdAt()).json();
    }

    @SuppressWarnings("unchecked")
    static PendingAlert alert(MonitorKey key, String json, int attempts, Instant nextAttemptAt) {
        StoredDocument d = StoredDocument.parse(json);
        Map<String, String> attributes = new LinkedHashMap<>();
        ((Map<String, Object>) d.get(ATTRIBUTES)).forEach((k, v) -> attributes.put(k, String.valueOf(v)));
        return new PendingAlert(d.string(ID), d.string(INCIDENT_ID), key, AlertType.valueOf(d.string(ALERT_TYPE)),
                new AlertMessage(AlertJson.fromMap((Map<String, Object>) d.get(BODY)), attributes),
                d.instant(CREATED_AT), attempts, nextAttemptAt);
    }

    static String code(CheckInStatus status) {
        return switch (status) {
            case IN_PROGRESS -> "i";
            case OK -> "o";
            case ERROR -> "e";
            case MISSED -> "m";
            case TIMEOUT -> "t";
            case UNKNOWN -> "u";
        };
    }

    static CheckInStatus status(String code) {
        return switch (code) {
            case "i" -> CheckInStatus.IN_PROGRESS;
            case "o" -> CheckInStatus.OK;
            case "e" -> CheckInStatus.ERROR;
            case "m" -> CheckInStatus.MISSED;
            case "t" -> CheckInStatus.TIMEOUT;
            case "u" -> CheckInStatus.UNKNOWN;
            default -> throw new IllegalArgumentException("unknown status code " + code);
        };
    }
}
