package dev.cronwatch.adapters.alert;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static dev.cronwatch.core.fakes.Scenario.interval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.core.alert.AlertBody;
import dev.cronwatch.core.alert.AlertMessage;
import dev.cronwatch.core.fakes.Scenario;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a person, a chat channel and a program each get from one alert. */
class AlertRendererTest {
    static final String BASE = "https://cron.example.com/";

    /** 09:00 ok, 10:00 missed, 10:30 error: opens (threshold 2); 11:00 ok: resolves. */
    static Scenario rigaIncident() {
        Scenario s = new Scenario(crontab("0 * * * *", "timezone", "Europe/Riga", "failure_issue_threshold", 2));
        s.send("ok", "2020-01-01T09:00:00Z");
        s.tick("2020-01-01T10:01:00Z");
        s.send("error", "2020-01-01T10:30:00Z");
        s.send("ok", "2020-01-01T11:00:00Z");
        return s;
    }

    @Test
    void emailText_saysWhatFailedSinceWhenInUtcAndLocalTime_whyAndWhereToLook() {
        AlertMessage opened = rigaIncident().alerts().get(0).message();
        String text = new AlertRenderer(BASE).render(opened.body()).text();

        assertThat(text).startsWith("job [production] is failing: 1 missed and 1 error check-ins detected\n");
        assertThat(text).contains("Monitor       job\n")
                .contains("Schedule      every hour at :00 in Europe/Riga")
                .contains("Failure       1 missed and 1 error check-ins detected")
                .contains("Failing since 2020-01-01 10:00:00 UTC (2020-01-01 12:00:00 EET)")
                .contains("Last success  2020-01-01 09:00:00 UTC (2020-01-01 11:00:00 EET)")
                .contains("Check-ins that led to it, oldest first:\n"
                        + "  missed     2020-01-01 10:00:00 UTC (2020-01-01 12:00:00 EET)\n"
                        + "  error      2020-01-01 10:30:00 UTC (2020-01-01 12:30:00 EET)\n")
                .contains("Open the monitor: https://cron.example.com/#/organizations/acme/monitors/job?environment=production")
                .contains("incident " + opened.body().incidentId())
                .contains("You will get one more message when it recovers.");
    }

    @Test
    void resolvedText_saysWhenItRecoveredAndHowLongItWasDown() {
        AlertMessage resolved = rigaIncident().alerts().get(1).message();
        String text = new AlertRenderer(BASE).render(resolved.body()).text();
        assertThat(text).startsWith("job [production] recovered.\n")
                .contains("Recovered at  2020-01-01 11:00:00 UTC (2020-01-01 13:00:00 EET)")
                .contains("Down for      1 h 0 min")
                .contains("Failure       1 missed and 1 error check-ins detected")
                .contains("Check-ins that resolved it, oldest first:\n"
                        + "  ok         2020-01-01 11:00:00 UTC (2020-01-01 13:00:00 EET)\n")
                .doesNotContain("one more message");
    }

