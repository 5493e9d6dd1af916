package dev.cronwatch.local;

import static dev.cronwatch.core.fakes.Scenario.crontab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.alert.AlertRenderer;
import dev.cronwatch.core.alert.PendingAlert;
import dev.cronwatch.adapters.alert.PlainText;
import dev.cronwatch.core.fakes.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
}
