package dev.cronwatch.handlers;

import static dev.cronwatch.handlers.HttpEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Sentry's schedule preview route, for every schedule type, from the engine the deadlines use. */
class SchedulePreviewTest {
    static final String PREVIEW = "/api/0/organizations/acme/monitors-schedule-data/";
    final InMemorySystem system = InMemorySystem.seeded();

    APIGatewayV2HTTPResponse preview(String query, String token) {
        return system.handler.handleRequest(HttpEvents.event("GET", PREVIEW + "?" + query,
                Map.of("authorization", "Bearer " + token), (String) null), null);
    }

    List<Instant> ticks(String query) {
        APIGatewayV2HTTPResponse r = preview(query, "acme-token");
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        return ((List<?>) Json.parse(r.getBody())).stream()
                .map(s -> Instant.ofEpochSecond(((Number) s).longValue())).toList();
    }

    @Test
    void countsFromTheStartOfTheCurrentHourAsSentryDoes() {
        system.clock.set(Instant.parse("2026-01-01T10:42:17Z"));
        assertThat(ticks("num_ticks=3&schedule_type=crontab&schedule=0%20*%20*%20*%20*")).containsExactly(
                Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T11:00:00Z"), Instant.parse("2026-01-01T12:00:00Z"));
    }

    @Test
    void everyScheduleTypeInItsZone_afterAGivenStart() {
        String start = "&start=2026-03-28T00:00:00Z";
        assertThat(ticks("num_ticks=2&schedule_type=crontab&schedule=30%202%20*%20*%20*&timezone=Europe/Riga" + start))
                .containsExactly(Instant.parse("2026-03-28T00:30:00Z"), Instant.parse("2026-03-29T00:30:00Z"));
        assertThat(ticks("num_ticks=3&schedule_type=interval&schedule=2&schedule=hour" + start))
                .containsExactly(Instant.parse("2026-03-28T02:00:00Z"), Instant.parse("2026-03-28T04:00:00Z"),
                        Instant.parse("2026-03-28T06:00:00Z"));
        // 03:30 does not happen in Riga on 2026-03-29 (03:00 becomes 04:00): the calendar expression skips it
        assertThat(ticks("num_ticks=3&schedule_type=oncalendar&schedule=*-*-*%2003:30&timezone=Europe/Riga" + start))
                .containsExactly(Instant.parse("2026-03-28T01:30:00Z"), Instant.parse("2026-03-30T00:30:00Z"),
                        Instant.parse("2026-03-31T00:30:00Z"));
    }

    @Test
    void anExpressionWithNothingAfterTheStartAnswersNothing() {
        assertThat(ticks("num_ticks=5&schedule_type=oncalendar&schedule=2027-01-01&start=2027-06-01T00:00:00Z")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "schedule_type=crontab&schedule=0%20*%20*%20*%20*; num_ticks",
            "num_ticks=0&schedule_type=crontab&schedule=0%20*%20*%20*%20*; num_ticks",
            "num_ticks=101&schedule_type=crontab&schedule=0%20*%20*%20*%20*; num_ticks",
            "num_ticks=x&schedule_type=crontab&schedule=0%20*%20*%20*%20*; num_ticks",
            "num_ticks=5&schedule_type=crontab&schedule=61%20*%20*%20*%20*; schedule",
            "num_ticks=5&schedule_type=crontab; schedule",
            "num_ticks=5&schedule_type=interval&schedule=2; schedule",
            "num_ticks=5&schedule_type=interval&schedule=two&schedule=hour; schedule",
            "num_ticks=5&schedule_type=oncalendar&schedule=Fri..Mon; schedule",
            "num_ticks=5&schedule_type=weekly&schedule=x; schedule_type",
            "num_ticks=5&schedule_type=crontab&schedule=0%20*%20*%20*%20*&timezone=UTC%2B2; timezone",
            "num_ticks=5&schedule_type=crontab&schedule=0%20*%20*%20*%20*&start=yesterday; start",
            "num_ticks=5&schedule_type=crontab&schedule=0%20*%20*%20*%20*&start=%2B999999999-01-01T00:00:00Z; start",
    })
    void aBadParameterIsA400NamingIt(String query, String field) {
        APIGatewayV2HTTPResponse r = preview(query, "acme-token");
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(400);
        assertThat(json(r)).containsEntry("field", field);
    }

    @Test
    void anotherOrganizationsTokenIsRefused() {
        APIGatewayV2HTTPResponse r = preview("num_ticks=1&schedule_type=crontab&schedule=0%20*%20*%20*%20*", "globex-token");
        assertThat(r.getStatusCode()).isBetween(401, 404);
    }
}
