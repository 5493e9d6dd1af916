package dev.cronwatch.local;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.alert.AlertRenderer;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.adapters.alert.PlainText;
import dev.cronwatch.core.fakes.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Local mode's alert forms: a hostile environment name is shown, never interpreted, in each. */
class NotificationsTest {
    private static final String HOSTILE = "<!channel> <@U024BE7LH> @here [click](https://evil.example) & <https://evil.example|x>\nforged";

    private static PendingAlert hostileAlert() {
        Scenario s = new Scenario(crontab("0 * * * *"));
        s.checkIn("ok", "2020-01-01T09:00:00Z").env(HOSTILE).send();
        s.tick("2020-01-01T10:01:00Z");
        return s.alerts().get(0);
    }

    @Test
    void theSlackWebhookText_showsNamesAsText_withOnlyItsOwnLink() {
        String text = (String) Notifications.slack(new AlertRenderer("http://127.0.0.1:8080").render(hostileAlert().message().body()))
                .get("text");

        String withoutOwnLink = text.replaceAll("\n<http://127\\.0\\.0\\.1:8080/[^|<>]*\\|Open the monitor>$", "");
        assertThat(withoutOwnLink).doesNotContain("<").doesNotContain(">").doesNotContain("@").doesNotContain("](")
                .contains("[" + PlainText.shown(HOSTILE).replace("&", "&amp;") + "]");
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("*").endsWith("is failing*");
    }

    @Test
    void theKeptNotificationAndTheConsole_useTheRenderedSubject() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Notifications notifications = new Notifications(new PrintStream(console, true, StandardCharsets.UTF_8), null,
                Notifications.Format.JSON);
        PendingAlert alert = hostileAlert();
        notifications.publish(alert);

        String subject = (String) notifications.all().get(0).get("subject");
        assertThat(subject).isEqualTo(new AlertRenderer(null).render(alert.message().body()).subject())
                .matches("[\\x20-\\x7e]{1,99}").doesNotContain("<").doesNotContain("@");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(subject).doesNotContain("<!channel>");
    }

    /** The webhook is a copy: a URL the HTTP client refuses fails it alone, never the publish the outbox would repeat. */
    @Test
    void aWebhookThatFailsInAnyWay_isSaidOnce_andTheAlertIsPublishedOnce() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Notifications notifications = new Notifications(new PrintStream(console, true, StandardCharsets.UTF_8),
                URI.create("notaurl"), Notifications.Format.JSON);

        notifications.publish(hostileAlert());

        assertThat(notifications.all()).hasSize(1);
        List<String> lines = console.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).filteredOn(l -> l.startsWith("*** ALERT")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.startsWith("webhook ")).singleElement().asString()
                .startsWith("webhook notaurl failed: ").contains("scheme");
    }

    @Test
    void anUnreachableWebhook_isSaidWithWhatFailed() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Notifications notifications = new Notifications(new PrintStream(console, true, StandardCharsets.UTF_8),
                URI.create("http://127.0.0.1:" + closed + "/hook"), Notifications.Format.SLACK);

        notifications.publish(hostileAlert());

        assertThat(console.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("webhook ")))
                .containsExactly("webhook http://127.0.0.1:" + closed + "/hook failed: could not connect to 127.0.0.1:"
                        + closed + " (the alert is printed and listed all the same)");
    }
}
