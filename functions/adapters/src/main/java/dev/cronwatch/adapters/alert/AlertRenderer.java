package dev.cronwatch.adapters.alert;

import dev.cronwatch.adapters.http.PathSegment;
import dev.cronwatch.core.alert.AlertBody;
import dev.cronwatch.core.alert.AlertComposer;
import dev.cronwatch.core.schedule.TimeZones;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an alert into what each kind of reader needs: a text for people, the JSON for programs
 * (with AWS Chatbot's custom-notification fields, so Slack and Teams show it formatted), and short
 * chat lines. It works from the body alone, so an alert written to the outbox before a deploy renders
 * by the rules of the code that delivers it, and it tolerates a body with fields missing.
 */
public final class AlertRenderer {
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss zzz", Locale.ROOT);

    /** What a test alert (cronwatch-admin test-alert) says first, so no one acts on it. */
    static final String TEST_NOTE = "[TEST: no job failed; sent by cronwatch-admin test-alert]";
    static final String TEST_SUBJECT_PREFIX = "cronwatch TEST: ";

    private final String publicUrl;

    /** @param publicUrl where people open cronwatch (the dashboard is at its root); null or blank: no links */
    public AlertRenderer(String publicUrl) {
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "");
    }

    public RenderedAlert render(AlertBody b) {
        String link = link(b);
        List<String> summary = summary(b);
        String title = (b.test() ? TEST_NOTE + " " : "")
                + (b.opened() ? "\uD83D\uDD34 " : "\u2705 ") + PlainText.shown(name(b)) + " ["
                + PlainText.shown(b.environment()) + "] " + (b.opened() ? "is failing" : "recovered");
        String subject = subject(b);
        Map<String, Object> json = AlertJson.toMap(b);
        json.put("dashboardUrl", link);
        json.putAll(chatbot(b, subject, title, summary, link));
        String text = (b.test() ? TEST_NOTE + "\n\n" : "") + text(b, link);
        return new RenderedAlert(subject, text, json, title, summary, link);
    }

    /** The subject line, valid as an SNS subject. */
    private static String subject(AlertBody b) {
        String about = PlainText.shown(name(b)) + " [" + PlainText.shown(b.environment()) + "] "
                + (b.opened() ? "failing: " + PlainText.shown(b.failureReason()) : "recovered");
        return PlainText.subject((b.test() ? TEST_SUBJECT_PREFIX : "cronwatch: ") + about);
    }

    // ---- for people ----

    private String text(AlertBody b, String link) {
        StringBuilder t = new StringBuilder();
        String who = PlainText.shown(name(b)) + " [" + PlainText.shown(b.environment()) + "]";
        if (b.opened()) {
            t.append(who).append(" is failing: ").append(PlainText.shown(b.failureReason())).append("\n\n");
        } else {
            t.append(who).append(" recovered.\n\n");
        }
        String name = PlainText.shown(name(b));
        row(t, "Monitor", name.equals(slug(b)) ? name : name + " (slug " + slug(b) + ")");
        row(t, "Environment", PlainText.shown(b.environment()));
        row(t, "Schedule", schedule(b) + " in " + zoneName(b));
        row(t, "Failure", PlainText.shown(b.failureReason()));
        row(t, "Failing since", when(b.dateStarted(), zone(b)));
        if (!b.opened()) {
            row(t, "Recovered at", when(b.dateResolved(), zone(b)));
            row(t, "Down for", duration(b.dateStarted(), b.dateResolved()));
        }
        row(t, "Last success", b.lastSuccessfulCheckIn() == null ? "none recorded" : when(b.lastSuccessfulCheckIn(), zone(b)));
        if (!b.checkIns().isEmpty()) {
            t.append('\n').append(b.opened() ? "Check-ins that led to it" : "Check-ins that resolved it")
                    .append(", oldest first:\n");
            for (AlertBody.CheckInPart c : b.checkIns()) {
                String status = PlainText.shown(c.status());
                Instant added = c.dateAdded();
                Instant expected = c.expectedTime();
                t.append("  ").append(String.format(Locale.ROOT, "%-11s", status)).append(when(added, zone(b)));
                // an expected time later than the check-in is the next run's, not this one's
                if (expected != null && added != null && expected.isBefore(added)) {
                    t.append(", expected ").append(UTC_TIME.format(expected));
                }
                t.append('\n');
            }
        }
        t.append('\n');
        if (link != null) t.append("Open the monitor: ").append(link).append("\n\n");
        t.append("Organization ").append(PlainText.shown(b.organization())).append(", project ")
                .append(PlainText.shown(b.project())).append(", incident ").append(PlainText.shown(b.incidentId())).append(".\n");
        if (b.opened()) t.append("You will get one more message when it recovers.\n");
        return t.toString();
    }

    private static void row(StringBuilder t, String label, String value) {
        t.append("  ").append(String.format(Locale.ROOT, "%-14s", label)).append(value).append('\n');
    }

    // ---- for chat ----

    private static List<String> summary(AlertBody b) {
        List<String> lines = new ArrayList<>();
        if (b.opened()) {
            lines.add(PlainText.shown(b.failureReason()) + ".");
            lines.add("Failing since " + when(b.dateStarted(), zone(b)) + ".");
        } else {
            lines.add("Recovered at " + when(b.dateResolved(), zone(b)) + " after "
                    + duration(b.dateStarted(), b.dateResolved()) + " (" + PlainText.shown(b.failureReason()) + ").");
        }
        lines.add(b.lastSuccessfulCheckIn() == null ? "No successful check-in recorded."
                : "Last success " + when(b.lastSuccessfulCheckIn(), zone(b)) + ".");
        lines.add("Schedule `" + schedule(b) + "` in " + zoneName(b) + ".");
        return lines;
    }

    /**
     * Chatbot's custom-notification fields. Opened and resolved share the incident's thread, so a
     * channel that threads notifications shows the recovery under its failure.
     */
    private Map<String, Object> chatbot(AlertBody b, String subject, String title, List<String> summary, String link) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("textType", "client-markdown");
        content.put("title", title);
        content.put("description", String.join("\n", summary));
        content.put("nextSteps", List.of(link != null ? "Open the monitor: " + link
                : "GET /api/0/organizations/" + encode(b.organization()) + "/monitors/" + encode(b.monitor().slug())
                        + "/checkins/"));
        content.put("keywords", java.util.stream.Stream.of(PlainText.shown(b.reason()), PlainText.shown(b.environment()),
                slug(b)).filter(k -> !k.isEmpty()).toList());

        Map<String, Object> context = new LinkedHashMap<>();
        context.put("organization", PlainText.shown(b.organization()));
        context.put("project", PlainText.shown(b.project()));
        context.put("monitor", slug(b));
        context.put("environment", PlainText.shown(b.environment()));
        context.put("incidentId", PlainText.shown(b.incidentId()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("threadId", PlainText.code(b.incidentId()));
        metadata.put("summary", PlainText.shown(subject));
        metadata.put("eventType", b.type().wireName());
        metadata.put("additionalContext", context);

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("version", "1.0");
        fields.put("source", "custom");
        fields.put("id", PlainText.code(PlainText.line(b.incidentId()) + ":" + b.type().wireName()));
        fields.put("content", content);
        fields.put("metadata", metadata);
        return fields;
    }

    private String link(AlertBody b) {
        if (publicUrl == null || b.organization() == null || slug(b).isEmpty()) return null;
        return publicUrl + "/#/organizations/" + encode(b.organization()) + "/monitors/" + encode(b.monitor().slug())
                + (b.environment() == null ? "" : "?environment=" + encode(b.environment()));
    }

    // ---- values ----

    /** UTC, then the monitor's local time when its zone is not UTC. */
    static String when(Instant instant, ZoneId zone) {
        if (instant == null) return "unknown";
        String utc = UTC_TIME.format(instant);
        return zone.normalized().equals(ZoneOffset.UTC) ? utc : utc + " (" + LOCAL_TIME.format(instant.atZone(zone)) + ")";
    }

    static String duration(Instant from, Instant to) {
        if (from == null || to == null || to.isBefore(from)) return "unknown";
        Duration d = Duration.between(from, to);
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) return days + " d " + hours + " h";
        if (hours > 0) return hours + " h " + minutes + " min";
        return Math.max(minutes, d.getSeconds() > 0 ? 1 : 0) + " min";
    }

    /**
     * A value as one segment (or query value) of a URL: the raw value, never {@link PlainText#shown}'s
     * look-alikes, which would name another monitor; percent-encoded, so that no value leaves its segment.
     */
    private static String encode(String value) {
        return value == null ? "" : PathSegment.encode(value);
    }

    // ---- what the body names, as people read it ----

    private static String slug(AlertBody b) {
        return PlainText.shown(b.monitor().slug());
    }

    /** A user-chosen value still: each form shows it through {@link PlainText#shown}. */
    private static String name(AlertBody b) {
        return b.monitor().name() == null ? slug(b) : b.monitor().name();
    }

    /** In words, as the dashboard shows it ({@link ScheduleWords}), in a code span's characters. */
    private static String schedule(AlertBody b) {
        return PlainText.code(b.monitor().schedule() == null ? "?" : ScheduleWords.words(b.monitor().schedule()));
    }

    private static ZoneId zone(AlertBody b) {
        try {
            return TimeZones.zone(b.monitor().timezone());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String zoneName(AlertBody b) {
        return AlertComposer.zoneName(zone(b));
    }
}
