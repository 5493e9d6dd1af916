package dev.cronwatch.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random crontabs against cron-utils in the territory where cron-utils is right (no DST zone, at most
 * one of day-of-month and day-of-week restricted): our evaluator must agree with it there, and differs
 * only where the vectors prove cron-utils wrong.
 */
class CronUtilsDifferentialTest {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    @Test
    void agreesWithCronUtilsOnPlainExpressions() throws InvalidScheduleException {
        Random random = new Random(42);
        ZoneId[] zones = {ZoneId.of("UTC"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Etc/GMT+5")};
        int compared = 0;
        for (int i = 0; i < 2_000; i++) {
            String expression = String.join(" ", field(random, 0, 59), field(random, 0, 23),
                    random.nextBoolean() ? "*" : field(random, 1, 28), field(random, 1, 12),
                    "*");
            if (random.nextInt(3) == 0 && expression.split(" ")[2].equals("*")) {
                expression = expression.substring(0, expression.length() - 1) + field(random, 0, 6);
            }
            ZoneId zone = zones[random.nextInt(zones.length)];
            Instant start = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(random.nextInt(400 * 24 * 3600));
            CronExpression ours = CronExpression.parse(expression);
            ExecutionTime theirs = ExecutionTime.forCron(UNIX.parse(expression));
            ZonedDateTime at = start.atZone(zone);
            for (int step = 0; step < 5; step++) {
                ZonedDateTime expected = theirs.nextExecution(at).orElseThrow();
                assertThat(ours.next(at.toInstant(), zone)).as("%s in %s after %s", expression, zone, at)
                        .contains(expected.toInstant());
                ZonedDateTime back = theirs.lastExecution(expected).orElseThrow();
                assertThat(ours.previous(expected.toInstant(), zone)).as("%s before %s", expression, expected)
                        .contains(back.toInstant());
                at = expected;
                compared++;
            }
        }
        assertThat(compared).isEqualTo(10_000);
    }

    private static String field(Random random, int min, int max) {
        return switch (random.nextInt(4)) {
            case 0 -> "*";
            case 1 -> "*/" + (1 + random.nextInt(Math.min(12, max)));
            case 2 -> String.valueOf(min + random.nextInt(max - min + 1));
            default -> {
                int a = min + random.nextInt(max - min + 1);
                int b = a + random.nextInt(max - a + 1);
                yield a + "-" + b;
            }
        };
    }
}