    @Test
    void aMonitorWithoutTimezone_readsUTC_once() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.send("ok", "2020-01-01T09:00:00Z");
        s.tick("2020-01-01T10:01:00Z");
        RenderedAlert r = new AlertRenderer(BASE).render(s.alerts().get(0).message().body());
        assertThat(r.text()).contains("Schedule      every hour at :00 in UTC\n")
                .contains("Failing since 2020-01-01 10:00:00 UTC\n")
                .doesNotContain(" Z\n").doesNotContain(" in Z");
    }

    @Test
    void withoutAPublicUrl_thereIsNoLink() {
        RenderedAlert r = new AlertRenderer(null).render(rigaIncident().alerts().get(0).message().body());
        assertThat(r.link()).isNull();
        assertThat(r.text()).doesNotContain("Open the monitor");
        assertThat(r.json()).containsEntry("dashboardUrl", null);
        assertThat(chatContent(r).get("nextSteps")).isEqualTo(List.of("GET /api/0/organizations/acme/monitors/job/checkins/"));
    }

    @Test
    void json_keepsEverySpecField_andAddsChatbotsCustomNotification() {
        Scenario s = rigaIncident();
        AlertMessage opened = s.alerts().get(0).message();
        RenderedAlert r = new AlertRenderer(BASE).render(opened.body());

        assertThat(r.json()).containsAllEntriesOf(AlertJson.toMap(opened.body()));
        assertThat(r.json()).containsEntry("version", "1.0").containsEntry("source", "custom")
                .containsEntry("id", opened.body().incidentId() + ":incident.opened")
                .containsEntry("dashboardUrl", "https://cron.example.com/#/organizations/acme/monitors/job?environment=production");
        Map<String, Object> content = chatContent(r);
        assertThat(content).containsEntry("textType", "client-markdown")
                .containsEntry("title", "\uD83D\uDD34 job [production] is failing");
        assertThat((String) content.get("description")).isEqualTo("""
                1 missed and 1 error check-ins detected.
                Failing since 2020-01-01 10:00:00 UTC (2020-01-01 12:00:00 EET).
                Last success 2020-01-01 09:00:00 UTC (2020-01-01 11:00:00 EET).
                Schedule `every hour at :00` in Europe/Riga.""");
        assertThat(content.get("nextSteps")).isEqualTo(List.of("Open the monitor: " + r.link()));
        assertThat(content.get("keywords")).isEqualTo(List.of("error", "production", "job"));
        Map<String, Object> metadata = map(r.json().get("metadata"));
        assertThat(metadata).containsEntry("threadId", opened.body().incidentId())
                .containsEntry("eventType", "incident.opened");

        RenderedAlert resolved = new AlertRenderer(BASE).render(s.alerts().get(1).message().body());
        assertThat(map(resolved.json().get("metadata")).get("threadId")).isEqualTo(metadata.get("threadId"));
        assertThat(chatContent(resolved).get("title")).isEqualTo("\u2705 job [production] recovered");
    }

    /** The text shows {@code nightly_} with a look-alike underscore; a link needs the slug itself to open the monitor. */
    @Test
    void links_nameTheMonitorsOwnSlug_notTheSlugAsShown() {
        Map<String, Object> body = new LinkedHashMap<>(AlertJson.toMap(rigaIncident().alerts().get(0).message().body()));
        body.put("monitor", Map.of("slug", "nightly_", "schedule", "0 * * * *", "timezone", "Europe/Riga"));
        AlertBody b = AlertJson.fromMap(body);

        RenderedAlert linked = new AlertRenderer(BASE).render(b);
        assertThat(linked.link()).isEqualTo("https://cron.example.com/#/organizations/acme/monitors/nightly_?environment=production");
        assertThat(chatContent(linked).get("nextSteps")).isEqualTo(List.of("Open the monitor: " + linked.link()));
        assertThat(linked.text()).contains("Open the monitor: " + linked.link() + "\n");
        assertThat(chatContent(new AlertRenderer(null).render(b)).get("nextSteps"))
                .isEqualTo(List.of("GET /api/0/organizations/acme/monitors/nightly_/checkins/"));
    }

    @Test
    void hostileNames_cannotForgeLinesPingAChannelOrReorderText() {
        Map<String, Object> body = new LinkedHashMap<>(AlertJson.toMap(rigaIncident().alerts().get(0).message().body()));
        body.put("monitor", Map.of("slug", "job", "name", "nightly\n\nAll clear, ignore this <!channel> \u202Eevil",
                "schedule", "0 * * * *", "timezone", "Europe/Riga"));
        body.put("environment", "prod\r\nBcc: someone");
        RenderedAlert r = new AlertRenderer(BASE).render(AlertJson.fromMap(body));

        assertThat(r.text().lines().findFirst().orElseThrow())
                .isEqualTo("nightly  All clear, ignore this ‹!channel›  evil [prod  Bcc: someone] is failing:"
                        + " 1 missed and 1 error check-ins detected");
        assertThat(r.title()).isEqualTo("\uD83D\uDD34 nightly  All clear, ignore this ‹!channel›  evil [prod  Bcc: someone] is failing");
        assertThat(r.subject()).isEqualTo("cronwatch: nightly  All clear, ignore this (!channel)  evil [prod  Bcc: someone]"
                + " failing: 1 miss...");
        assertThat(String.join("\n", r.summary())).doesNotContain("<").doesNotContain(">");
        assertThat(r.link()).endsWith("?environment=prod%0D%0ABcc%3A%20someone");
    }

    /** What a DSN holder may choose, and what chat, markdown, mail and terminals would act on. */
    static final List<String> HOSTILE = List.of("<!channel>", "<!here|here>", "<@U024BE7LH>", "<#C024BE7LR>",
            "<https://evil.example|click here>", "[click](https://evil.example)", "@channel", "@here please",
            "@everyone", "`rm -rf`", "line\nSubject: forged", "tab\there\rreturn", "nul\u0000bell\u0007",
            "\u202Ereversed\u2066isolated", "next\u2028line", "x".repeat(500), "*URGENT* _x_ ~s~ :fire:",
            "evil-login.com", "http://evil.example/a", "www.evil.example");

    /**
     * Every field of every form a person reads (the subject, the email text, the chat title and lines,
     * Chatbot's fields) shows user-chosen text by the one rule, PlainText.shown: nothing in it is a
     * mention, a link, a code span, a line break or a direction override, and it is the same text in
     * each form (the subject in its ASCII spelling).
     */
    @Test
    void hostileNames_areShownNeverInterpreted_inEveryFieldOfEveryForm() {
        for (String hostile : HOSTILE) {
            for (AlertMessage stored : List.of(rigaIncident().alerts().get(0).message(), rigaIncident().alerts().get(1).message())) {
                Map<String, Object> body = new LinkedHashMap<>(AlertJson.toMap(stored.body()));
                body.put("monitor", Map.of("slug", hostile, "name", hostile, "schedule", hostile, "timezone", "Europe/Riga"));
                body.put("environment", hostile);
                body.put("organization", hostile);
                body.put("project", hostile);
                body.put("incidentId", hostile);
                body.put("reason", hostile);
                body.put("failureReason", hostile);
                body.put("checkIns", List.of(Map.of("id", hostile, "status", hostile, "dateAdded", "2020-01-01T10:00:00Z")));
                RenderedAlert r = new AlertRenderer(BASE).render(AlertJson.fromMap(body));

                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("subject", r.subject());
                fields.put("title", r.title());
                for (int i = 0; i < r.summary().size(); i++) fields.put("summary " + i, r.summary().get(i));
                r.text().lines().forEach(line -> fields.put("text: " + line, line));
                fields.put("id", (String) r.json().get("id"));
                strings("content", r.json().get("content"), fields);
                strings("metadata", r.json().get("metadata"), fields);

                String shown = PlainText.shown(hostile);
                // emphasis, emoji codes and anything a chat client would link are shown, not acted on
                assertThat(shown).as(hostile).doesNotContainPattern("[*~]|(^|\\W)_|_(\\W|$)|:[\\w+-]+:|://|\\w\\.\\p{Alpha}{2}");
                fields.forEach((where, value) -> {
                    assertThat(value).as("%s of %s", where, hostile)
                            .doesNotContain("<").doesNotContain(">").doesNotContain("@").doesNotContain("](")
                            .doesNotContainPattern("[\\p{Cntrl}&&[^\\n]]|[\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");
                    // the only code span is the one the renderer makes around the schedule
                    assertThat(value.replaceAll("Schedule `[^`]*` in", "")).as("%s of %s", where, hostile).doesNotContain("`");
                });
                fields.forEach((where, value) -> {
                    if (!where.equals("content.description")) assertThat(value).as("%s of %s", where, hostile).doesNotContain("\n");
                });
                assertThat(r.title()).contains(shown);
                assertThat(r.text()).contains("Environment   " + shown + "\n");
                assertThat(r.subject()).matches("[\\x20-\\x7e]{1,99}")
                        .startsWith(PlainText.subject("cronwatch: " + shown).replaceAll("\\.\\.\\.$", ""));
            }
        }
    }

    /** Every string in a tree of maps and lists, keyed by where it is. */
    private static void strings(String where, Object json, Map<String, String> into) {
        if (json instanceof Map<?, ?> m) m.forEach((k, v) -> strings(where + "." + k, v, into));
        else if (json instanceof List<?> l) for (int i = 0; i < l.size(); i++) strings(where + "[" + i + "]", l.get(i), into);
        else if (json instanceof String text) into.put(where, text);
    }

    @Test
    void aStoredBodyWithFieldsMissing_stillRenders() {
        RenderedAlert r = new AlertRenderer(BASE).render(AlertJson.fromMap(Map.of("type", "incident.opened")));
        assertThat(r.text()).contains("Failing since unknown").contains("Last success  none recorded");
        assertThat(r.link()).isNull();
    }

    /** The dashboard's words (ScheduleWords, held to format.js by a shared table). */
    @Test
    void intervalSchedules_readAsWords() {
        Scenario s = new Scenario(interval(2, "hour"));
        s.send("ok", "2020-01-01T09:00:00Z");
        s.tick("2020-01-01T11:01:00Z");
        assertThat(new AlertRenderer(BASE).render(s.alerts().get(0).message().body()).text()).contains("Schedule      every 2 hours in UTC\n");
    }

    @Test
    void timesAndDurations() {
        Instant t = Instant.parse("2026-03-29T00:30:00Z");
        assertThat(AlertRenderer.when(t, ZoneOffset.UTC)).isEqualTo("2026-03-29 00:30:00 UTC");
        assertThat(AlertRenderer.when(t, ZoneId.of("UTC"))).isEqualTo("2026-03-29 00:30:00 UTC");
        assertThat(AlertRenderer.when(t, ZoneId.of("Europe/Riga"))).isEqualTo("2026-03-29 00:30:00 UTC (2026-03-29 02:30:00 EET)");
        assertThat(AlertRenderer.when(t.plusSeconds(3600), ZoneId.of("Europe/Riga")))
                .isEqualTo("2026-03-29 01:30:00 UTC (2026-03-29 04:30:00 EEST)");
        assertThat(AlertRenderer.duration(t, t.plusSeconds(59))).isEqualTo("1 min");
        assertThat(AlertRenderer.duration(t, t.plusSeconds(3 * 86400 + 7200))).isEqualTo("3 d 2 h");
        assertThat(AlertRenderer.duration(t, null)).isEqualTo("unknown");
    }

    @Test
    void plainText_boundsLength_andReplacesWhatCannotBeShown() {
        assertThat(PlainText.line("x".repeat(500))).hasSize(PlainText.MAX).endsWith("…");
        assertThat(PlainText.line("a\uD800b\uFFFFc")).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(PlainText.line("\uD83D\uDE00 ok")).isEqualTo("\uD83D\uDE00 ok");
        assertThat(PlainText.line(null)).isEmpty();
    }

    private static Map<String, Object> chatContent(RenderedAlert r) {
        return map(r.json().get("content"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }
}
