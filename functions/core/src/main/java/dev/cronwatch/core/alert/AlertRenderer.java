package dev.cronwatch.core.alert;

import dev.cronwatch.core.schedule.TimeZones;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a stored alert into what each kind of reader needs: a text for people, the JSON for programs
 * (with AWS Chatbot's custom-notification fields, so Slack and Teams show it formatted), and short
 * chat lines. It works from the stored body alone, so an alert written before a deploy renders the
 * same way after it, and it tolerates a body with fields missing.
 */
public final class AlertRenderer {
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss zzz", Locale.ROOT);

    /** What a test alert (cronwatch-admin test-alert) says first, so no one acts on it. */
    static final String TEST_NOTE = "[TEST: no job failed; sent by cronwatch-admin test-alert]";

    private final String publicUrl;

    /** @param publicUrl where people open cronwatch (the dashboard is at its root); null or blank: no links */
    public AlertRenderer(String publicUrl) {
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "");
    }

    public RenderedAlert render(AlertMessage message) {
        Body b = new Body(message.body());
        String link = link(b);
        List<String> summary = summary(b);
        boolean test = TestAlerts.isTest(message.body());
        String title = (test ? TEST_NOTE + " " : "")
                + (b.opened() ? "\uD83D\uDD34 " : "\u2705 ") + PlainText.shown(b.monitorName()) + " ["
                + PlainText.shown(b.environment()) + "] " + (b.opened() ? "is failing" : "recovered");
        String subject = subject(b.opened(), b.monitorName(), b.environment(), b.failureReason());
        if (test) subject = PlainText.subject(TestAlerts.SUBJECT_PREFIX + subject.replaceFirst("^cronwatch: ", ""));
        Map<String, Object> json = new LinkedHashMap<>(message.body());
        json.put("dashboardUrl", link);
        json.putAll(chatbot(b, subject, title, summary, link));
        String text = (test ? TEST_NOTE + "\n\n" : "") + text(b, link);
        return new RenderedAlert(subject, text, json, title, summary, link);
    }

    /**
     * The subject line, made here from the body as every other form is (so an alert stored before a
     * change of this rule is shown by the rule of today), valid as an SNS subject.
     */
    static String subject(boolean opened, Object monitorName, Object environment, Object failureReason) {
        return PlainText.subject("cronwatch: " + PlainText.shown(monitorName) + " [" + PlainText.shown(environment) + "] "
                + (opened ? "failing: " + PlainText.shown(failureReason) : "recovered"));
    }

    // ---- for people ----

    private String text(Body b, String link) {
        StringBuilder t = new StringBuilder();
        String who = PlainText.shown(b.monitorName()) + " [" + PlainText.shown(b.environment()) + "]";
        if (b.opened()) {
            t.append(who).append(" is failing: ").append(PlainText.shown(b.failureReason())).append("\n\n");
        } else {
            t.append(who).append(" recovered.\n\n");
        }
        String name = PlainText.shown(b.monitorName());
        row(t, "Monitor", name.equals(b.slug()) ? name : name + " (slug " + b.slug() + ")");
        row(t, "Environment", PlainText.shown(b.environment()));
        row(t, "Schedule", b.schedule() + " in " + b.zoneName());
        row(t, "Failure", PlainText.shown(b.failureReason()));
        row(t, "Failing since", when(b.dateStarted(), b.zone()));
        if (!b.opened()) {
            row(t, "Recovered at", when(b.dateResolved(), b.zone()));
            row(t, "Down for", duration(b.dateStarted(), b.dateResolved()));
        }
        row(t, "Last success", b.lastSuccess() == null ? "none recorded" : when(b.lastSuccess(), b.zone()));
        List<Map<String, Object>> checkIns = b.checkIns();
        if (!checkIns.isEmpty()) {
            t.append('\n').append(b.opened() ? "Check-ins that led to it" : "Check-ins that resolved it")
                    .append(", oldest first:\n");
            for (Map<String, Object> c : checkIns) {
                String status = PlainText.shown(c.get("status"));
                Instant added = instant(c.get("dateAdded"));
                Instant expected = instant(c.get("expectedTime"));
                t.append("  ").append(String.format(Locale.ROOT, "%-11s", status)).append(when(added, b.zone()));
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

    private static List<String> summary(Body b) {
        List<String> lines = new ArrayList<>();
        if (b.opened()) {
            lines.add(PlainText.shown(b.failureReason()) + ".");
            lines.add("Failing since " + when(b.dateStarted(), b.zone()) + ".");
        } else {
            lines.add("Recovered at " + when(b.dateResolved(), b.zone()) + " after "
                    + duration(b.dateStarted(), b.dateResolved()) + " (" + PlainText.shown(b.failureReason()) + ").");
        }
        lines.add(b.lastSuccess() == null ? "No successful check-in recorded."
                : "Last success " + when(b.lastSuccess(), b.zone()) + ".");
        lines.add("Schedule `" + b.schedule() + "` in " + b.zoneName() + ".");
        return lines;
    }

    /**
     * Chatbot's custom-notification fields. Opened and resolved share the incident's thread, so a
     * channel that threads notifications shows the recovery under its failure.
     */
    private Map<String, Object> chatbot(Body b, String subject, String title, List<String> summary, String link) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("textType", "client-markdown");
        content.put("title", title);
        content.put("description", String.join("\n", summary));
        content.put("nextSteps", List.of(link != null ? "Open the monitor: " + link
                : "GET /api/0/organizations/" + PlainText.shown(b.organization()) + "/monitors/" + b.slug() + "/checkins/"));
        content.put("keywords", java.util.stream.Stream.of(PlainText.shown(b.reason()), PlainText.shown(b.environment()),
                b.slug()).filter(k -> !k.isEmpty()).toList());

        Map<String, Object> context = new LinkedHashMap<>();
        context.put("organization", PlainText.shown(b.organization()));
        context.put("project", PlainText.shown(b.project()));
        context.put("monitor", b.slug());
        context.put("environment", PlainText.shown(b.environment()));
        context.put("incidentId", PlainText.shown(b.incidentId()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("threadId", PlainText.code(b.incidentId()));
        metadata.put("summary", PlainText.shown(subject));
        metadata.put("eventType", PlainText.code(b.type()));
        metadata.put("additionalContext", context);

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("version", "1.0");
        fields.put("source", "custom");
        fields.put("id", PlainText.code(b.incidentId() + ":" + b.type()));
        fields.put("content", content);
        fields.put("metadata", metadata);
        return fields;
    }

    private String link(Body b) {
        if (publicUrl == null || b.organization() == null || b.slug().isEmpty()) return null;
        return publicUrl + "/#/organizations/" + encode(b.organization()) + "/monitors/" + encode(b.slug())
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

    private static Instant instant(Object value) {
        if (value == null) return null;
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The stored body, read leniently: every getter answers something printable. */
    private record Body(Map<String, Object> map) {
        boolean opened() {
            return !AlertType.RESOLVED.wireName().equals(type());
        }

        String type() {
            return str(map.get("type"), AlertType.OPENED.wireName());
        }

        Map<?, ?> monitor() {
            return map.get("monitor") instanceof Map<?, ?> m ? m : Map.of();
        }

        String slug() {
            return PlainText.shown(str(monitor().get("slug"), ""));
        }

        String monitorName() {
            return str(monitor().get("name"), slug());
        }

        /** A crontab line as is; an interval {@code [2, "hour"]} as "every 2 hour". */
        String schedule() {
            Object s = monitor().get("schedule");
            if (s instanceof List<?> l && l.size() == 2) return PlainText.code("every " + l.get(0) + " " + l.get(1));
            return PlainText.code(str(s, "?"));
        }

        ZoneId zone() {
            try {
                return TimeZones.zone(str(monitor().get("timezone"), null));
            } catch (DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }

        String zoneName() {
            return AlertComposer.zoneName(zone());
        }

        String environment() {
            return str(map.get("environment"), null);
        }

        String organization() {
            return str(map.get("organization"), null);
        }

        String project() {
            return str(map.get("project"), null);
        }

        String incidentId() {
            return str(map.get("incidentId"), "");
        }

        String reason() {
            return str(map.get("reason"), "");
        }

        String failureReason() {
            return str(map.get("failureReason"), "");
        }

        Instant dateStarted() {
            return instant(map.get("dateStarted"));
        }

        Instant dateResolved() {
            return instant(map.get("dateResolved"));
        }

        Instant lastSuccess() {
            return instant(map.get("lastSuccessfulCheckIn"));
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checkIns() {
            if (!(map.get("checkIns") instanceof List<?> list)) return List.of();
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object o : list) if (o instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
            return out;
        }

        private static String str(Object value, String fallback) {
            return value == null ? fallback : value.toString();
        }
    }
}
