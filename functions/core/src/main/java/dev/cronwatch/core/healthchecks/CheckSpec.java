package dev.cronwatch.core.healthchecks;

import dev.cronwatch.core.monitor.KeywordFilter;
import dev.cronwatch.core.schedule.CrontabSchedule;
import dev.cronwatch.core.schedule.InvalidScheduleException;
import dev.cronwatch.core.schedule.OnCalendarSchedule;
import dev.cronwatch.core.schedule.Schedule;
import dev.cronwatch.core.schedule.TimeZones;
import dev.cronwatch.core.validation.FieldError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Healthchecks API v3 create or update body, validated as Healthchecks' {@code Spec} validates it
 * (strict types, {@code null} refused, fields checked in its order, the first failure reported in its
 * words: {@code json validation error: timeout is too small}). Null fields were not sent and leave the
 * check's value as it is; unknown keys ({@code api_key} among them) are ignored.
 *
 * @param timeout  seconds, 60 to 31,536,000
 * @param grace    seconds, 60 to 31,536,000
 * @param schedule a 5-field crontab or an OnCalendar expression (one per line), told apart as
 *                 Healthchecks does: one line of exactly five fields is a crontab
 */
public record CheckSpec(String name, String slug, String tags, String desc, Long timeout, Long grace, String schedule,
                        String tz, Boolean manualResume, String methods, String channels, List<String> unique,
                        Keywords keywords) {
    public static final long MIN_SECONDS = 60;
    public static final long MAX_SECONDS = 31_536_000;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9_-]*");
    private static final Set<String> UNIQUE_FIELDS = Set.of("name", "slug", "tags", "timeout", "grace");
    private static final int MAX_KEYWORDS = 200;

    public enum Kind {
        SIMPLE, CRON, ONCALENDAR
    }

    /**
     * Healthchecks' own column for tags holds 500 characters; its description and channels have none,
     * but each is stored in the monitor's item and tags in the project's badge summary, whose size
     * DynamoDB bounds, so ours do.
     */
    static final int MAX_TAGS = 500;
    static final int MAX_TEXT = 2_000;

    /**
     * The keyword filter fields sent (null: not sent). {@code subject} and {@code subjectFail} are
     * Healthchecks' deprecated names: they set the success and failure keywords and the e-mail subject
     * filter, and an explicit {@code success_kw} or {@code failure_kw} sent with them wins.
     */
    public record Keywords(String startKw, String successKw, String failureKw, String subject, String subjectFail,
                           Boolean filterSubject, Boolean filterBody, Boolean filterHttpBody, Boolean filterDefaultFail) {

        /** Healthchecks' {@code _update} of these fields, on a check's current filter. */
        public KeywordFilter applyTo(KeywordFilter existing) {
            String success = existing.successKeywords();
            String failure = existing.failureKeywords();
            boolean bySubject = existing.subject();
            if (subject != null) {
                success = subject;
                bySubject = !success.isEmpty() || !failure.isEmpty();
            }
            if (subjectFail != null) {
                failure = subjectFail;
                bySubject = !success.isEmpty() || !failure.isEmpty();
            }
            return new KeywordFilter(startKw != null ? startKw : existing.startKeywords(),
                    successKw != null ? successKw : success, failureKw != null ? failureKw : failure,
                    filterSubject != null ? filterSubject : bySubject,
                    filterBody != null ? filterBody : existing.body(),
                    filterHttpBody != null ? filterHttpBody : existing.httpBody(),
                    filterDefaultFail != null ? filterDefaultFail : existing.defaultFail());
        }
    }

    public static CheckSpec parse(Map<String, Object> json) {
        String channels = string(json, "channels", MAX_TEXT);
        String desc = string(json, "desc", MAX_TEXT);
        String failureKw = string(json, "failure_kw", MAX_KEYWORDS);
        Boolean filterSubject = bool(json, "filter_subject");
        Boolean filterBody = bool(json, "filter_body");
        Boolean filterHttpBody = bool(json, "filter_http_body");
        Boolean filterDefaultFail = bool(json, "filter_default_fail");
        Long grace = seconds(json, "grace");
        Boolean manualResume = bool(json, "manual_resume");
        String methods = string(json, "methods", 10);
        if (methods != null && !methods.isEmpty() && !methods.equals("POST")) throw invalid("methods has unexpected value");
        String name = string(json, "name", 100);
        String schedule = string(json, "schedule", 100);
        if (schedule != null) schedule(schedule);
        String slug = string(json, "slug", 100);
        if (slug != null && !SLUG.matcher(slug).matches()) throw invalid("slug does not match pattern");
        String startKw = string(json, "start_kw", MAX_KEYWORDS);
        String subject = string(json, "subject", MAX_KEYWORDS);
        String subjectFail = string(json, "subject_fail", MAX_KEYWORDS);
        String successKw = string(json, "success_kw", MAX_KEYWORDS);
        String tags = string(json, "tags", MAX_TAGS);
        Long timeout = seconds(json, "timeout");
        String tz = string(json, "tz", 100);
        if (tz != null && !TimeZones.isValid(tz)) throw invalid("tz is not a valid timezone");
        List<String> unique = unique(json);
        if (channels != null) StackChannel.alerts(channels);
        Keywords keywords = new Keywords(startKw, successKw, failureKw, subject, subjectFail, filterSubject, filterBody,
                filterHttpBody, filterDefaultFail);
        return new CheckSpec(name, slug, tags, desc, timeout, grace, schedule, tz, manualResume, methods, channels, unique,
                keywords);
    }

    /** Healthchecks' {@code Spec.kind()}: the schedule decides, else a timeout makes it simple, else null (unchanged). */
    public Kind kind() {
        if (schedule != null && !schedule.isEmpty()) return kindOf(schedule);
        if (timeout != null) return Kind.SIMPLE;
        return null;
    }

    /** One line of exactly five whitespace-separated fields is a crontab; anything else OnCalendar. */
    public static Kind kindOf(String schedule) {
        return !schedule.strip().contains("\n") && schedule.strip().split("\\s+").length == 5 ? Kind.CRON : Kind.ONCALENDAR;
    }

    /** The schedule as cronwatch runs it; refused in Healthchecks' words when it does not parse or never fires. */
    public static Schedule schedule(String text) {
        try {
            return kindOf(text) == Kind.CRON ? CrontabSchedule.parse(text) : OnCalendarSchedule.parse(text);
        } catch (InvalidScheduleException | RuntimeException e) {
            throw invalid("schedule is not a valid cron or OnCalendar expression");
        }
    }

    /** The tags as Healthchecks splits them: on spaces, empty ones dropped. */
    public static List<String> tagList(String tags) {
        List<String> list = new ArrayList<>();
        if (tags == null) return list;
        for (String tag : tags.split(" ")) {
            if (!tag.isEmpty()) list.add(tag);
        }
        return list;
    }

    private static List<String> unique(Map<String, Object> json) {
        if (!json.containsKey("unique")) return null;
        Object value = json.get("unique");
        if (!(value instanceof List<?> list)) throw invalid("unique is not an array");
        List<String> fields = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s) || !UNIQUE_FIELDS.contains(s)) throw invalid("an item in 'unique' has unexpected value");
            fields.add(s);
        }
        return List.copyOf(fields);
    }

    private static String string(Map<String, Object> json, String field, int maxLength) {
        if (!json.containsKey(field)) return null;
        if (!(json.get(field) instanceof String s)) throw invalid(field + " is not a string");
        if (s.codePointCount(0, s.length()) > maxLength) throw invalid(field + " is too long");
        return s;
    }

    private static Boolean bool(Map<String, Object> json, String field) {
        if (!json.containsKey(field)) return null;
        if (!(json.get(field) instanceof Boolean b)) throw invalid(field + " is not a boolean");
        return b;
    }

    /** A whole number of seconds in Healthchecks' range; a fraction, text or null is "not a number". */
    private static Long seconds(Map<String, Object> json, String field) {
        if (!json.containsKey(field)) return null;
        Object value = json.get(field);
        BigInteger whole;
        if (value instanceof Integer || value instanceof Long) whole = BigInteger.valueOf(((Number) value).longValue());
        else if (value instanceof BigInteger b) whole = b;
        else throw invalid(field + " is not a number");
        if (whole.compareTo(BigInteger.valueOf(MIN_SECONDS)) < 0) throw invalid(field + " is too small");
        if (whole.compareTo(BigInteger.valueOf(MAX_SECONDS)) > 0) throw invalid(field + " is too large");
        return whole.longValue();
    }

    /** Healthchecks' body error: a 400 {@code {"error": "<text>"}}; the field is the text's first word. */
    static FieldError invalid(String text) {
        return new FieldError(text.split(" ")[0], "json validation error: " + text);
    }
}
