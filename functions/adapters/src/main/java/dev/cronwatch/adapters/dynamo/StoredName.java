package dev.cronwatch.adapters.dynamo;

/**
 * The one table of names of the documents stored in the {@code doc} attribute (infra/table-design.md
 * lists it): each short key has one meaning in every document. Keys are short because the environment
 * and check-in documents are written on every check-in and DynamoDB bills a write by the kilobyte.
 *
 * <p>Every time is epoch milliseconds as a JSON number, with a fraction for what is finer than a
 * millisecond (exact, never rounded). {@link #previous} is the name the format before this one used,
 * read when the short key is absent: a stack upgraded in place holds items of both.
 */
enum StoredName {
    ID("id", "id", "the item's own id (monitor, check-in, run, incident, processing error, alert)"),
    PROJECT("p", "projectId", "the project's id"),
    NAME("n", "name", "the monitor's name"),
    MONITOR_STATUS("ms", "status", "the monitor's status: active or disabled"),
    ENVIRONMENT_STATUS("es", "st", "the environment's status: active, ok, error or paused"),
    CHECK_IN_STATUS("cs", "st", "a check-in's status, one letter: i in progress, o ok, e error, m missed, t timeout, u unknown"),
    MUTED("mu", "muted", "true when muted; absent otherwise"),
    CONFIG("cf", "config", "the monitor's configuration (the names below from sy to rt)"),
    SCHEDULE_TYPE("sy", "schedule_type", "crontab, interval, oncalendar or simple"),
    SCHEDULE("sv", "schedule", "the schedule: its expression, [count, unit] for an interval, seconds for simple"),
    CHECKIN_MARGIN("cm", "checkin_margin", "minutes a check-in may be late; absent: the default"),
    MAX_RUNTIME("mr", "max_runtime", "minutes a run may take; absent: the default"),
    TIMEZONE("tz", "timezone", "the schedule's IANA time zone; absent: UTC"),
    FAILURE_THRESHOLD("ft", "failure_issue_threshold", "failures in a row that open an incident; absent: 1"),
    RECOVERY_THRESHOLD("rt", "recovery_threshold", "successes in a row that resolve it; absent: 1"),
    GRACE("gr", "gr", "a Healthchecks check's grace in seconds; absent for a Sentry monitor"),
    PING_CHECK("hc", "hc", "a Healthchecks check's settings (pc, mx, po, tg, de, kw, na); absent for a Sentry monitor"),
    PING_CODE("pc", "pc", "a Healthchecks check's ping code, the secret UUID of its ping URL"),
    MANUAL_RESUME("mx", "mx", "true when a ping does not resume the paused check; absent otherwise"),
    POST_ONLY("po", "po", "true when pings by other methods than POST are ignored; absent otherwise"),
    TAGS("tg", "tg", "a Healthchecks check's tags"),
    DESCRIPTION("de", "de", "a Healthchecks check's description"),
    NO_ALERTS("na", "na", "true when the check's incidents publish no alert (channels \"\"); absent otherwise"),
    KEYWORD_FILTER("kw", "kw", "a Healthchecks check's keyword filters (ks, ko, kf, fs, fb, fh, fd); absent when it has none"),
    START_KEYWORDS("ks", "ks", "keywords of a start ping's body, comma-separated"),
    SUCCESS_KEYWORDS("ko", "ko", "keywords of a success ping's body, comma-separated"),
    FAILURE_KEYWORDS("kf", "kf", "keywords of a fail ping's body, comma-separated"),
    FILTER_SUBJECT("fs", "fs", "true when the e-mail subject filter is on (kept, not applied); absent otherwise"),
    FILTER_BODY("fb", "fb", "true when the e-mail body filter is on (kept, not applied); absent otherwise"),
    FILTER_HTTP_BODY("fh", "fh", "true when a ping's body decides its kind by the keywords; absent otherwise"),
    FILTER_DEFAULT_FAIL("fd", "fd", "true when a body matching no keyword is a fail, not ignored; absent otherwise"),
    PINGS("np", "np", "how many Healthchecks pings the environment has had; absent: 0"),
    ORDINAL("od", "od", "the monitor's place among its organization's monitors when it was made, the due index's order within a minute; absent: 0"),
    LATENESS("lt", "lt", "a Healthchecks check against its due time: d the due time is ahead, l past it (late); absent: not watched"),
    PING("pg", "pg", "the Healthchecks ping that last changed a check-in, or a logged ping (pk, ex, me, ua, ip, sh, ri, pn, pb)"),
    START_PING("sp", "sp", "the start ping of a run another ping ended (as pg); absent otherwise"),
    PING_NUMBER("pn", "pn", "the ping's number among its check's pings (Healthchecks' n); absent: not numbered"),
    PING_BODY("pb", "pb", "true when the ping came with a body; absent otherwise"),
    PING_KIND("pk", "pk", "the ping's kind: success, start, fail, log or ign"),
    EXIT_STATUS("ex", "ex", "the ping's exit status"),
    METHOD("me", "me", "the ping's HTTP method"),
    USER_AGENT("ua", "ua", "the ping's user agent, at most 200 characters"),
    REMOTE_ADDR("ip", "ip", "the ping's remote address"),
    SCHEME("sh", "sh", "the ping's scheme, http or https"),
    RUN_ID("ri", "ri", "the run id (rid) the ping sent"),
    DATE_CREATED("dc", "dateCreated", "when the monitor or environment was created"),
    ENVIRONMENTS("en", "environments", "the names of the monitor's environments"),
    LAST_SEQUENCE("sq", "lastSequence", "the queue sequence number of the last message applied"),
    PENDING_RESCHEDULE("pr", "pr", "a settings change not yet applied to every environment: the status (ms) and "
            + "configuration (cf) before it, and when it was made (wa); absent otherwise"),
    CHANGED_AT("wa", "wa", "when the pending settings change was made"),
    LAST_CHECK_IN("lc", "lc", "when the environment's last check-in arrived"),
    LAST_OK("lo", "lo", "when its last ok check-in arrived"),
    NEXT_CHECK_IN("nx", "nx", "when the next check-in is expected"),
    NEXT_CHECK_IN_LATEST("nl", "nl", "when it is missed: the expected time plus the margin"),
    ACTIVE_INCIDENT("ai", "ai", "the environment's open incident (id, ds, rs, fr, sc)"),
    RECENT("r", "r", "the environment's recent runs, newest first (id, cs, da, du, d, x, to, sl)"),
    RATE_MINUTE("rm", "rm", "the minute the rate limit counts in"),
    RATE_COUNT("rc", "rc", "check-ins counted in that minute; absent: 0"),
    DATE_ADDED("da", "da", "when the check-in (the run) started"),
    DATE_UPDATED("du", "du", "when the check-in was last updated; in a run, absent when it equals da"),
    DURATION("d", "d", "the run's duration in milliseconds"),
    EXPECTED("x", "x", "when the run was expected"),
    TIMEOUT_AT("to", "to", "when the run times out"),
    SLOTS("sl", "sl", "how many expected runs one check-in stands for; absent: 1"),
    ENVIRONMENT("e", "environment", "the incident's environment"),
    DATE_STARTED("ds", "dateStarted", "when the incident started"),
    DATE_RESOLVED("dr", "dateResolved", "when it was resolved"),
    REASON("rs", "reason", "the status that opened the incident, one letter as in cs"),
    FAILURE_REASON("fr", "failureReason", "the incident's failure reason, as the alert says it"),
    STARTING_CHECK_IN("sc", "startingCheckIn", "the id of the check-in that opened the incident"),
    RESOLVING_CHECK_IN("rv", "resolvingCheckIn", "the id of the check-in that resolved it"),
    ERROR_TYPE("et", "type", "the processing error's type (MONITOR_NOT_FOUND…)"),
    ERROR_DATA("ed", "data", "what the processing error adds (a suggested slug…)"),
    CHECK_IN_ID("ci", "checkInId", "the id of the dropped check-in"),
    RECEIVED_AT("ra", "receivedAt", "when the dropped check-in was received"),
    INCIDENT_ID("ii", "incidentId", "the incident the alert is about"),
    ALERT_TYPE("at", "type", "the alert's type: OPENED or RESOLVED"),
    BODY("bo", "body", "the alert's message, as published"),
    ATTRIBUTES("aa", "attributes", "the alert's message attributes, to filter on"),
    CREATED_AT("ca", "createdAt", "when the alert was raised");

    final String key;
    final String previous;
    final String meaning;

    StoredName(String key, String previous, String meaning) {
        this.key = key;
        this.previous = previous;
        this.meaning = meaning;
    }
}
